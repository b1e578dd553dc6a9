package tlslab.handshake;

/**
 * SignatureAndHashAlgorithm values (RFC 5246 §7.4.1.4.1; names as RFC 8446 spells them). This
 * library signs with rsa_pkcs1_sha256 only, the one every TLS 1.2 peer accepts for RSA keys.
 */
public final class SignatureScheme {
    public static final int RSA_PKCS1_SHA1 = 0x0201;
    public static final int RSA_PKCS1_SHA256 = 0x0401;
    public static final int RSA_PKCS1_SHA384 = 0x0501;
    public static final int RSA_PKCS1_SHA512 = 0x0601;

    private SignatureScheme() {
    }

    public static String nameOf(int code) {
        return switch (code) {
            case RSA_PKCS1_SHA1 -> "rsa_pkcs1_sha1";
            case RSA_PKCS1_SHA256 -> "rsa_pkcs1_sha256";
            case RSA_PKCS1_SHA384 -> "rsa_pkcs1_sha384";
            case RSA_PKCS1_SHA512 -> "rsa_pkcs1_sha512";
            case 0x0203 -> "ecdsa_sha1";
            case 0x0403 -> "ecdsa_secp256r1_sha256";
            case 0x0503 -> "ecdsa_secp384r1_sha384";
            case 0x0603 -> "ecdsa_secp521r1_sha512";
            case 0x0804 -> "rsa_pss_rsae_sha256";
            case 0x0805 -> "rsa_pss_rsae_sha384";
            case 0x0806 -> "rsa_pss_rsae_sha512";
            case 0x0807 -> "ed25519";
            case 0x0808 -> "ed448";
            case 0x0809 -> "rsa_pss_pss_sha256";
            default -> String.format("0x%04X", code);
        };
    }

    /** The JCA name for the schemes we verify, or null. */
    public static String jcaName(int code) {
        return switch (code) {
            case RSA_PKCS1_SHA1 -> "SHA1withRSA";
            case RSA_PKCS1_SHA256 -> "SHA256withRSA";
            case RSA_PKCS1_SHA384 -> "SHA384withRSA";
            case RSA_PKCS1_SHA512 -> "SHA512withRSA";
            default -> null;
        };
    }
}
