package tlslab.handshake;

import java.util.List;

import tlslab.alert.AlertDescription;
import tlslab.crypto.KeyExchange;
import tlslab.wire.DecodeException;
import tlslab.wire.Field;
import tlslab.wire.Reader;

/**
 * Decodes any handshake message from its bytes, and explains one field by field. TLS 1.2 and 1.3
 * share the 4-byte header and some type codes, but Certificate (11) and CertificateRequest (13)
 * changed layout and several messages exist in one version only, so each version has its own entry
 * points: {@link #decode}/{@link #explain} for 1.2, {@link #decode13}/{@link #explain13} for 1.3.
 */
public final class Handshake {
    /**
     * Largest message body accepted: a ClientHello with every list at its limit (session_id 32,
     * cipher_suites 2^16-2, compression_methods 255 and extensions 2^16-1 bytes), the biggest a
     * server must take from anyone; also a generous bound for certificate chains, far below 2^24.
     */
    public static final int MAX_LENGTH = 2 + 32 + (1 + 32) + (2 + 0xfffe) + (1 + 255) + (2 + 0xffff);
    public static final int HEADER_LENGTH = 4;

    private Handshake() {
    }

    /** Decodes a whole TLS 1.2 message (4-byte header included). */
    public static HandshakeMessage decode(byte[] message) throws DecodeException {
        return read(Reader.of(structureName(message), message), null);
    }

    /**
     * The message's fields with offsets, bytes and meanings, for tables. {@code kx}, the negotiated
     * key exchange, says how to show a ClientKeyExchange's body; null shows it as one field.
     */
    public static List<Field> explain(byte[] message, KeyExchange kx) throws DecodeException {
        Reader r = Reader.recording(structureName(message), message);
        read(r, kx);
        return r.fields();
    }

    /**
     * Decodes a whole TLS 1.3 message (RFC 8446 §4), its known extensions field by field. A
     * HelloRetryRequest comes back as a ServerHello whose {@code isHelloRetryRequest()} is true.
     */
    public static HandshakeMessage decode13(byte[] message) throws DecodeException {
        return read13(Reader.of(structureName(message), message));
    }

    /** Like {@link #explain} for a TLS 1.3 message: every byte in exactly one field, in order. */
    public static List<Field> explain13(byte[] message) throws DecodeException {
        Reader r = Reader.recording(structureName(message), message);
        read13(r);
        return r.fields();
    }

    /** "ClientHello" etc. from the type byte. */
    public static String structureName(byte[] message) {
        HandshakeType t = message.length == 0 ? null : HandshakeType.of(message[0] & 0xff);
        return t == null ? "Handshake" : t.rfcName;
    }

    private static HandshakeMessage read(Reader r, KeyExchange kx) throws DecodeException {
        HandshakeType type = header(r, false);
        HandshakeMessage m = switch (type) {
            case HELLO_REQUEST -> new HelloRequest();
            case CLIENT_HELLO -> ClientHello.read(r);
            case SERVER_HELLO -> ServerHello.read(r);
            case CERTIFICATE -> CertificateMessage.read(r);
            case SERVER_KEY_EXCHANGE -> ServerKeyExchange.read(r);
            case CERTIFICATE_REQUEST -> CertificateRequest.read(r);
            case SERVER_HELLO_DONE -> new ServerHelloDone();
            case CERTIFICATE_VERIFY -> CertificateVerify.read(r);
            case CLIENT_KEY_EXCHANGE -> ClientKeyExchange.read(r, kx);
            case FINISHED -> Finished.read(r);
            default -> throw new IllegalStateException("header() lets only TLS 1.2 types through");
        };
        r.expectEnd();
        return m;
    }

    private static HandshakeMessage read13(Reader r) throws DecodeException {
        HandshakeType type = header(r, true);
        HandshakeMessage m = switch (type) {
            case CLIENT_HELLO -> ClientHello.read13(r);
            case SERVER_HELLO -> ServerHello.read13(r);
            case NEW_SESSION_TICKET -> NewSessionTicket.read(r);
            case END_OF_EARLY_DATA -> new EndOfEarlyData();
            case ENCRYPTED_EXTENSIONS -> EncryptedExtensions.read(r);
            case CERTIFICATE -> CertificateMessage13.read(r);
            case CERTIFICATE_REQUEST -> CertificateRequest13.read(r);
            case CERTIFICATE_VERIFY -> CertificateVerify.read13(r);
            case FINISHED -> Finished.read13(r);
            case KEY_UPDATE -> KeyUpdate.read(r);
            case MESSAGE_HASH -> MessageHash.read(r);
            default -> throw new IllegalStateException("header() lets only TLS 1.3 types through");
        };
        r.expectEnd();
        return m;
    }

    /** msg_type and length: a type of this version, and a length that matches the bytes that follow. */
    private static HandshakeType header(Reader r, boolean tls13) throws DecodeException {
        int code = r.u8("msg_type");
        HandshakeType type = HandshakeType.of(code);
        if (type == null) {
            throw new DecodeException(AlertDescription.UNEXPECTED_MESSAGE, "Handshake", "msg_type", 0,
                    "unknown handshake type " + code);
        }
        if (tls13 ? !type.inTls13 : !type.inTls12) {
            throw new DecodeException(AlertDescription.UNEXPECTED_MESSAGE, r.structure(), "msg_type", 0,
                    type.rfcName + " is not a TLS " + (tls13 ? "1.3" : "1.2") + " message");
        }
        r.note(type.rfcName);
        int length = r.u24("length");
        if (length != r.remaining()) {
            throw r.error(AlertDescription.DECODE_ERROR, "length",
                    "header says " + length + " body bytes but " + r.remaining() + " follow");
        }
        r.note(length + " bytes follow");
        return type;
    }
}
