package tlslab.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tlslab.crypto.KeyExchange;
import tlslab.wire.DecodeException;
import tlslab.wire.Field;
import tlslab.wire.Writer;

/**
 * decode is the inverse of encode for every message this library decodes (ClientKeyExchange aside,
 * while its decoder is reshaped), and explain accounts for every byte exactly once.
 */
class HandshakeRoundTripTest {

    @Property(tries = 300)
    void clientHello(@ForAll("clientHellos") ClientHello m) throws Exception {
        roundTrip(m);
    }

    @Property(tries = 300)
    void serverHello(@ForAll("serverHellos") ServerHello m) throws Exception {
        roundTrip(m);
    }

    @Property(tries = 100)
    void certificate(@ForAll("certificates") CertificateMessage m) throws Exception {
        roundTrip(m);
    }

    @Property(tries = 300)
    void serverKeyExchange(@ForAll("serverKeyExchanges") ServerKeyExchange m) throws Exception {
        roundTrip(m);
    }

    @Property(tries = 300)
    void certificateRequest(@ForAll("certificateRequests") CertificateRequest m) throws Exception {
        roundTrip(m);
    }

    @Property(tries = 300)
    void certificateVerify(@ForAll("certificateVerifies") CertificateVerify m) throws Exception {
        roundTrip(m);
    }

    @Property(tries = 100)
    void finished(@ForAll("finisheds") Finished m) throws Exception {
        roundTrip(m);
    }

    /** The body decodes whole; read as the key exchange that made it, it gives back what went in, with every byte explained. */
    @Property(tries = 300)
    void clientKeyExchange(@ForAll("clientKeyExchanges") ClientKeyExchange m) throws Exception {
        roundTrip(m);
        boolean rsa = (((m.exchangeKeys()[0] & 0xff) << 8) | (m.exchangeKeys()[1] & 0xff)) == m.exchangeKeys().length - 2;
        byte[] inner = rsa ? m.encryptedPreMasterSecret() : m.ecdhYc();
        assertEquals(m, rsa ? ClientKeyExchange.rsa(inner) : ClientKeyExchange.ecdhe(inner));
        List<Field> fields = Handshake.explain(m.encode(), rsa ? KeyExchange.RSA : KeyExchange.ECDHE);
        assertEquals(m.encode().length, fields.get(fields.size() - 1).offset() + fields.get(fields.size() - 1).length());
    }

    @Example
    void emptyMessages() throws Exception {
        roundTrip(new ServerHelloDone());
        roundTrip(new HelloRequest());
    }

    /** The biggest ClientHello RFC 5246 allows: every vector at its maximum, Handshake.MAX_LENGTH in all. */
    @Example
    void clientHelloAtEveryLimit() throws Exception {
        List<Integer> suites = new ArrayList<>(Collections.nCopies(0x7fff, 0xc02f));
        // 0xffff bytes of extensions: one header (4 bytes) and the rest data
        ClientHello m = new ClientHello(0x0303, new byte[32], new byte[32], suites, new byte[255],
                List.of(new Extension(21, new byte[0xffff - 4])));
        assertEquals(Handshake.HEADER_LENGTH + Handshake.MAX_LENGTH, m.encode().length);
        roundTrip(m);
    }

    /** One byte over a limit is named in the error, with the offset of its length field. */
    @Example
    void overLimitsAreDecodeErrors() {
        byte[] longSessionId = new ClientHello(0x0303, new byte[32], new byte[33], List.of(0xc02f), new byte[1], List.of()).encode();
        DecodeException e = assertThrows(DecodeException.class, () -> Messages.decode(longSessionId));
        assertEquals("ClientHello.session_id at byte 38: length 33 outside the allowed 0..32", e.getMessage());

        byte[] noSuites = new ClientHello(0x0303, new byte[32], new byte[0], List.of(), new byte[1], List.of()).encode();
        e = assertThrows(DecodeException.class, () -> Messages.decode(noSuites));
        assertEquals("ClientHello.cipher_suites at byte 39: length 0 outside the allowed 2..65534", e.getMessage());

        byte[] shortFinished = new Finished(new byte[11]).encode();
        e = assertThrows(DecodeException.class, () -> Messages.decode(shortFinished));
        assertEquals("Finished.verify_data at byte 4: needs 12 byte(s) but only 11 left", e.getMessage());
    }

    /**
     * The one encoding decode does not keep: a hello may end in an empty extensions block (RFC 5246
     * §7.4.1.2), which decodes as no extensions and so re-encodes without the block. Harmless: the
     * Finished hash covers the bytes received, not re-encoded ones.
     */
    @Example
    void emptyExtensionsBlockDecodesAsNone() throws Exception {
        ClientHello none = new ClientHello(0x0303, new byte[32], new byte[0], List.of(0xc02f), new byte[1], List.of());
        byte[] withEmptyBlock = new Writer().u8(HandshakeType.CLIENT_HELLO.code).vector24(w -> {
            none.writeBody(w);
            w.u16(0);
        }).toByteArray();
        assertEquals(none, Messages.decode(withEmptyBlock));
        assertEquals(withEmptyBlock.length - 2, none.encode().length);
    }

    static void roundTrip(HandshakeMessage m) throws DecodeException {
        byte[] bytes = m.encode();
        HandshakeMessage decoded = Messages.decode(bytes);
        assertEquals(m, decoded);
        assertArrayEquals(bytes, decoded.encode());

        int next = 0;
        for (Field f : Messages.explain(bytes)) {
            assertEquals(next, f.offset(), () -> f.name() + " should start where the field before it ended");
            next += f.length();
        }
        assertEquals(bytes.length, next, "explain should cover the whole message");
    }

    @Provide
    Arbitrary<ClientKeyExchange> clientKeyExchanges() {
        return Messages.clientKeyExchanges();
    }

    @Provide
    Arbitrary<ClientHello> clientHellos() {
        return Messages.clientHellos();
    }

    @Provide
    Arbitrary<ServerHello> serverHellos() {
        return Messages.serverHellos();
    }

    @Provide
    Arbitrary<CertificateMessage> certificates() {
        return Messages.certificates();
    }

    @Provide
    Arbitrary<ServerKeyExchange> serverKeyExchanges() {
        return Messages.serverKeyExchanges();
    }

    @Provide
    Arbitrary<CertificateRequest> certificateRequests() {
        return Messages.certificateRequests();
    }

    @Provide
    Arbitrary<CertificateVerify> certificateVerifies() {
        return Messages.certificateVerifies();
    }

    @Provide
    Arbitrary<Finished> finisheds() {
        return Messages.finisheds();
    }
}
