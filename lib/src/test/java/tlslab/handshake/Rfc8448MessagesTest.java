package tlslab.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslab.crypto.NamedGroup;
import tlslab.crypto.tls13.Rfc8448Trace;
import tlslab.crypto.tls13.Rfc8448Trace.Step;
import tlslab.wire.DecodeException;
import tlslab.wire.Field;
import tlslab.wire.ProtocolVersion;

/**
 * Every handshake message RFC 8448 sends (§3 to §7), taken from the trace file: each decodes as
 * TLS 1.3, re-encodes to the same bytes, is explained byte for byte, and its typed extensions
 * hold the values the trace prints elsewhere (the key shares' public keys, the ticket, the binder).
 */
class Rfc8448MessagesTest {
    private static final Rfc8448Trace TRACE = Rfc8448Trace.get();

    @Test
    void everyMessageSentDecodesReencodesAndIsExplained() throws Exception {
        assertEquals(List.of("ClientHello", "ServerHello", "EncryptedExtensions", "Certificate", "CertificateVerify",
                "Finished", "Finished", "NewSessionTicket"), names(messages("3")));
        assertEquals(List.of("ClientHello", "ServerHello", "EncryptedExtensions", "Finished", "EndOfEarlyData", "Finished"),
                names(messages("4")));
        assertEquals(List.of("ClientHello", "HelloRetryRequest", "ClientHello", "ServerHello", "EncryptedExtensions",
                "Certificate", "CertificateVerify", "Finished", "Finished"), names(messages("5")));
        assertEquals(List.of("ClientHello", "ServerHello", "EncryptedExtensions", "CertificateRequest", "Certificate",
                "CertificateVerify", "Finished", "Certificate", "CertificateVerify", "Finished"), names(messages("6")));
        assertEquals(List.of("ClientHello", "ServerHello", "EncryptedExtensions", "Certificate", "CertificateVerify",
                "Finished", "Finished"), names(messages("7")));
    }

    /** The trace's "construct a X handshake message" values are the messages sent (§4's ClientHello aside: see below). */
    @Test
    void constructedMessagesAreTheOnesSent() throws Exception {
        for (String section : List.of("3", "4", "5", "6", "7")) {
            List<byte[]> sent = new ArrayList<>();
            for (HandshakeMessage m : messages(section)) sent.add(m.encode());
            for (String actor : List.of("client", "server")) {
                for (String name : List.of("ClientHello", "ServerHello", "EncryptedExtensions", "CertificateRequest", "Certificate",
                        "CertificateVerify", "Finished", "NewSessionTicket", "EndOfEarlyData")) {
                    for (Step step : optionalSteps(section, actor, "construct a " + name + " handshake message")) {
                        byte[] value = step.value(name);
                        if (section.equals("4") && name.equals("ClientHello")) continue;   // printed without its binders
                        assertTrue(sent.stream().anyMatch(b -> Arrays.equals(b, value)), () -> step + " was not sent");
                    }
                }
            }
        }
    }

    @Test
    void simpleHandshake() throws Exception {   // §3
        List<HandshakeMessage> m = messages("3");
        ClientHello ch = (ClientHello) m.get(0);
        Tls13Extensions c = Tls13Extensions.of(ch);
        assertEquals(List.of(ProtocolVersion.TLS13), c.supportedVersions());
        assertEquals(1, c.clientShares().size());
        assertEquals(NamedGroup.X25519.id, c.clientShares().get(0).group());
        assertArrayEquals(publicKey("3", "client", "x25519"), c.clientShares().get(0).keyExchange());
        assertEquals(NamedGroup.X25519.id, c.supportedGroups().get(0));
        assertTrue(c.signatureAlgorithms().contains(SignatureScheme.RSA_PSS_RSAE_SHA256));
        assertEquals("server", HelloExtensions.of(ch).serverName());
        assertNull(c.offeredPsks());

        ServerHello sh = (ServerHello) m.get(1);
        Tls13Extensions s = Tls13Extensions.of(sh);
        assertFalse(sh.isHelloRetryRequest());
        assertEquals(0x1301, sh.cipherSuite());
        assertEquals(ProtocolVersion.TLS12, sh.serverVersion());
        assertEquals(ProtocolVersion.TLS13, s.selectedVersion());
        assertEquals(NamedGroup.X25519.id, s.serverShare().group());
        assertArrayEquals(publicKey("3", "server", "x25519"), s.serverShare().keyExchange());

        EncryptedExtensions ee = (EncryptedExtensions) m.get(2);
        assertEquals(NamedGroup.X25519.id, Tls13Extensions.of(ee.extensions(), ExtensionContext.ENCRYPTED_EXTENSIONS).supportedGroups().get(0));

        CertificateMessage13 cert = (CertificateMessage13) m.get(3);
        assertEquals(0, cert.certificateRequestContext().length);
        assertEquals(1, cert.chain().size());
        assertEquals(List.of(), cert.certificateList().get(0).extensions());

        CertificateVerify cv = (CertificateVerify) m.get(4);
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, cv.signatureScheme());
        assertEquals(128, cv.signature().length);   // the trace's 1024-bit RSA key

        assertArrayEquals(finished("3", "server"), ((Finished) m.get(5)).verifyData());
        assertArrayEquals(finished("3", "client"), ((Finished) m.get(6)).verifyData());

        NewSessionTicket ticket = (NewSessionTicket) m.get(7);
        assertEquals(2, ticket.ticketNonce().length);
        Tls13Extensions t = Tls13Extensions.of(ticket.extensions(), ExtensionContext.NEW_SESSION_TICKET);
        assertTrue(t.earlyData());
        assertTrue(t.maxEarlyDataSize() > 0);
    }

    /** §4 offers §3's ticket with a binder, and sends early data. */
    @Test
    void resumedZeroRtt() throws Exception {
        NewSessionTicket ticket = (NewSessionTicket) messages("3").get(7);
        List<HandshakeMessage> m = messages("4");
        ClientHello ch = (ClientHello) m.get(0);
        Tls13Extensions c = Tls13Extensions.of(ch);
        assertTrue(c.earlyData());
        assertEquals(List.of(PskKeyExchangeModes.PSK_DHE_KE), c.pskKeyExchangeModes());
        assertArrayEquals(publicKey("4", "client", "x25519"), c.clientShares().get(0).keyExchange());
        assertEquals(Extension.PRE_SHARED_KEY, ch.extensions().get(ch.extensions().size() - 1).type());

        OfferedPsks psks = c.offeredPsks();
        assertEquals(1, psks.identities().size());
        assertArrayEquals(ticket.ticket(), psks.identities().get(0).identity());
        assertArrayEquals(TRACE.step("4", "client", "calculate PSK binder").value("finished"), psks.binders().get(0));
        // the binder is computed over the ClientHello without the binders: what §4 prints as the ClientHello
        byte[] encoded = ch.encode();
        byte[] truncated = Arrays.copyOf(encoded, encoded.length - psks.bindersLength());
        assertArrayEquals(TRACE.step("4", "client", "calculate PSK binder").value("ClientHello prefix"), truncated);
        assertArrayEquals(TRACE.step("4", "client", "construct a ClientHello handshake message").value("ClientHello"), truncated);

        Tls13Extensions s = Tls13Extensions.of((ServerHello) m.get(1));
        assertEquals(0, s.selectedIdentity());
        assertArrayEquals(publicKey("4", "server", "x25519"), s.serverShare().keyExchange());
        EncryptedExtensions ee = (EncryptedExtensions) m.get(2);
        assertTrue(Tls13Extensions.of(ee.extensions(), ExtensionContext.ENCRYPTED_EXTENSIONS).earlyData());
        assertInstanceOf(EndOfEarlyData.class, m.get(4));
    }

    /** §5: the server wants P-256, not x25519, and sends a cookie the client echoes. */
    @Test
    void helloRetryRequest() throws Exception {
        List<HandshakeMessage> m = messages("5");
        Tls13Extensions ch1 = Tls13Extensions.of((ClientHello) m.get(0));
        assertArrayEquals(publicKey("5", "client", "x25519"), ch1.clientShares().get(0).keyExchange());

        ServerHello hrr = (ServerHello) m.get(1);
        assertTrue(hrr.isHelloRetryRequest());
        assertArrayEquals(ServerHello.helloRetryRequestRandom(), hrr.random());
        Tls13Extensions r = Tls13Extensions.of(hrr);
        assertEquals(ProtocolVersion.TLS13, r.selectedVersion());
        assertEquals(NamedGroup.SECP256R1.id, r.selectedGroup());
        assertNull(r.serverShare());
        assertTrue(r.cookie().length > 0);
        assertEquals(hrr, ServerHello.helloRetryRequest(hrr.sessionId(), hrr.cipherSuite(), hrr.extensions()));

        Tls13Extensions ch2 = Tls13Extensions.of((ClientHello) m.get(2));
        assertArrayEquals(r.cookie(), ch2.cookie());
        assertEquals(1, ch2.clientShares().size());
        assertEquals(NamedGroup.SECP256R1.id, ch2.clientShares().get(0).group());
        assertArrayEquals(publicKey("5", "client", "P-256"), ch2.clientShares().get(0).keyExchange());

        ServerHello sh = (ServerHello) m.get(3);
        assertFalse(sh.isHelloRetryRequest());
        assertArrayEquals(publicKey("5", "server", "P-256"), Tls13Extensions.of(sh).serverShare().keyExchange());
    }

    /** §6: the server asks for a certificate and the client sends one. */
    @Test
    void clientAuthentication() throws Exception {
        List<HandshakeMessage> m = messages("6");
        CertificateRequest13 request = (CertificateRequest13) m.get(3);
        assertEquals(0, request.certificateRequestContext().length);
        Tls13Extensions r = Tls13Extensions.of(request.extensions(), ExtensionContext.CERTIFICATE_REQUEST);
        assertTrue(r.signatureAlgorithms().contains(SignatureScheme.RSA_PSS_RSAE_SHA256));

        CertificateMessage13 clientCert = (CertificateMessage13) m.get(7);
        assertEquals(0, clientCert.certificateRequestContext().length);
        assertEquals(1, clientCert.chain().size());
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, ((CertificateVerify) m.get(8)).signatureScheme());
        assertArrayEquals(finished("6", "client"), ((Finished) m.get(9)).verifyData());
    }

    /** §7: middlebox compatibility mode, where the server echoes a 32-byte legacy_session_id. */
    @Test
    void compatibilityMode() throws Exception {
        List<HandshakeMessage> m = messages("7");
        ClientHello ch = (ClientHello) m.get(0);
        ServerHello sh = (ServerHello) m.get(1);
        assertEquals(32, ch.sessionId().length);
        assertArrayEquals(ch.sessionId(), sh.sessionId());
    }

    /** explain13 shows the typed extensions' own fields: the key share's public key is one of them. */
    @Test
    void explainShowsExtensionFields() throws Exception {
        byte[] ch = messages("3").get(0).encode();
        Field key = Handshake.explain13(ch).stream().filter(f -> f.name().endsWith("key_share.client_shares[0].key_exchange"))
                .findFirst().orElseThrow();
        assertArrayEquals(publicKey("3", "client", "x25519"), key.bytes());
        assertTrue(key.name().startsWith("extensions["), key.name());
    }

    /** The section's handshake messages in the order sent: every "send handshake record" payload, split. */
    static List<HandshakeMessage> messages(String section) throws DecodeException {
        List<Step> sends = new ArrayList<>(TRACE.steps(section, "client", "send handshake record"));
        sends.addAll(TRACE.steps(section, "server", "send handshake record"));
        sends.sort(Comparator.comparingInt(Step::line));
        List<HandshakeMessage> out = new ArrayList<>();
        for (Step s : sends) {
            byte[] payload = s.value("payload");
            int at = 0;
            while (at < payload.length) {
                int length = ((payload[at + 1] & 0xff) << 16) | ((payload[at + 2] & 0xff) << 8) | (payload[at + 3] & 0xff);
                byte[] message = Arrays.copyOfRange(payload, at, at + Handshake.HEADER_LENGTH + length);
                out.add(checked(message, s));
                at += message.length;
            }
        }
        return out;
    }

    /** Decodes, re-encodes to the same bytes, and explains every byte once, in order. */
    private static HandshakeMessage checked(byte[] message, Step from) throws DecodeException {
        HandshakeMessage m = Handshake.decode13(message);
        assertArrayEquals(message, m.encode(), () -> from + ": " + m + " should re-encode to the bytes sent");
        assertEquals(m, Handshake.decode13(m.encode()));
        int next = 0;
        for (Field f : Handshake.explain13(message)) {
            assertEquals(next, f.offset(), () -> from + ": " + f.name() + " should start where the field before it ended");
            next += f.length();
        }
        assertEquals(message.length, next, () -> from + ": explain should cover the whole message");
        return m;
    }

    private static List<String> names(List<HandshakeMessage> messages) {
        return messages.stream().map(m -> m instanceof ServerHello h && h.isHelloRetryRequest() ? "HelloRetryRequest" : m.type().rfcName)
                .toList();
    }

    private static byte[] publicKey(String section, String actor, String group) {
        return TRACE.step(section, actor, "create an ephemeral " + group + " key pair").value("public key");
    }

    /** The verify_data the trace computes for {@code actor}'s Finished. */
    private static byte[] finished(String section, String actor) {
        return TRACE.step(section, actor, "calculate finished \"tls13 finished\"").value("finished");
    }

    private static List<Step> optionalSteps(String section, String actor, String title) {
        try {
            return TRACE.steps(section, actor, title);
        } catch (AssertionError none) {
            return List.of();
        }
    }
}
