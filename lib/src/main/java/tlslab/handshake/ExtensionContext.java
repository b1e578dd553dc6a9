package tlslab.handshake;

import java.util.Set;

/**
 * The TLS 1.3 messages that carry extensions, with RFC 8446 §4.2's abbreviations. Some extension
 * bodies depend on the message (key_share holds a list in a ClientHello, one entry in a ServerHello
 * and only a group in a HelloRetryRequest), and the table in §4.2 says where each may appear.
 */
public enum ExtensionContext {
    CLIENT_HELLO("CH", "ClientHello"),
    SERVER_HELLO("SH", "ServerHello"),
    HELLO_RETRY_REQUEST("HRR", "HelloRetryRequest"),
    ENCRYPTED_EXTENSIONS("EE", "EncryptedExtensions"),
    CERTIFICATE("CT", "Certificate"),
    CERTIFICATE_REQUEST("CR", "CertificateRequest"),
    NEW_SESSION_TICKET("NST", "NewSessionTicket");

    public final String abbreviation;
    public final String messageName;

    ExtensionContext(String abbreviation, String messageName) {
        this.abbreviation = abbreviation;
        this.messageName = messageName;
    }

    /**
     * Whether RFC 8446 §4.2 lets extension {@code type} appear here. "If an implementation receives
     * an extension which it recognizes and which is not specified for the message in which it
     * appears, it MUST abort the handshake with an illegal_parameter alert." Extensions missing
     * from the table are not recognized, so they may appear anywhere (and are ignored).
     */
    public boolean allows(int type) {
        Set<ExtensionContext> where = allowedIn(type);
        return where == null || where.contains(this);
    }

    /** The messages the table lists for {@code type}, or null if the table does not list it. */
    public static Set<ExtensionContext> allowedIn(int type) {
        return switch (type) {
            case 0, 1, 10, 14, 15, 16, 19, 20 -> Set.of(CLIENT_HELLO, ENCRYPTED_EXTENSIONS);
            case 28 -> Set.of(CLIENT_HELLO, ENCRYPTED_EXTENSIONS);   // record_size_limit, RFC 8449 §4 (after RFC 8446's table)
            case 5, 18 -> Set.of(CLIENT_HELLO, CERTIFICATE_REQUEST, CERTIFICATE);
            case 13, 47, 50 -> Set.of(CLIENT_HELLO, CERTIFICATE_REQUEST);
            case 21, 45, 49 -> Set.of(CLIENT_HELLO);
            case 51 -> Set.of(CLIENT_HELLO, SERVER_HELLO, HELLO_RETRY_REQUEST);
            case 41 -> Set.of(CLIENT_HELLO, SERVER_HELLO);
            case 42 -> Set.of(CLIENT_HELLO, ENCRYPTED_EXTENSIONS, NEW_SESSION_TICKET);
            case 44 -> Set.of(CLIENT_HELLO, HELLO_RETRY_REQUEST);
            case 43 -> Set.of(CLIENT_HELLO, SERVER_HELLO, HELLO_RETRY_REQUEST);
            case 48 -> Set.of(CERTIFICATE_REQUEST);
            default -> null;
        };
    }
}
