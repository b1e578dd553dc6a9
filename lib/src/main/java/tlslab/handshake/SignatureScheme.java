package tlslab.handshake;

import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * SignatureAndHashAlgorithm values (RFC 5246 §7.4.1.4.1; names as RFC 8446 spells them). This
 * library signs with RSA keys: PKCS#1 v1.5 (rsa_pkcs1_*) and, for peers that list only those,
 * RSA-PSS (rsa_pss_rsae_*, which RFC 8446 §4.2.3 allows in TLS 1.2 too).
 */
public final class SignatureScheme {
    public static final int RSA_PKCS1_SHA1 = 0x0201;
    public static final int RSA_PKCS1_SHA256 = 0x0401;
    public static final int RSA_PKCS1_SHA384 = 0x0501;
    public static final int RSA_PKCS1_SHA512 = 0x0601;
    public static final int RSA_PSS_RSAE_SHA256 = 0x0804;
    public static final int RSA_PSS_RSAE_SHA384 = 0x0805;
    public static final int RSA_PSS_RSAE_SHA512 = 0x0806;

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
            case RSA_PSS_RSAE_SHA256 -> "rsa_pss_rsae_sha256";
            case RSA_PSS_RSAE_SHA384 -> "rsa_pss_rsae_sha384";
            case RSA_PSS_RSAE_SHA512 -> "rsa_pss_rsae_sha512";
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
            case RSA_PSS_RSAE_SHA256, RSA_PSS_RSAE_SHA384, RSA_PSS_RSAE_SHA512 -> "RSASSA-PSS";
            default -> null;
        };
    }

    /** RSA-PSS's parameters: MGF1 with the same hash, salt as long as the hash (RFC 8446 §4.2.3); null for the others. */
    public static PSSParameterSpec pssParameters(int code) {
        return switch (code) {
            case RSA_PSS_RSAE_SHA256 -> new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
            case RSA_PSS_RSAE_SHA384 -> new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1);
            case RSA_PSS_RSAE_SHA512 -> new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1);
            default -> null;
        };
    }
}
