package tlslab.handshake;

import tlslab.alert.AlertDescription;
import tlslab.wire.DecodeException;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * KeyUpdate (RFC 8446 §4.6.3): "from the next record on, I send under new keys" (the next
 * application traffic secret). With update_requested the peer must answer with a KeyUpdate of its
 * own, so both directions move on.
 * <pre>
 *   enum { update_not_requested(0), update_requested(1), (255) } KeyUpdateRequest;
 *   struct { KeyUpdateRequest request_update; } KeyUpdate;
 * </pre>
 */
public record KeyUpdate(int requestUpdate) implements HandshakeMessage {
    public static final int UPDATE_NOT_REQUESTED = 0;
    public static final int UPDATE_REQUESTED = 1;

    @Override
    public HandshakeType type() {
        return HandshakeType.KEY_UPDATE;
    }

    @Override
    public void writeBody(Writer w) {
        w.u8(requestUpdate);
    }

    /** Any value but 0 and 1 is illegal_parameter (§4.6.3). */
    static KeyUpdate read(Reader r) throws DecodeException {
        int request = r.u8("request_update");
        switch (request) {
            case UPDATE_NOT_REQUESTED -> r.note("update_not_requested");
            case UPDATE_REQUESTED -> r.note("update_requested: answer with a KeyUpdate");
            default -> throw r.error(AlertDescription.ILLEGAL_PARAMETER, "request_update",
                    "KeyUpdateRequest " + request + " is neither update_not_requested (0) nor update_requested (1)");
        }
        return new KeyUpdate(request);
    }
}
