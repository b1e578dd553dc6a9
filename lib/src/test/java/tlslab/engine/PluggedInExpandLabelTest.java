package tlslab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.Hash;
import tlslab.crypto.tls13.Hkdf;
import tlslab.crypto.tls13.SecretSchedule;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.transport.Interceptor;
import tlslab.wire.ProtocolVersion;

/**
 * {@link TlsConfig#hkdfExpandLabel}: a plugged-in HKDF-Expand-Label (exercise 11's) drives the whole TLS
 * 1.3 key schedule of its side, with either hash; a wrong one breaks the handshake, and a broken one is
 * named as such.
 */
class PluggedInExpandLabelTest {
    static final int TLS13 = ProtocolVersion.TLS13;

    static Connection[] connect(TlsConfig client, TlsConfig server) throws Exception {
        return MemoryHandshakeTest.connect(client, server, Interceptor.NONE);
    }

    /** The library's HKDF-Expand-Label, noting each (HMAC, label) it is asked for. */
    static Hkdf.ExpandLabel counting(Set<String> seen) {
        return (hmac, secret, label, context, length) -> {
            seen.add(hmac + " " + label);
            return Hkdf.LIBRARY.expandLabel(hmac, secret, label, context, length);
        };
    }

    @ParameterizedTest
    @EnumSource(Tls13CipherSuite.class)
    void aPluggedInExpandLabelDrivesEveryStepOfTheKeySchedule(Tls13CipherSuite suite) throws Exception {
        Set<String> client = ConcurrentHashMap.newKeySet(), server = ConcurrentHashMap.newKeySet();
        Connection[] c = connect(TestPki.client().versions(TLS13).tls13CipherSuites(suite).hkdfExpandLabel(counting(client)),
                TestPki.server().versions(TLS13).hkdfExpandLabel(counting(server)));
        String hmac = suite.hash.hmacName;
        for (String label : List.of("derived", "c hs traffic", "s hs traffic", "finished", "key", "iv", "c ap traffic", "s ap traffic")) {
            assertTrue(client.contains(hmac + " " + label), "client: " + label + " in " + client);
            assertTrue(server.contains(hmac + " " + label), "server: " + label + " in " + server);
        }
        assertTrue(server.contains(hmac + " res master") && server.contains(hmac + " resumption"), server.toString());
        c[0].write("ping".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ping", new String(c[1].read(), StandardCharsets.US_ASCII));
        Tls13Secrets s = c[0].tls13Secrets();
        assertArrayEquals(SecretSchedule.masterSecret(suite.hash, s.handshakeSecret()), s.masterSecret());
    }

    @Test
    void resumptionAndKeyUpdateRunOnItToo() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        TlsConfig server = TestPki.server().versions(TLS13);
        Connection[] first = connect(TestPki.client().versions(TLS13).hkdfExpandLabel(counting(seen)), server);
        first[1].write("hi".getBytes());
        first[0].read();   // the ticket comes before the data
        assertTrue(seen.contains("HmacSHA256 resumption"), seen.toString());
        first[0].keyUpdate(true);
        first[0].write("after".getBytes());
        assertEquals("after", new String(first[1].read()));
        first[1].write("reply".getBytes());
        assertEquals("reply", new String(first[0].read()));
        assertTrue(seen.contains("HmacSHA256 traffic upd"), seen.toString());

        seen.clear();
        Tls13Ticket ticket = first[0].tls13Ticket();
        assertNotNull(ticket);
        Connection[] again = connect(TestPki.client().versions(TLS13).hkdfExpandLabel(counting(seen)).resume(ticket), server);
        assertTrue(again[0].resumed());
        assertTrue(seen.contains("HmacSHA256 res binder"), seen.toString());
    }

    @Test
    void aWrongExpandLabelBreaksTheHandshake() {
        // the one mistake students make most: the label without its "tls13 " prefix
        Hkdf.ExpandLabel noPrefix = (hmac, secret, label, context, length) ->
                Hkdf.expand(Hash.ofHmacName(hmac), secret, new tlslab.wire.Writer().u16(length)
                        .opaque8(label.getBytes(StandardCharsets.US_ASCII)).opaque8(context).toByteArray(), length);
        TlsException e = assertThrows(TlsException.class, () ->
                connect(TestPki.client().versions(TLS13).hkdfExpandLabel(noPrefix), TestPki.server().versions(TLS13)));
        // the client derives other handshake keys than the server: it cannot open EncryptedExtensions
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert(), e.getMessage());
    }

    @Test
    void aBrokenExpandLabelIsNamedAsSuch() {
        TlsConfig shortOne = TestPki.client().versions(TLS13).hkdfExpandLabel((hmac, secret, label, context, length) -> new byte[3]);
        TlsException e = assertThrows(TlsException.class, () -> connect(shortOne, TestPki.server().versions(TLS13)));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
        assertTrue(e.getMessage().contains("the HKDF-Expand-Label given to TlsConfig.hkdfExpandLabel returned 3 bytes for label \"derived\""),
                e.getMessage());
        TlsConfig throwing = TestPki.client().versions(TLS13).hkdfExpandLabel((hmac, secret, label, context, length) -> {
            throw new UnsupportedOperationException("TODO");
        });
        e = assertThrows(TlsException.class, () -> connect(throwing, TestPki.server().versions(TLS13)));
        assertTrue(e.getMessage().contains("TlsConfig.hkdfExpandLabel threw java.lang.UnsupportedOperationException: TODO"),
                e.getMessage());
    }

    @Test
    void tls12DoesNotUseIt() throws Exception {
        TlsConfig client = TestPki.client().versions(ProtocolVersion.TLS12).hkdfExpandLabel((hmac, secret, label, context, length) -> {
            throw new AssertionError("called in a TLS 1.2 handshake");
        });
        Connection[] c = connect(client, TestPki.server());
        assertEquals(ProtocolVersion.TLS12, c[0].version());
    }

    @Test
    void ofHmacNameSaysWhatItKnows() {
        assertEquals(Hash.SHA384, Hash.ofHmacName("HmacSHA384"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hash.ofHmacName("HmacMD5"));
        assertTrue(e.getMessage().contains("\"HmacMD5\""), e.getMessage());
    }
}
