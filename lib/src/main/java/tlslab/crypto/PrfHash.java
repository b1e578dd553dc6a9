package tlslab.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * The hash a TLS 1.2 cipher suite names for its PRF (RFC 5246 §5) and for the Finished hash
 * (§7.4.9): SHA-256 unless the suite says otherwise, SHA-384 for the *_SHA384 suites of RFC 5289.
 * Only names here, so {@link CipherSuite} does not depend on the PRF code.
 */
public enum PrfHash {
    SHA256("SHA-256", "HmacSHA256", 32),
    SHA384("SHA-384", "HmacSHA384", 48);

    /** The JCA names of the digest and of its HMAC. */
    public final String digestAlgorithm;
    public final String hmacAlgorithm;
    /** Output bytes of the hash (and of one HMAC block of P_hash). */
    public final int length;

    PrfHash(String digestAlgorithm, String hmacAlgorithm, int length) {
        this.digestAlgorithm = digestAlgorithm;
        this.hmacAlgorithm = hmacAlgorithm;
        this.length = length;
    }

    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(digestAlgorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digestAlgorithm + " unavailable in this JDK", e);
        }
    }
}
