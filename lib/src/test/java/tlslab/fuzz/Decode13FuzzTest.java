package tlslab.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.handshake.CertificateEntry;
import tlslab.handshake.CertificateMessage13;
import tlslab.handshake.CertificateRequest13;
import tlslab.handshake.ClientHello;
import tlslab.handshake.EncryptedExtensions;
import tlslab.handshake.ExtensionContext;
import tlslab.handshake.Handshake;
import tlslab.handshake.HandshakeMessage;
import tlslab.handshake.HandshakeType;
import tlslab.handshake.Messages13;
import tlslab.handshake.NewSessionTicket;
import tlslab.handshake.ServerHello;
import tlslab.handshake.Tls13Extensions;
import tlslab.wire.DecodeException;

/**
 * The TLS 1.3 decoder fails only with DecodeException naming the field, like the 1.2 one
 * ({@link DecodeFuzzTest}, whose mutations this reuses): on arbitrary bodies of every 1.3 type, and
 * on valid 1.3 messages damaged anywhere, inner lengths of the typed extensions included. What
 * decodes re-encodes to itself, and its typed extension values read without error.
 */
class Decode13FuzzTest {
    private static final List<Integer> TYPES = java.util.Arrays.stream(HandshakeType.values()).map(t -> t.code).toList();

    @Property(tries = 2000)
    void anyBytesDecodeOrFailCleanly(@ForAll("types") int type, @ForAll @Size(max = 300) byte[] body) {
        byte[] msg = new byte[4 + body.length];
        msg[0] = (byte) type;
        msg[1] = (byte) (body.length >>> 16);
        msg[2] = (byte) (body.length >>> 8);
        msg[3] = (byte) body.length;
        System.arraycopy(body, 0, msg, 4, body.length);
        decodeOrFailCleanly(msg);
    }

    @Provide
    Arbitrary<Integer> types() {
        return Arbitraries.of(TYPES);
    }

    @Property(tries = 3000)
    void mutatedMessagesDecodeOrFailCleanly(@ForAll("mutatedMessages") byte[] msg) {
        decodeOrFailCleanly(msg);
    }

    @Provide
    Arbitrary<byte[]> mutatedMessages() {
        return Messages13.any().flatMap(m -> DecodeFuzzTest.mutations13(m.encode()));
    }

    static void decodeOrFailCleanly(byte[] msg) {
        HandshakeMessage m;
        try {
            m = Handshake.decode13(msg);
        } catch (DecodeException e) {
            DecodeFuzzTest.assertClean(e, msg);
            DecodeException again = assertThrows(DecodeException.class, () -> Handshake.explain13(msg));
            assertEquals(e.getMessage(), again.getMessage(), "explain13 should stop where decode13 does");
            return;
        }
        assertDoesNotThrow(() -> Handshake.explain13(msg));
        assertArrayEquals(msg, m.encode(), () -> "accepted bytes should re-encode to themselves: " + m);
        // decode13 read the typed extensions in place, so reading them again cannot fail
        assertDoesNotThrow(() -> typedExtensions(m));
        try {
            if (m instanceof CertificateMessage13 c) c.chain();
        } catch (TlsException e) {
            assertEquals(AlertDescription.BAD_CERTIFICATE, e.alert(), e::getMessage);
            assertTrue(e.getMessage().startsWith("Certificate.certificate_list["), e::getMessage);
        }
    }

    private static void typedExtensions(HandshakeMessage m) throws DecodeException {
        if (m instanceof ClientHello h) Tls13Extensions.of(h);
        if (m instanceof ServerHello h) Tls13Extensions.of(h);
        if (m instanceof EncryptedExtensions e) Tls13Extensions.of(e.extensions(), ExtensionContext.ENCRYPTED_EXTENSIONS);
        if (m instanceof CertificateRequest13 r) Tls13Extensions.of(r.extensions(), ExtensionContext.CERTIFICATE_REQUEST);
        if (m instanceof NewSessionTicket t) Tls13Extensions.of(t.extensions(), ExtensionContext.NEW_SESSION_TICKET);
        if (m instanceof CertificateMessage13 c) {
            for (CertificateEntry e : c.certificateList()) Tls13Extensions.of(e.extensions(), ExtensionContext.CERTIFICATE);
        }
    }
}
