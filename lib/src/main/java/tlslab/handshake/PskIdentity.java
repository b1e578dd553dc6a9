package tlslab.handshake;

import java.util.Arrays;

import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * PskIdentity (RFC 8446 §4.2.11): a PSK's label (for resumption, the server's ticket) and the
 * ticket's age in milliseconds plus the ticket's ticket_age_add, mod 2^32, so that an observer
 * cannot link connections by it.
 * <pre>
 *   struct {
 *       opaque identity<1..2^16-1>;
 *       uint32 obfuscated_ticket_age;
 *   } PskIdentity;
 * </pre>
 */
public record PskIdentity(byte[] identity, long obfuscatedTicketAge) {

    void write(Writer w) {
        w.opaque16(identity).u32(obfuscatedTicketAge);
    }

    static PskIdentity read(Reader r, String field) throws DecodeException {
        byte[] identity = r.opaque16(field + ".identity", 1, 0xffff);
        r.note("the PSK's label: for resumption, the ticket from NewSessionTicket");
        long age = r.u32(field + ".obfuscated_ticket_age");
        r.note("(ticket age in ms + ticket_age_add) mod 2^32");
        return new PskIdentity(identity, age);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PskIdentity p && obfuscatedTicketAge == p.obfuscatedTicketAge && Arrays.equals(identity, p.identity);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(obfuscatedTicketAge) + Arrays.hashCode(identity);
    }

    @Override
    public String toString() {
        return "PskIdentity{identity=" + Hex.abbreviate(identity, 8) + ", obfuscated_ticket_age=" + obfuscatedTicketAge + "}";
    }
}
