package tlslab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.NamedGroup;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.handshake.ClientHello;
import tlslab.handshake.Extension;
import tlslab.handshake.Handshake;
import tlslab.transcript.Entry;
import tlslab.transcript.KeyLog;
import tlslab.transport.Interceptor;
import tlslab.wire.ProtocolVersion;

/** TLS 1.3 between two tlslab peers in memory (RFC 8446 §2): the 1-RTT handshake, versions, keys, KeyUpdate. */
class Tls13HandshakeTest {
    static final int TLS13 = ProtocolVersion.TLS13, TLS12 = ProtocolVersion.TLS12;

    static Connection[] connect(TlsConfig client, TlsConfig server) throws Exception {
        return MemoryHandshakeTest.connect(client, server, Interceptor.NONE);
    }

    @Test
    void seededRunsRepeatByteForByteRsaPssSignatureIncluded() throws Exception {
        String[] runs = new String[2];
        for (int i = 0; i < 2; i++) {
            Connection[] c = connect(TestPki.client().versions(TLS13).random(tlslab.crypto.RandomSource.seeded("test-13")),
                    TestPki.server().versions(TLS13).random(tlslab.crypto.RandomSource.seeded("test-13-server")));
            StringBuilder all = new StringBuilder();
            c[0].transcript().entries().forEach(e -> all.append(e.name()).append(tlslab.wire.Hex.of(e.bytes())));
            runs[i] = all.toString();
        }
        assertTrue(runs[0].contains("CertificateVerify"));
        assertEquals(runs[0], runs[1], "a seeded TLS 1.3 run (the PSS salt of CertificateVerify too) repeats");
    }

    @Test
    void oneRoundTripWithEverythingAfterServerHelloEncrypted() throws Exception {
        Connection[] c = connect(TestPki.client().versions(TLS13, TLS12), TestPki.server().versions(TLS13, TLS12));
        assertEquals(TLS13, c[0].version());
        assertEquals(TLS13, c[1].version());
        assertEquals(List.of("ClientHello", "ServerHello", "ChangeCipherSpec (compatibility)", "EncryptedExtensions", "Certificate",
                "CertificateVerify", "Finished", "ChangeCipherSpec (compatibility)", "Finished"), c[0].transcript().names());
        for (Entry e : c[0].transcript().entries()) {
            boolean clear = e.name().equals("ClientHello") || e.name().equals("ServerHello") || e.name().startsWith("ChangeCipherSpec");
            assertEquals(!clear, e.encrypted(), e.name());
            if (e.message() != null) assertTrue(e.fields().size() > 2, e.name() + " explains its fields");
        }
        c[0].write("GET / HTTP/1.0\r\n\r\n".getBytes());
        assertEquals("GET / HTTP/1.0\r\n\r\n", new String(c[1].read()));
        c[1].write("hello".getBytes());
        assertEquals("hello", new String(c[0].read()));
        Tls13Secrets a = c[0].tls13Secrets(), b = c[1].tls13Secrets();
        assertArrayEquals(a.masterSecret(), b.masterSecret());
        assertArrayEquals(a.clientApplicationTrafficSecret(), b.clientApplicationTrafficSecret());
        assertNull(c[0].secrets());
        assertEquals(TestPki.SERVER_CERT, c[0].peerCertificates().get(0));
    }

    @ParameterizedTest
    @EnumSource(Tls13CipherSuite.class)
    void everySuite(Tls13CipherSuite suite) throws Exception {
        Connection[] c = connect(TestPki.client().versions(TLS13).tls13CipherSuites(suite), TestPki.server().versions(TLS13, TLS12));
        assertEquals(suite.name(), c[1].cipherSuiteName());
        c[1].write(new byte[40000]);
        int got = 0;
        while (got < 40000) got += c[0].read().length;
        assertEquals(40000, got);
    }

    @Test
    void everyGroup() throws Exception {
        for (NamedGroup g : NamedGroup.values()) {
            Connection[] c = connect(TestPki.client().versions(TLS13).groups(g), TestPki.server().versions(TLS13).groups(g));
            assertEquals(TLS13, c[0].version(), g.toString());
            assertEquals(g.coordinateLength, c[0].tls13Secrets().sharedSecret().length, g + ": the shared secret, leading zeros kept");
            assertArrayEquals(c[0].tls13Secrets().serverApplicationTrafficSecret(), c[1].tls13Secrets().serverApplicationTrafficSecret());
        }
    }

    /**
     * RFC 8449: the client takes records of at most 64 bytes of plaintext (content type included), so the
     * server's EncryptedExtensions announces its own limit and every protected record it sends carries
     * at most 63 bytes of content; the data still arrives whole. The server also lists its groups and
     * acknowledges the server name there.
     */
    @Test
    void recordSizeLimitShortensThePeersRecords() throws Exception {
        java.util.List<Integer> serverRecordLengths = new java.util.ArrayList<>();
        Connection[] c = MemoryHandshakeTest.connect(TestPki.client().versions(TLS13).recordSizeLimit(64), TestPki.server().versions(TLS13),
                (fromClient, bytes) -> {
                    if (!fromClient && bytes[0] == 23) serverRecordLengths.add(bytes.length - 5);
                    return bytes;
                });
        tlslab.handshake.EncryptedExtensions ee = (tlslab.handshake.EncryptedExtensions) c[0].transcript().find("EncryptedExtensions").message();
        assertEquals(java.util.List.of(tlslab.handshake.Extension.SUPPORTED_GROUPS, tlslab.handshake.Extension.RECORD_SIZE_LIMIT,
                tlslab.handshake.Extension.SERVER_NAME), ee.extensions().stream().map(tlslab.handshake.Extension::type).toList());
        byte[] data = new byte[1000];
        c[1].write(data);
        int got = 0;
        while (got < data.length) got += c[0].read().length;
        assertEquals(1000, got);
        // each AES-128-GCM record: at most 63 bytes of content + 1 type byte + 16-byte tag
        assertTrue(serverRecordLengths.stream().allMatch(n -> n <= 64 + 16), serverRecordLengths.toString());
        assertTrue(serverRecordLengths.size() >= 1000 / 63, serverRecordLengths.toString());
        assertThrows(IllegalArgumentException.class, () -> new TlsConfig().recordSizeLimit(63));
        tlslab.alert.TlsException small = assertThrows(tlslab.alert.TlsException.class, () -> tlslab.handshake.Tls13Extensions.of(
                java.util.List.of(tlslab.handshake.Extension.recordSizeLimit(63)), tlslab.handshake.ExtensionContext.CLIENT_HELLO));
        assertEquals(tlslab.alert.AlertDescription.ILLEGAL_PARAMETER, small.alert());
        assertTrue(small.getMessage().contains("record_size_limit") && small.getMessage().contains("64"), small.getMessage());
    }

    /** The client's one share is x25519, the server takes only secp256r1: it asks again, and the handshake goes on (§4.1.4). */
    @Test
    void helloRetryRequestForAnotherGroup() throws Exception {
        Connection[] c = connect(TestPki.client().versions(TLS13).groups(NamedGroup.X25519, NamedGroup.SECP256R1),
                TestPki.server().versions(TLS13).groups(NamedGroup.SECP256R1));
        // the server sends its one compatibility ChangeCipherSpec after the HelloRetryRequest, the client its own before ClientHello2
        assertEquals(List.of("ClientHello", "HelloRetryRequest", "ChangeCipherSpec (compatibility)", "ChangeCipherSpec (compatibility)",
                "ClientHello", "ServerHello",
                "EncryptedExtensions", "Certificate", "CertificateVerify", "Finished", "Finished", "NewSessionTicket"), c[1].transcript().names());
        c[0].write("after a retry".getBytes());
        assertEquals("after a retry", new String(c[1].read()));
        assertArrayEquals(c[0].tls13Secrets().masterSecret(), c[1].tls13Secrets().masterSecret());
        // no group in common at all: handshake_failure
        TlsException e = assertThrows(TlsException.class, () -> connect(TestPki.client().versions(TLS13).groups(NamedGroup.X25519),
                TestPki.server().versions(TLS13).groups(NamedGroup.SECP256R1)));
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert(), e.getMessage());
    }

    @Test
    void clientAuthentication() throws Exception {
        TlsConfig server = TestPki.server().versions(TLS13).trust(List.of(TestPki.CA.certificate())).requireClientCertificate(true);
        Connection[] c = connect(TestPki.client().versions(TLS13).identity(List.of(TestPki.CLIENT_CERT), TestPki.CLIENT_KEYS.getPrivate()),
                server);
        assertEquals(TestPki.CLIENT_CERT, c[1].peerCertificates().get(0));
        assertEquals(List.of("ClientHello", "ServerHello", "ChangeCipherSpec (compatibility)", "EncryptedExtensions", "CertificateRequest",
                "Certificate", "CertificateVerify", "Finished", "ChangeCipherSpec (compatibility)", "Certificate", "CertificateVerify",
                "Finished"), c[0].transcript().names());
        TlsException e = assertThrows(TlsException.class, () -> connect(TestPki.client().versions(TLS13), server));
        assertEquals(AlertDescription.CERTIFICATE_REQUIRED, e.alert(), e.getMessage());
    }

    /** The server's NewSessionTicket lets the client resume: a PSK from the ticket plus fresh ECDHE, no certificate (§2.2). */
    @ParameterizedTest
    @EnumSource(Tls13CipherSuite.class)
    void resumptionWithATicket(Tls13CipherSuite suite) throws Exception {
        TlsConfig server = TestPki.server().versions(TLS13).tls13CipherSuites(suite);
        Connection[] first = connect(TestPki.client().versions(TLS13), server);
        first[1].write("hi".getBytes());
        first[0].read();   // the ticket arrives before the data
        Tls13Ticket ticket = first[0].tls13Ticket();
        assertNotNull(ticket);
        Connection[] again = connect(TestPki.client().versions(TLS13).resume(ticket), server);
        assertTrue(again[0].resumed());
        assertTrue(again[1].resumed());
        assertEquals(List.of("ClientHello", "ServerHello", "ChangeCipherSpec (compatibility)", "EncryptedExtensions", "Finished",
                "ChangeCipherSpec (compatibility)", "Finished"), again[0].transcript().names());
        assertEquals(TestPki.SERVER_CERT, again[0].peerCertificates().get(0));
        again[0].write("resumed".getBytes());
        assertEquals("resumed", new String(again[1].read()));
        // a ticket the server never issued: a full handshake instead
        Tls13Ticket forged = new Tls13Ticket(ticket.cipherSuite(), new byte[32], ticket.psk(), 0, 7200, ticket.issued(), List.of());
        Connection[] full = connect(TestPki.client().versions(TLS13).resume(forged), server);
        assertTrue(!full[0].resumed() && full[0].transcript().names().contains("Certificate"));
        // the right ticket with a wrong PSK: the binder gives it away
        Tls13Ticket wrongPsk = new Tls13Ticket(ticket.cipherSuite(), ticket.ticket(), new byte[ticket.psk().length], ticket.ageAdd(), 7200,
                ticket.issued(), List.of());
        TlsException e = assertThrows(TlsException.class, () -> connect(TestPki.client().versions(TLS13).resume(wrongPsk), server));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert(), e.getMessage());
    }

    /** The binder covers the ticket's age: a clock that moves between building and binding the ClientHello must not matter. */
    @Test
    void resumptionWithAClockThatMoves() throws Exception {
        TlsConfig server = TestPki.server().versions(TLS13);
        Connection[] first = connect(TestPki.client().versions(TLS13), server);
        first[1].write("hi".getBytes());
        first[0].read();
        java.time.Clock ticking = new java.time.Clock() {
            private long ms = System.currentTimeMillis();
            @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
            @Override public java.time.Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public synchronized java.time.Instant instant() { return java.time.Instant.ofEpochMilli(ms += 7); }
        };
        Connection[] again = connect(TestPki.client().versions(TLS13).clock(ticking).resume(first[0].tls13Ticket()), server);
        assertTrue(again[0].resumed());
    }

    @Test
    void aTls12PeerGetsTls12() throws Exception {
        Connection[] c = connect(TestPki.client().versions(TLS13, TLS12), TestPki.server().versions(TLS12));
        assertEquals(TLS12, c[0].version());
        c = connect(TestPki.client().versions(TLS12), TestPki.server().versions(TLS13, TLS12));
        assertEquals(TLS12, c[1].version());
        // a 1.3 server settling for 1.2 marks its random (RFC 8446 §4.1.3)
        byte[] random = c[0].secrets().serverRandom();
        assertArrayEquals(Tls13Handshake.DOWNGRADE_TLS12, Arrays.copyOfRange(random, 24, 32));
    }

    @Test
    void versionsThatDoNotMeetFailCleanly() {
        TlsException e = assertThrows(TlsException.class,
                () -> connect(TestPki.client().versions(TLS12), TestPki.server().versions(TLS13)));
        assertEquals(AlertDescription.PROTOCOL_VERSION, e.alert(), e.getMessage());
    }

    /** A man in the middle strips supported_versions from the ClientHello: the server's 1.2 random gives it away. */
    @Test
    void theClientCatchesADowngrade() {
        Interceptor strip = (fromClient, bytes) -> {
            if (!fromClient || bytes[0] != 22 || bytes[5] != 1) return bytes;
            try {
                ClientHello ch = (ClientHello) Handshake.decode(Arrays.copyOfRange(bytes, 5, bytes.length));
                List<Extension> ext = new ArrayList<>(ch.extensions());
                ext.removeIf(x -> x.type() == Extension.SUPPORTED_VERSIONS);
                ClientHello stripped = new ClientHello(ch.clientVersion(), ch.random(), ch.sessionId(),
                        ch.cipherSuites().stream().filter(s -> s < 0x1301 || s > 0x1303).toList(), ch.compressionMethods(), ext);
                byte[] body = stripped.encode();
                byte[] record = new byte[5 + body.length];
                System.arraycopy(bytes, 0, record, 0, 3);
                record[3] = (byte) (body.length >>> 8);
                record[4] = (byte) body.length;
                System.arraycopy(body, 0, record, 5, body.length);
                return record;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        TlsException e = assertThrows(TlsException.class, () -> MemoryHandshakeTest.connect(TestPki.client().versions(TLS13, TLS12),
                TestPki.server().versions(TLS13, TLS12), strip));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert(), e.getMessage());
        assertTrue(e.getMessage().contains("downgrade"), e.getMessage());
    }

    @Test
    void keyUpdateBothWays() throws Exception {
        Connection[] c = connect(TestPki.client().versions(TLS13), TestPki.server().versions(TLS13));
        Tls13Secrets before = c[0].tls13Secrets();
        c[0].keyUpdate(true);   // ours change, and we ask the server to change its own
        c[0].write("after".getBytes());
        assertEquals("after", new String(c[1].read()));   // the server reads KeyUpdate, answers with its own
        c[1].write("reply".getBytes());
        assertEquals("reply", new String(c[0].read()));
        assertEquals(2, c[0].transcript().names().stream().filter(n -> n.equals("KeyUpdate")).count());
        // both ends now report application_traffic_secret_1 each way (§7.2), the same at both ends
        tlslab.crypto.Hash h = before.cipherSuite().hash;
        byte[] client1 = tlslab.crypto.tls13.SecretSchedule.nextApplicationTrafficSecret(h, before.clientApplicationTrafficSecret());
        byte[] server1 = tlslab.crypto.tls13.SecretSchedule.nextApplicationTrafficSecret(h, before.serverApplicationTrafficSecret());
        for (Connection end : c) {
            assertArrayEquals(client1, end.tls13Secrets().clientApplicationTrafficSecret());
            assertArrayEquals(server1, end.tls13Secrets().serverApplicationTrafficSecret());
            assertArrayEquals(before.handshakeSecret(), end.tls13Secrets().handshakeSecret());
        }
    }

    /** §4.2.9: tickets go only to a client that sent psk_key_exchange_modes, which ours always does. */
    @Test
    void noTicketForAClientWithoutPskKeyExchangeModes() throws Exception {
        for (boolean withModes : new boolean[] {true, false}) {
            TlsConfig client = TestPki.client().versions(TLS13);
            if (!withModes) {
                client.clientHelloOverride = h -> h.withExtensions(h.extensions().stream()
                        .filter(e -> e.type() != tlslab.handshake.Extension.PSK_KEY_EXCHANGE_MODES).toList());
            }
            Connection[] c = connect(client, TestPki.server().versions(TLS13));
            c[1].write("x".getBytes());
            assertEquals("x", new String(c[0].read()));
            assertEquals(withModes, c[0].tls13Ticket() != null, "with psk_key_exchange_modes: " + withModes);
        }
    }

    /** A NewSessionTicket split over three records is put back together; application data in its middle is refused. */
    @Test
    void aPostHandshakeMessageMayRunOverSeveralRecords() throws Exception {
        Connection[] c = connect(TestPki.client().versions(TLS13), TestPki.server().versions(TLS13));
        byte[] nst = new tlslab.handshake.NewSessionTicket(600, 7, new byte[] {1}, new byte[300], java.util.List.of()).encode();
        Tls13PostHandshake after = new Tls13PostHandshake(new tlslab.record.RecordLayer(java.io.InputStream.nullInputStream(),
                java.io.OutputStream.nullOutputStream()), new tlslab.transcript.Transcript(true, java.time.Clock.systemUTC()),
                c[0].tls13Secrets(), true, java.util.List.of(), java.time.Clock.systemUTC(), tlslab.crypto.tls13.Hkdf.LIBRARY);
        after.received(java.util.Arrays.copyOfRange(nst, 0, 3));   // not even the whole header
        tlslab.alert.TlsException cut = assertThrows(tlslab.alert.TlsException.class, after::checkNoMessageCut);
        assertEquals(tlslab.alert.AlertDescription.UNEXPECTED_MESSAGE, cut.alert());
        after.received(java.util.Arrays.copyOfRange(nst, 3, 100));
        assertNull(after.ticket());
        after.received(java.util.Arrays.copyOfRange(nst, 100, nst.length));
        assertEquals(600, after.ticket().lifetimeSeconds());
        after.checkNoMessageCut();
    }

    @Test
    void theKeyLogHasTheFourTrafficSecrets() throws Exception {
        Path log = Files.createTempFile("tls13", ".keys");
        Connection[] c = connect(TestPki.client().versions(TLS13).keyLog(new KeyLog(log)), TestPki.server().versions(TLS13));
        List<String> lines = Files.readAllLines(log);
        Tls13Secrets s = c[0].tls13Secrets();
        assertEquals(List.of(KeyLog.line("CLIENT_HANDSHAKE_TRAFFIC_SECRET", s.clientRandom(), s.clientHandshakeTrafficSecret()),
                KeyLog.line("SERVER_HANDSHAKE_TRAFFIC_SECRET", s.clientRandom(), s.serverHandshakeTrafficSecret()),
                KeyLog.line("CLIENT_TRAFFIC_SECRET_0", s.clientRandom(), s.clientApplicationTrafficSecret()),
                KeyLog.line("SERVER_TRAFFIC_SECRET_0", s.clientRandom(), s.serverApplicationTrafficSecret())), lines);
        assertNotNull(s.sharedSecret());
    }
}
