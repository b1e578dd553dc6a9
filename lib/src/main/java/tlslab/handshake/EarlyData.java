package tlslab.handshake;

import tlslab.wire.DecodeException;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * early_data (RFC 8446 §4.2.10). In a ClientHello it says "0-RTT data follows"; in
 * EncryptedExtensions, "the server accepted it"; both are empty. In a NewSessionTicket it says how
 * much 0-RTT data the server will take under this ticket:
 * <pre>
 *   struct {
 *       select (Handshake.msg_type) {
 *           case new_session_ticket:   uint32 max_early_data_size;
 *           case client_hello:         Empty;
 *           case encrypted_extensions: Empty;
 *       };
 *   } EarlyDataIndication;
 * </pre>
 */
public final class EarlyData {
    private EarlyData() {
    }

    /** The empty form, for ClientHello and EncryptedExtensions. */
    public static Extension indication() {
        return Extension.empty(Extension.EARLY_DATA);
    }

    public static Extension maxEarlyDataSize(long bytes) {
        return new Extension(Extension.EARLY_DATA, new Writer().u32(bytes).toByteArray());
    }

    static long readMaxEarlyDataSize(Reader r) throws DecodeException {
        long size = r.u32("max_early_data_size");
        r.note("bytes of 0-RTT data the server accepts with this ticket");
        return size;
    }
}
