package tlslab.handshake;

import java.util.Arrays;

import tlslab.crypto.NamedGroup;
import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * KeyShareEntry (RFC 8446 §4.2.8): a group and the sender's ephemeral public key in it. For x25519
 * the key is the 32-byte u-coordinate (RFC 7748); for the NIST curves an uncompressed point,
 * 0x04 || X || Y (§4.2.8.2).
 * <pre>
 *   struct {
 *       NamedGroup group;
 *       opaque key_exchange<1..2^16-1>;
 *   } KeyShareEntry;
 * </pre>
 */
public record KeyShareEntry(int group, byte[] keyExchange) {

    void write(Writer w) {
        w.u16(group).opaque16(keyExchange);
    }

    /** Reads one entry; {@code field} names it ("server_share", "[0]"). */
    static KeyShareEntry read(Reader r, String field) throws DecodeException {
        int group = r.u16(field + ".group");
        r.note(NamedGroup.nameOf(group));
        byte[] key = r.opaque16(field + ".key_exchange", 1, 0xffff);
        r.note(group == NamedGroup.X25519.id ? "x25519 public key (RFC 7748)" : "public key in " + NamedGroup.nameOf(group));
        return new KeyShareEntry(group, key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyShareEntry e && group == e.group && Arrays.equals(keyExchange, e.keyExchange);
    }

    @Override
    public int hashCode() {
        return 31 * group + Arrays.hashCode(keyExchange);
    }

    @Override
    public String toString() {
        return NamedGroup.nameOf(group) + ":" + Hex.abbreviate(keyExchange, 8);
    }
}
