package tlslab.handshake;

/**
 * HandshakeType codes (RFC 5246 §7.4, RFC 8446 §4). Some exist in one version only: HelloRequest,
 * ServerKeyExchange, ServerHelloDone and ClientKeyExchange are gone from TLS 1.3, which adds
 * NewSessionTicket, EndOfEarlyData, EncryptedExtensions, KeyUpdate and message_hash.
 */
public enum HandshakeType {
    HELLO_REQUEST(0, "HelloRequest", true, false),
    CLIENT_HELLO(1, "ClientHello", true, true),
    SERVER_HELLO(2, "ServerHello", true, true),
    NEW_SESSION_TICKET(4, "NewSessionTicket", false, true),
    END_OF_EARLY_DATA(5, "EndOfEarlyData", false, true),
    ENCRYPTED_EXTENSIONS(8, "EncryptedExtensions", false, true),
    CERTIFICATE(11, "Certificate", true, true),
    SERVER_KEY_EXCHANGE(12, "ServerKeyExchange", true, false),
    CERTIFICATE_REQUEST(13, "CertificateRequest", true, true),
    SERVER_HELLO_DONE(14, "ServerHelloDone", true, false),
    CERTIFICATE_VERIFY(15, "CertificateVerify", true, true),
    CLIENT_KEY_EXCHANGE(16, "ClientKeyExchange", true, false),
    FINISHED(20, "Finished", true, true),
    KEY_UPDATE(24, "KeyUpdate", false, true),
    /** Never sent: stands in for ClientHello1 in the transcript after a HelloRetryRequest (RFC 8446 §4.4.1). */
    MESSAGE_HASH(254, "message_hash", false, true);

    public final int code;
    /** The RFC's name for the message, e.g. "ClientHello". */
    public final String rfcName;
    /** Whether TLS 1.2 (RFC 5246) has this message; TLS 1.3 (RFC 8446)? */
    public final boolean inTls12, inTls13;

    HandshakeType(int code, String rfcName, boolean inTls12, boolean inTls13) {
        this.code = code;
        this.rfcName = rfcName;
        this.inTls12 = inTls12;
        this.inTls13 = inTls13;
    }

    public static HandshakeType of(int code) {
        for (HandshakeType t : values()) {
            if (t.code == code) return t;
        }
        return null;
    }
}
