package tlslab.crypto;

import tlslab.crypto.tls13.Tls13CipherSuite;

/**
 * The cipher suites this library implements, with the parameters RFC 5246 Appendix C, RFC 5288,
 * RFC 5289, RFC 7905 and RFC 4492 give them. Names are IANA's.
 */
public enum CipherSuite {
    TLS_RSA_WITH_AES_128_CBC_SHA(0x002F, KeyExchange.RSA, BulkCipher.AES_128_CBC, "HmacSHA1", 20, Hash.SHA256,
            "AES128-SHA"),
    TLS_RSA_WITH_AES_128_CBC_SHA256(0x003C, KeyExchange.RSA, BulkCipher.AES_128_CBC, "HmacSHA256", 32, Hash.SHA256,
            "AES128-SHA256"),
    TLS_RSA_WITH_AES_128_GCM_SHA256(0x009C, KeyExchange.RSA, BulkCipher.AES_128_GCM, null, 0, Hash.SHA256,
            "AES128-GCM-SHA256"),
    TLS_RSA_WITH_AES_256_GCM_SHA384(0x009D, KeyExchange.RSA, BulkCipher.AES_256_GCM, null, 0, Hash.SHA384,
            "AES256-GCM-SHA384"),
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA(0xC013, KeyExchange.ECDHE, BulkCipher.AES_128_CBC, "HmacSHA1", 20, Hash.SHA256,
            "ECDHE-RSA-AES128-SHA"),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xC02F, KeyExchange.ECDHE, BulkCipher.AES_128_GCM, null, 0, Hash.SHA256,
            "ECDHE-RSA-AES128-GCM-SHA256"),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xC030, KeyExchange.ECDHE, BulkCipher.AES_256_GCM, null, 0, Hash.SHA384,
            "ECDHE-RSA-AES256-GCM-SHA384"),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA8, KeyExchange.ECDHE, BulkCipher.CHACHA20_POLY1305, null, 0,
            Hash.SHA256, "ECDHE-RSA-CHACHA20-POLY1305");

    /**
     * The record protection of a suite, with the key-block sizes of RFC 5246 §6.3 (enc_key_length,
     * fixed_iv_length). CBC takes no key-block IV: TLS 1.2 sends a fresh one with every record.
     * GCM takes a 4-byte implicit salt (RFC 5288 §3); ChaCha20-Poly1305 a 12-byte IV that is
     * XORed with the sequence number (RFC 7905 §2).
     */
    public enum BulkCipher {
        AES_128_CBC("AES-128-CBC", 16, 0, false),
        AES_128_GCM("AES-128-GCM", 16, 4, true),
        AES_256_GCM("AES-256-GCM", 32, 4, true),
        CHACHA20_POLY1305("ChaCha20-Poly1305", 32, 12, true);

        public final String displayName;
        public final int keyLength;
        public final int fixedIvLength;
        public final boolean aead;

        BulkCipher(String displayName, int keyLength, int fixedIvLength, boolean aead) {
            this.displayName = displayName;
            this.keyLength = keyLength;
            this.fixedIvLength = fixedIvLength;
            this.aead = aead;
        }
    }

    public final int id;
    public final KeyExchange keyExchange;
    public final BulkCipher bulkCipher;

    /** AEAD (AES-GCM or ChaCha20-Poly1305) if true, else AES-CBC with HMAC, MAC-then-encrypt. */
    public final boolean aead;
    public final String macAlgorithm;
    public final int macLength;
    /** Bytes of each encryption key: 16 for AES-128, 32 for AES-256 and ChaCha20. */
    public final int encKeyLength;
    /** The hash of the PRF and of the Finished message: SHA-384 for the *_SHA384 suites (RFC 5289 §3). */
    public final Hash prfHash;
    public final String openSslName;

    /**
     * The key length of the AES-128 suites, from when every suite here was one. Each suite has its
     * own: {@link #encKeyLength}.
     */
    public static final int ENC_KEY_LENGTH = 16;
    /** The signal a client retrying with a lower version adds to its suites (RFC 7507). */
    public static final int TLS_FALLBACK_SCSV = 0x5600;

    CipherSuite(int id, KeyExchange keyExchange, BulkCipher bulkCipher, String macAlgorithm, int macLength, Hash prfHash,
                String openSslName) {
        this.id = id;
        this.keyExchange = keyExchange;
        this.bulkCipher = bulkCipher;
        this.aead = bulkCipher.aead;
        this.macAlgorithm = macAlgorithm;
        this.macLength = macLength;
        this.encKeyLength = bulkCipher.keyLength;
        this.prfHash = prfHash;
        this.openSslName = openSslName;
    }

    /** Bytes of implicit IV per direction in the key block: 4 for GCM, 12 for ChaCha20-Poly1305, 0 for CBC. */
    public int fixedIvLength() {
        return bulkCipher.fixedIvLength;
    }

    /** Bytes of key block: two MAC keys, two encryption keys, two IVs. */
    public int keyBlockLength() {
        return 2 * (macLength + encKeyLength + fixedIvLength());
    }

    public static CipherSuite byId(int id) {
        for (CipherSuite s : values()) {
            if (s.id == id) return s;
        }
        return null;
    }

    /** Accepts the IANA name (or OpenSSL's); the error lists what is available. */
    public static CipherSuite byName(String name) {
        for (CipherSuite s : values()) {
            if (s.name().equalsIgnoreCase(name) || s.openSslName.equalsIgnoreCase(name)) return s;
        }
        StringBuilder known = new StringBuilder();
        for (CipherSuite s : values()) known.append("\n  ").append(s.name());
        throw new IllegalArgumentException("unknown cipher suite \"" + name + "\"; this library implements:" + known);
    }

    /** IANA name for a code, a TLS 1.3 suite's too, and the hex code of suites we don't implement. */
    public static String nameOf(int id) {
        CipherSuite s = byId(id);
        if (s != null) return s.name();
        Tls13CipherSuite s13 = Tls13CipherSuite.byCode(id);
        if (s13 != null) return s13.name() + " (TLS 1.3)";
        return switch (id) {
            case 0x00FF -> "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";
            case TLS_FALLBACK_SCSV -> "TLS_FALLBACK_SCSV";
            default -> String.format("0x%04X (not implemented here)", id);
        };
    }
}
