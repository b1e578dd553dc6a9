package tlslab.handshake;

/** HandshakeType codes (RFC 5246 §7.4). */
public enum HandshakeType {
    HELLO_REQUEST(0, "HelloRequest"),
    CLIENT_HELLO(1, "ClientHello"),
    SERVER_HELLO(2, "ServerHello"),
    CERTIFICATE(11, "Certificate"),
    SERVER_KEY_EXCHANGE(12, "ServerKeyExchange"),
    CERTIFICATE_REQUEST(13, "CertificateRequest"),
    SERVER_HELLO_DONE(14, "ServerHelloDone"),
    CERTIFICATE_VERIFY(15, "CertificateVerify"),
    CLIENT_KEY_EXCHANGE(16, "ClientKeyExchange"),
    FINISHED(20, "Finished");

    public final int code;
    /** The RFC's name for the message, e.g. "ClientHello". */
    public final String rfcName;

    HandshakeType(int code, String rfcName) {
        this.code = code;
        this.rfcName = rfcName;
    }

    public static HandshakeType of(int code) {
        for (HandshakeType t : values()) {
            if (t.code == code) return t;
        }
        return null;
    }
}
