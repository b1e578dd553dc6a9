package tlslab.handshake;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * NewSessionTicket (RFC 8446 §4.6.1): sent by the server after the handshake, under the
 * application keys. The ticket is a label for a resumption PSK, which both sides derive from
 * resumption_master_secret and the nonce. The client offers the ticket later in pre_shared_key,
 * hiding its age with ticket_age_add.
 * <pre>
 *   struct {
 *       uint32 ticket_lifetime;
 *       uint32 ticket_age_add;
 *       opaque ticket_nonce<0..255>;
 *       opaque ticket<1..2^16-1>;
 *       Extension extensions<0..2^16-2>;
 *   } NewSessionTicket;
 * </pre>
 */
public record NewSessionTicket(long ticketLifetime, long ticketAgeAdd, byte[] ticketNonce, byte[] ticket,
                               List<Extension> extensions) implements HandshakeMessage {
    /** Seven days: servers MUST NOT use a longer lifetime, clients MUST NOT keep a ticket longer. */
    public static final long MAX_LIFETIME = 604800;

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void writeBody(Writer w) {
        w.u32(ticketLifetime).u32(ticketAgeAdd).opaque8(ticketNonce).opaque16(ticket);
        Extension.writeList(w, extensions);
    }

    static NewSessionTicket read(Reader r) throws DecodeException {
        long lifetime = r.u32("ticket_lifetime");
        r.note(lifetime + " seconds" + (lifetime > MAX_LIFETIME ? ": over the 7-day limit, so the client keeps it 7 days at most" : ""));
        long ageAdd = r.u32("ticket_age_add");
        r.note("added to the ticket's age to hide it, mod 2^32");
        byte[] nonce = r.opaque8("ticket_nonce", 0, 255);
        r.note("PSK = HKDF-Expand-Label(resumption_master_secret, \"resumption\", ticket_nonce, Hash.length)");
        byte[] ticket = r.opaque16("ticket", 1, 0xffff);
        r.note("opaque to the client: the PSK identity it will offer");
        return new NewSessionTicket(lifetime, ageAdd, nonce, ticket,
                Tls13Extensions.readList(r, "extensions", ExtensionContext.NEW_SESSION_TICKET, 0, 0xfffe));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewSessionTicket t && ticketLifetime == t.ticketLifetime && ticketAgeAdd == t.ticketAgeAdd
                && Arrays.equals(ticketNonce, t.ticketNonce) && Arrays.equals(ticket, t.ticket)
                && Objects.equals(extensions, t.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ticketLifetime, ticketAgeAdd, Arrays.hashCode(ticketNonce), Arrays.hashCode(ticket), extensions);
    }

    @Override
    public String toString() {
        return "NewSessionTicket{lifetime=" + ticketLifetime + "s, age_add=" + ticketAgeAdd + ", nonce=" + Hex.of(ticketNonce)
                + ", ticket=" + Hex.abbreviate(ticket, 8) + ", extensions=" + extensions + "}";
    }
}
