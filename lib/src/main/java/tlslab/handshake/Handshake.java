package tlslab.handshake;

import java.util.List;

import tlslab.alert.AlertDescription;
import tlslab.crypto.KeyExchange;
import tlslab.wire.DecodeException;
import tlslab.wire.Field;
import tlslab.wire.Reader;

/** Decodes any handshake message from its bytes, and explains one field by field. */
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

    /** Decodes a whole message (4-byte header included). */
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

    /** "ClientHello" etc. from the type byte. */
    public static String structureName(byte[] message) {
        HandshakeType t = message.length == 0 ? null : HandshakeType.of(message[0] & 0xff);
        return t == null ? "Handshake" : t.rfcName;
    }

    private static HandshakeMessage read(Reader r, KeyExchange kx) throws DecodeException {
        int code = r.u8("msg_type");
        HandshakeType type = HandshakeType.of(code);
        if (type == null) {
            throw new DecodeException(AlertDescription.UNEXPECTED_MESSAGE, "Handshake", "msg_type", 0,
                    "unknown handshake type " + code);
        }
        r.note(type.rfcName);
        int length = r.u24("length");
        if (length != r.remaining()) {
            throw r.error(AlertDescription.DECODE_ERROR, "length",
                    "header says " + length + " body bytes but " + r.remaining() + " follow");
        }
        r.note(length + " bytes follow");
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
        };
        r.expectEnd();
        return m;
    }
}
