package tlslab.crypto;

/**
 * The cipher suites this library implements, with the parameters RFC 5246 Appendix C, RFC 5288
 * and RFC 4492 give them. Names are IANA's.
 */
public enum CipherSuite {
    TLS_RSA_WITH_AES_128_CBC_SHA(0x002F, KeyExchange.RSA, false, "HmacSHA1", 20, "AES128-SHA"),
    TLS_RSA_WITH_AES_128_CBC_SHA256(0x003C, KeyExchange.RSA, false, "HmacSHA256", 32, "AES128-SHA256"),
    TLS_RSA_WITH_AES_128_GCM_SHA256(0x009C, KeyExchange.RSA, true, null, 0, "AES128-GCM-SHA256"),
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA(0xC013, KeyExchange.ECDHE, false, "HmacSHA1", 20, "ECDHE-RSA-AES128-SHA"),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xC02F, KeyExchange.ECDHE, true, null, 0, "ECDHE-RSA-AES128-GCM-SHA256");

    public final int id;
    public final KeyExchange keyExchange;

    /** AES-GCM (AEAD) if true, else AES-CBC with HMAC, MAC-then-encrypt. */
    public final boolean aead;
    public final String macAlgorithm;
    public final int macLength;
    public final String openSslName;

    public static final int ENC_KEY_LENGTH = 16;
    /** The signal a client retrying with a lower version adds to its suites (RFC 7507). */
    public static final int TLS_FALLBACK_SCSV = 0x5600;

    CipherSuite(int id, KeyExchange keyExchange, boolean aead, String macAlgorithm, int macLength, String openSslName) {
        this.id = id;
        this.keyExchange = keyExchange;
        this.aead = aead;
        this.macAlgorithm = macAlgorithm;
        this.macLength = macLength;
        this.openSslName = openSslName;
    }

    /**
     * GCM takes a 4-byte implicit salt from the key block. CBC takes none: TLS 1.2 sends a fresh IV
     * with every record, so RFC 5246 §6.3 generates key-block IVs only for AEAD suites.
     */
    public int fixedIvLength() {
        return aead ? 4 : 0;
    }

    /** Bytes of key block: two MAC keys, two encryption keys, two IVs. */
    public int keyBlockLength() {
        return 2 * (macLength + ENC_KEY_LENGTH + fixedIvLength());
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

    /** IANA name for a code, also for suites we don't implement (by their hex code). */
    public static String nameOf(int id) {
        CipherSuite s = byId(id);
        if (s != null) return s.name();
        return switch (id) {
            case 0x00FF -> "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";
            case TLS_FALLBACK_SCSV -> "TLS_FALLBACK_SCSV";
            default -> String.format("0x%04X (not implemented here)", id);
        };
    }
}
