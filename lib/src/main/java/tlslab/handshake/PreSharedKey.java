package tlslab.handshake;

import tlslab.wire.DecodeException;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * pre_shared_key (RFC 8446 §4.2.11). The ClientHello offers PSKs ({@link OfferedPsks}); the
 * ServerHello answers with the index of the one it accepts:
 * <pre>
 *   struct {
 *       select (Handshake.msg_type) {
 *           case client_hello: OfferedPsks;
 *           case server_hello: uint16 selected_identity;
 *       };
 *   } PreSharedKeyExtension;
 * </pre>
 * In a ClientHello it must be the last extension (checked where the list is read).
 */
public final class PreSharedKey {
    private PreSharedKey() {
    }

    public static Extension offered(OfferedPsks psks) {
        return psks.toExtension();
    }

    public static Extension selectedIdentity(int index) {
        return new Extension(Extension.PRE_SHARED_KEY, new Writer().u16(index).toByteArray());
    }

    static int readSelectedIdentity(Reader r) throws DecodeException {
        int index = r.u16("selected_identity");
        r.note("the server accepts the client's identities[" + index + "]");
        return index;
    }
}
