package tlslab.handshake;

import java.util.ArrayList;
import java.util.List;

import tlslab.wire.DecodeException;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * psk_key_exchange_modes (RFC 8446 §4.2.9): how a client will use a PSK. psk_ke resumes with the
 * PSK alone; psk_dhe_ke adds a fresh (EC)DHE exchange, for forward secrecy. A client offering
 * pre_shared_key must send this too.
 * <pre>
 *   struct { PskKeyExchangeMode ke_modes<1..255>; } PskKeyExchangeModes;
 * </pre>
 */
public final class PskKeyExchangeModes {
    public static final int PSK_KE = 0;
    public static final int PSK_DHE_KE = 1;

    private PskKeyExchangeModes() {
    }

    public static Extension of(List<Integer> modes) {
        return new Extension(Extension.PSK_KEY_EXCHANGE_MODES, new Writer().vector8(w -> modes.forEach(w::u8)).toByteArray());
    }

    public static String nameOf(int mode) {
        return switch (mode) {
            case PSK_KE -> "psk_ke: PSK alone";
            case PSK_DHE_KE -> "psk_dhe_ke: PSK with (EC)DHE";
            default -> "mode " + mode + " (unknown: ignored)";
        };
    }

    /** Unknown modes are not errors: a server ignores what it does not know. */
    static List<Integer> read(Reader r) throws DecodeException {
        Reader list = r.vector8("ke_modes", 1, 255);
        List<Integer> modes = new ArrayList<>();
        while (list.hasRemaining()) {
            modes.add(list.u8("[" + modes.size() + "]"));
            list.note(nameOf(modes.get(modes.size() - 1)));
        }
        return modes;
    }
}
