package tlslab.engine;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.wire.Hex;

/**
 * What a TLS 1.3 NewSessionTicket lets a client resume with (RFC 8446 §4.6.1): the ticket the server
 * will recognise, the PSK both sides derived from the resumption master secret and the ticket's
 * nonce, the suite whose hash the PSK belongs to, the age obfuscation, and the peer's certificates
 * (a resumed handshake sends none). A server keeps its own record under the ticket, in its
 * {@link SessionCache}.
 */
public record Tls13Ticket(Tls13CipherSuite cipherSuite, byte[] ticket, byte[] psk, long ageAdd, long lifetimeSeconds,
                          Instant issued, List<X509Certificate> peerCertificates) {

    /** The client's view of the ticket's age in ms, plus ticket_age_add, mod 2^32 (§4.2.11). */
    long obfuscatedAge(Instant now) {
        return (now.toEpochMilli() - issued.toEpochMilli() + ageAdd) & 0xffffffffL;
    }

    boolean expired(Instant now) {
        return now.isAfter(issued.plusSeconds(Math.min(lifetimeSeconds, 604800)));
    }

    @Override
    public String toString() {
        return "Tls13Ticket{" + cipherSuite + ", ticket " + Hex.abbreviate(ticket, 8) + ", lifetime " + lifetimeSeconds + " s}";
    }
}
