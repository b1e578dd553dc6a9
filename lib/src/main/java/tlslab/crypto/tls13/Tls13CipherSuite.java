package tlslab.crypto.tls13;

import tlslab.crypto.Hash;

/**
 * The TLS 1.3 cipher suites of RFC 8446 §B.4 that this library will implement. A 1.3 suite names only
 * the AEAD and the hash; key exchange and signature are negotiated separately. Every AEAD here takes a
 * 12-byte nonce, so every write_iv is 12 bytes (§5.3: iv_length is max(8 bytes, N_MIN) = 12).
 */
public enum Tls13CipherSuite {
    TLS_AES_128_GCM_SHA256(0x1301, Hash.SHA256, 16),
    TLS_AES_256_GCM_SHA384(0x1302, Hash.SHA384, 32),
    TLS_CHACHA20_POLY1305_SHA256(0x1303, Hash.SHA256, 32);

    public static final int IV_LENGTH = 12;

    public final int code;
    public final Hash hash;
    public final int keyLength;

    Tls13CipherSuite(int code, Hash hash, int keyLength) {
        this.code = code;
        this.hash = hash;
        this.keyLength = keyLength;
    }

    /** The suite with this 2-byte code, or null for one this library does not know. */
    public static Tls13CipherSuite byCode(int code) {
        for (Tls13CipherSuite s : values()) {
            if (s.code == code) return s;
        }
        return null;
    }
}
