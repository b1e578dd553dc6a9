package tlslab.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash a cipher suite names, for both versions, from the JDK. TLS 1.2 (RFC 5246 §5, §7.4.9): the
 * PRF's and Finished's hash, SHA-256 unless the suite says otherwise, SHA-384 for the *_SHA384 suites
 * of RFC 5289. TLS 1.3 (RFC 8446 §7.1): the hash of Transcript-Hash and HKDF, SHA-256 for
 * TLS_AES_128_GCM_SHA256 and TLS_CHACHA20_POLY1305_SHA256, SHA-384 for TLS_AES_256_GCM_SHA384.
 */
public enum Hash {
    SHA256("SHA-256", "HmacSHA256", 32),
    SHA384("SHA-384", "HmacSHA384", 48);

    public final String jcaName;
    public final String hmacName;
    private final int length;

    Hash(String jcaName, String hmacName, int length) {
        this.jcaName = jcaName;
        this.hmacName = hmacName;
        this.length = length;
    }

    /** The hash whose HMAC the JCA calls {@code hmacName} ("HmacSHA256", "HmacSHA384"). */
    public static Hash ofHmacName(String hmacName) {
        for (Hash h : values()) {
            if (h.hmacName.equals(hmacName)) return h;
        }
        throw new IllegalArgumentException("no hash here has an HMAC called \"" + hmacName + "\" (HmacSHA256 or HmacSHA384)");
    }

    /** Hash.length in the RFC: the output length in bytes. */
    public int length() {
        return length;
    }

    /** The "0" of RFC 8446 §7.1: Hash.length bytes set to zero, for a secret that is not there. */
    public byte[] zeros() {
        return new byte[length];
    }

    public byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }

    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaName + " unavailable in this JDK", e);
        }
    }

    /** HMAC-Hash(key, data) (RFC 2104). Every key in TLS 1.3 is at least one byte long. */
    public byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hmacName);
            mac.init(new SecretKeySpec(key, hmacName));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmacName + " unavailable in this JDK", e);
        }
    }
}
