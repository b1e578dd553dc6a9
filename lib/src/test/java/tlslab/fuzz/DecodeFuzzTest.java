package tlslab.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.KeyExchange;
import tlslab.handshake.CertificateMessage;
import tlslab.handshake.ClientHello;
import tlslab.handshake.Extension;
import tlslab.handshake.Handshake;
import tlslab.handshake.HandshakeMessage;
import tlslab.handshake.HelloExtensions;
import tlslab.handshake.Messages;
import tlslab.handshake.ServerHello;
import tlslab.wire.DecodeException;
import tlslab.wire.Field;

/**
 * Decoding fails only with DecodeException, the alert RFC 5246 names and the field at fault. The
 * first property feeds arbitrary bodies, which rarely get past the first length field; the others
 * damage valid messages (and the ClientHello extensions a server reads) anywhere inside, inner
 * length fields included.
 */
class DecodeFuzzTest {

    @Property(tries = 3000)
    void anyBytesDecodeOrFailCleanly(@ForAll @IntRange(min = 0, max = 20) int type, @ForAll @Size(max = 300) byte[] body,
                                     @ForAll boolean rsa) {
        byte[] msg = new byte[4 + body.length];
        msg[0] = (byte) type;
        msg[1] = (byte) (body.length >>> 16);
        msg[2] = (byte) (body.length >>> 8);
        msg[3] = (byte) body.length;
        System.arraycopy(body, 0, msg, 4, body.length);
        try {
            Handshake.decode(msg);
            Handshake.explain(msg, rsa ? KeyExchange.RSA : KeyExchange.ECDHE);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 2000)
    void mutatedMessagesDecodeOrFailCleanly(@ForAll("mutatedMessages") byte[] msg) {
        decodeOrFailCleanly(msg);
    }

    @Provide
    Arbitrary<byte[]> mutatedMessages() {
        return Messages.any().flatMap(m -> mutations(m.encode()));
    }

    /** One mutation of a valid message; all but a byte flip fix up the header length, so the body gets read. */
    static Arbitrary<byte[]> mutations(byte[] msg) {
        return mutations(msg, innerLengthFields(msg));
    }

    /** The same mutations of a valid TLS 1.3 message (Decode13FuzzTest). */
    static Arbitrary<byte[]> mutations13(byte[] msg) {
        try {
            return mutations(msg, Handshake.explain13(msg).stream().filter(f -> f.name().endsWith(".length")).toList());
        } catch (DecodeException e) {
            throw new AssertionError("a generated message should decode", e);
        }
    }

    private static Arbitrary<byte[]> mutations(byte[] msg, List<Field> lengths) {
        int n = msg.length;
        List<Arbitrary<byte[]>> all = new ArrayList<>();
        all.add(Combinators.combine(Arbitraries.integers().between(0, n - 1), Arbitraries.integers().between(1, 255))
                .as((at, mask) -> flip(msg, at, mask)));
        all.add(Arbitraries.integers().between(Handshake.HEADER_LENGTH, n).map(len -> framed(Arrays.copyOf(msg, len))));
        all.add(Combinators.combine(Arbitraries.integers().between(Handshake.HEADER_LENGTH, n), bytes(1, 8))
                .as((at, extra) -> framed(insert(msg, at, extra))));
        if (!lengths.isEmpty()) {
            Arbitrary<Integer> delta = Arbitraries.oneOf(List.of(Arbitraries.of(-2, -1, 1, 2), Arbitraries.integers()));
            all.add(Combinators.combine(Arbitraries.of(lengths), delta).as((f, d) -> framed(adjust(msg, f, d))));
        }
        return Arbitraries.oneOf(all);
    }

    /** The extensions a server reads, damaged inside: HelloExtensions fails cleanly too. */
    @Property(tries = 500)
    void mutatedExtensionsDecodeOrFailCleanly(@ForAll("mutatedExtensions") Extension e) {
        ClientHello hello = hello(e);
        byte[] msg = hello.encode();
        decodeOrFailCleanly(msg);
        // the offset in an error counts from the message's first byte, so it lands in the extension's data
        int dataStart = msg.length - e.data().length;
        try {
            HelloExtensions.of(hello);
        } catch (DecodeException x) {
            assertTrue(x.offset() >= dataStart, () -> x.getMessage() + ", but extension_data starts at byte " + dataStart);
        }
    }

    @Provide
    Arbitrary<Extension> mutatedExtensions() {
        return Messages.knownExtensions().flatMap(e -> {
            byte[] d = e.data();
            return Arbitraries.oneOf(List.of(
                    Combinators.combine(Arbitraries.integers().between(0, d.length - 1), Arbitraries.integers().between(1, 255))
                            .as((at, mask) -> flip(d, at, mask)),
                    Arbitraries.integers().between(0, d.length - 1).map(len -> Arrays.copyOf(d, len)),
                    Combinators.combine(Arbitraries.integers().between(0, d.length), bytes(1, 4)).as((at, extra) -> insert(d, at, extra))))
                    .map(data -> new Extension(e.type(), data));
        });
    }

    /** Found by the property above: offsets counted from the extension's data instead of the message. */
    @Example
    void extensionErrorsGiveOffsetsInTheMessage() {
        // extension_data starts at byte 51: header 4, version 2, random 32, session_id 1, suites 4,
        // compression 2, extensions length 2, extension type and length 4
        ClientHello empty = hello(new Extension(Extension.SERVER_NAME, new byte[0]));
        DecodeException e = assertThrows(DecodeException.class, () -> HelloExtensions.of(empty));
        assertEquals("ClientHello.server_name.server_name_list.length at byte 51: needs 2 byte(s) but only 0 left", e.getMessage());

        ClientHello space = hello(Extension.serverName("a b"));   // list length 2, name_type 1, name length 2, then the name
        e = assertThrows(DecodeException.class, () -> HelloExtensions.of(space));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertEquals("ClientHello.server_name.server_name_list.name at byte 59: byte 0x20 is not allowed in a host name", e.getMessage());
    }

    private static ClientHello hello(Extension e) {
        return new ClientHello(0x0303, new byte[32], new byte[0], List.of(0xc02f), new byte[1], List.of(e));
    }

    /** Decodes, and reads on as the engine would; anything but a clean TlsException fails the test. */
    static void decodeOrFailCleanly(byte[] msg) {
        HandshakeMessage m;
        try {
            m = Messages.decode(msg);
        } catch (DecodeException e) {
            assertClean(e, msg);
            DecodeException again = assertThrows(DecodeException.class, () -> Messages.explain(msg));
            assertEquals(e.getMessage(), again.getMessage(), "explain should stop where decode does");
            return;
        }
        assertDoesNotThrow(() -> Messages.explain(msg));
        assertArrayEquals(msg, reencoded(m, msg), () -> "accepted bytes should re-encode to themselves: " + m);
        try {
            if (m instanceof ClientHello hello) HelloExtensions.of(hello);
            if (m instanceof CertificateMessage certificate) certificate.chain();
        } catch (DecodeException e) {
            assertClean(e, msg);
        } catch (TlsException e) {
            // X.509 parsing of a Certificate's entries is the one failure outside the decoders
            assertEquals(AlertDescription.BAD_CERTIFICATE, e.alert(), e::getMessage);
            assertTrue(e.getMessage().startsWith("Certificate.certificate_list["), e::getMessage);
        }
    }

    /** Names message, field and offset, with decode_error, illegal_parameter or the field's own alert. */
    static void assertClean(DecodeException e, byte[] msg) {
        assertTrue(e.offset() >= 0 && e.offset() <= msg.length, e::getMessage);
        assertTrue(e.getMessage().startsWith(e.structure() + "." + e.field() + " at byte " + e.offset() + ": "), e::getMessage);
        if (e.alert() != AlertDescription.ILLEGAL_PARAMETER) {
            String field = e.field().substring(e.field().lastIndexOf('.') + 1);
            assertEquals(SPECIAL_ALERTS.contains(field) ? e.alert() : AlertDescription.DECODE_ERROR, e.alert(), e::getMessage);
        }
    }

    /** Fields whose RFC-given alert is neither decode_error nor illegal_parameter. */
    private static final Set<String> SPECIAL_ALERTS = Set.of(
            "msg_type",                  // unknown type: unexpected_message
            "exchange_keys",             // ClientKeyExchange before a key exchange is chosen
            "curve_type",                // explicit curves are not supported: handshake_failure
            "renegotiated_connection");  // RFC 5746 §3.6: handshake_failure

    /**
     * A hello may carry an empty extensions block (RFC 5246 §7.4.1.2); it decodes to no extensions,
     * which encode as no block at all. The transcript keeps the bytes received, so nothing is lost.
     */
    private static byte[] reencoded(HandshakeMessage m, byte[] msg) {
        byte[] out = m.encode();
        boolean hello = m instanceof ClientHello || m instanceof ServerHello;
        if (hello && out.length == msg.length - 2 && msg[msg.length - 2] == 0 && msg[msg.length - 1] == 0) {
            return framed(insert(out, out.length, new byte[2]));
        }
        return out;
    }

    private static List<Field> innerLengthFields(byte[] msg) {
        try {
            return Messages.explain(msg).stream().filter(f -> f.name().endsWith(".length")).toList();
        } catch (DecodeException e) {
            throw new AssertionError("a generated message should decode", e);
        }
    }

    private static byte[] flip(byte[] msg, int at, int mask) {
        byte[] out = msg.clone();
        out[at] ^= (byte) mask;
        return out;
    }

    private static byte[] insert(byte[] msg, int at, byte[] extra) {
        byte[] out = new byte[msg.length + extra.length];
        System.arraycopy(msg, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(msg, at, out, at + extra.length, msg.length - at);
        return out;
    }

    /** Adds {@code delta} to a big-endian length field, wrapping within its width. */
    private static byte[] adjust(byte[] msg, Field f, int delta) {
        byte[] out = msg.clone();
        long v = 0;
        for (int i = 0; i < f.length(); i++) v = (v << 8) | (out[f.offset() + i] & 0xff);
        v += delta;
        for (int i = f.length() - 1; i >= 0; i--, v >>= 8) out[f.offset() + i] = (byte) v;
        return out;
    }

    /** Rewrites the header's length to match the body. */
    private static byte[] framed(byte[] msg) {
        int len = msg.length - Handshake.HEADER_LENGTH;
        msg[1] = (byte) (len >>> 16);
        msg[2] = (byte) (len >>> 8);
        msg[3] = (byte) len;
        return msg;
    }

    private static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }
}
