package tlslab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.NamedGroup;
import tlslab.crypto.Prf;
import tlslab.crypto.Hash;
import tlslab.crypto.RandomSource;
import tlslab.handshake.ServerKeyExchange;
import tlslab.record.ContentType;
import tlslab.transcript.Entry;
import tlslab.transcript.Transcript;
import tlslab.transport.Interceptor;

@Timeout(60)
class MemoryHandshakeTest {

    static Connection[] connect(TlsConfig client, TlsConfig server, Interceptor mitm) throws Exception {
        return MemoryPair.connect(client, server, mitm);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void everySuiteCarriesDataBothWays(CipherSuite suite) throws Exception {
        Connection[] cs = connect(TestPki.client().cipherSuites(suite), TestPki.server(), Interceptor.NONE);
        assertEquals(suite, cs[0].session().cipherSuite());
        cs[0].write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("GET / HTTP/1.0\r\n\r\n", new String(cs[1].read(), StandardCharsets.US_ASCII));
        byte[] big = new byte[40000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) i;
        CompletableFuture<Void> w = CompletableFuture.runAsync(() -> {
            try {
                cs[1].write(big);
                cs[1].close();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        byte[] got = cs[0].inputStream().readAllBytes();
        w.get(10, TimeUnit.SECONDS);
        assertArrayEquals(big, got);
        assertArrayEquals(cs[0].secrets().masterSecret(), cs[1].secrets().masterSecret());
    }

    @Test
    void transcriptListsTheMessagesInOrder() throws Exception {
        Connection[] cs = connect(TestPki.client().cipherSuites(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256), TestPki.server(), Interceptor.NONE);
        assertEquals(List.of("ClientHello", "ServerHello", "Certificate", "ServerHelloDone", "ClientKeyExchange",
                "ChangeCipherSpec", "Finished", "ChangeCipherSpec", "Finished"), cs[0].transcript().names());
        assertEquals(cs[0].transcript().names(), cs[1].transcript().names());
    }

    @Test
    void ecdheOverEveryCurve() throws Exception {
        for (NamedGroup g : NamedGroup.values()) {
            if (g.finiteField()) continue;   // TLS 1.2's ECDHE suites take curves only
            Connection[] cs = connect(TestPki.client().groups(g), TestPki.server().groups(g), Interceptor.NONE);
            assertEquals(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, cs[0].session().cipherSuite());
            assertTrue(cs[0].transcript().names().contains("ServerKeyExchange"));
        }
    }

    @Test
    void resumptionSkipsTheKeyExchange() throws Exception {
        TlsConfig server = TestPki.server();
        Connection[] first = connect(TestPki.client(), server, Interceptor.NONE);
        Connection[] second = connect(TestPki.client().resume(first[0].session()), server, Interceptor.NONE);
        assertTrue(second[0].resumed());
        assertTrue(second[1].resumed());
        assertEquals(List.of("ClientHello", "ServerHello", "ChangeCipherSpec", "Finished", "ChangeCipherSpec", "Finished"),
                second[0].transcript().names());
        assertArrayEquals(first[0].session().masterSecret(), second[1].secrets().masterSecret());
    }

    @Test
    void clientAuthenticationSendsCertificateVerify() throws Exception {
        TlsConfig server = TestPki.server().trust(List.of(TestPki.CA.certificate())).requireClientCertificate(true);
        TlsConfig client = TestPki.client().identity(List.of(TestPki.CLIENT_CERT), TestPki.CLIENT_KEYS.getPrivate());
        Connection[] cs = connect(client, server, Interceptor.NONE);
        assertTrue(cs[1].transcript().names().contains("CertificateVerify"));
        assertEquals(TestPki.CLIENT_CERT, cs[1].session().peerCertificates().get(0));
    }

    @Test
    void serverRefusesAClientWithoutCertificateWhenRequired() {
        TlsConfig server = TestPki.server().trust(List.of(TestPki.CA.certificate())).requireClientCertificate(true);
        TlsException e = assertThrows(TlsException.class, () -> connect(TestPki.client(), server, Interceptor.NONE));
        assertTrue(e.getMessage().contains("handshake_failure") || e.alert() == AlertDescription.HANDSHAKE_FAILURE, e.getMessage());
    }

    @Test
    void downgradedCipherListIsCaughtByFinished() {
        // a man in the middle removes the client's favourite suite (GCM) from ClientHello.cipher_suites
        Interceptor downgrade = (fromClient, bytes) -> {
            int suites = 5 + 4 + 2 + 32 + 1 + 2; // record header, handshake header, version, random, empty session_id, length
            if (fromClient && bytes[0] == 22 && bytes[5] == 1 && bytes[suites] == 0x00 && bytes[suites + 1] == (byte) 0x9C) {
                byte[] copy = bytes.clone();
                copy[suites + 1] = 0x00; // 0x0000: TLS_NULL_WITH_NULL_NULL, which no server picks
                return copy;
            }
            return bytes;
        };
        // the 2008 master secret: both sides share keys, and the server's Finished shows the transcripts differ
        TlsConfig classic = TestPki.client().extendedMasterSecret(false)
                .cipherSuites(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA);
        TlsException e = assertThrows(TlsException.class, () -> connect(classic, TestPki.server(), downgrade));
        assertEquals(AlertDescription.DECRYPT_ERROR, e.alert(), e.getMessage());
        // the extended master secret hashes the altered ClientHello in: the keys differ, so Finished cannot even be read
        TlsConfig extended = TestPki.client().cipherSuites(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA);
        e = assertThrows(TlsException.class, () -> connect(extended, TestPki.server(), downgrade));
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert(), e.getMessage());
    }

    @Test
    void wrongHostIsRejected() {
        TlsException e = assertThrows(TlsException.class,
                () -> connect(TestPki.client().serverName("www.evil.test"), TestPki.server(), Interceptor.NONE));
        assertTrue(e.getMessage().contains("www.evil.test"), e.getMessage());
    }

    @Test
    void noCommonSuiteFailsWithHandshakeFailure() {
        TlsConfig server = TestPki.server().cipherSuites(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA);
        TlsException e = assertThrows(TlsException.class,
                () -> connect(TestPki.client().cipherSuites(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256), server, Interceptor.NONE));
        assertTrue(e.getMessage().contains("handshake_failure"), e.getMessage());
    }

    @Test
    void seededRunsRepeatByteForByte() throws Exception {
        byte[][] firstFlight = new byte[2][];
        for (int i = 0; i < 2; i++) {
            TlsConfig c = TestPki.client().random(RandomSource.seeded("test")).cipherSuites(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
            TlsConfig s = TestPki.server().random(RandomSource.seeded("test-server"));
            Connection[] cs = connect(c, s, Interceptor.NONE);
            StringBuilder all = new StringBuilder();
            cs[0].transcript().entries().forEach(e -> all.append(tlslab.wire.Hex.of(e.bytes())));
            firstFlight[i] = all.toString().getBytes(StandardCharsets.US_ASCII);
        }
        assertArrayEquals(firstFlight[0], firstFlight[1]);
        assertFalse(RandomSource.isSeeded(new java.security.SecureRandom()));
    }

    @Test
    void closeNotifyEndsReading() throws Exception {
        Connection[] cs = connect(TestPki.client(), TestPki.server(), Interceptor.NONE);
        cs[1].close();
        assertNull(cs[0].read());
    }

    @Test
    void renegotiationIsRefusedWithAWarning() throws Exception {
        Connection[] cs = connect(TestPki.client(), TestPki.server(), Interceptor.NONE);
        byte[] hello = cs[0].transcript().find("ClientHello").bytes();
        cs[0].records.write(tlslab.record.ContentType.HANDSHAKE, hello); // a second ClientHello: renegotiation
        cs[0].write("still here".getBytes(StandardCharsets.US_ASCII));
        assertEquals("still here", new String(cs[1].read(), StandardCharsets.US_ASCII));
        assertTrue(cs[1].transcript().names().contains("Alert(no_renegotiation)"), cs[1].transcript().names().toString());
        cs[1].write("ok".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ok", new String(cs[0].read(), StandardCharsets.US_ASCII));
        assertTrue(cs[0].transcript().names().contains("Alert(no_renegotiation)"));
    }

    @Test
    void aBrokenPluggedInPrfIsNamedAsSuch() {
        TlsConfig client = TestPki.client().prf((secret, label, seed, length) -> new byte[3]);
        TlsException e = assertThrows(TlsException.class, () -> connect(client, TestPki.server(), Interceptor.NONE));
        assertTrue(e.getMessage().contains("the PRF given to TlsConfig.prf returned 3 bytes"), e.getMessage());
        TlsConfig throwing = TestPki.client().prf((secret, label, seed, length) -> {
            throw new UnsupportedOperationException("TODO");
        });
        e = assertThrows(TlsException.class, () -> connect(throwing, TestPki.server(), Interceptor.NONE));
        assertTrue(e.getMessage().contains("threw java.lang.UnsupportedOperationException: TODO"), e.getMessage());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Handshake messages in the order sent and received, up to (not including) the {@code n}th Finished. */
    static byte[] messagesBeforeFinished(Connection c, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int finished = 0;
        for (Entry e : c.transcript().entries()) {
            if (e.message() == null) continue;
            if (e.name().equals("Finished") && ++finished == n) break;
            out.writeBytes(e.bytes());
        }
        return out.toByteArray();
    }

    /** RFC 5289 §3: master secret, key block and Finished of the *_SHA384 suites all run on SHA-384. */
    @ParameterizedTest
    @EnumSource(names = {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384"})
    void sha384SuitesUseSha384Throughout(CipherSuite suite) throws Exception {
        Connection[] cs = connect(TestPki.client().extendedMasterSecret(false).cipherSuites(suite), TestPki.server(), Interceptor.NONE);
        Secrets s = cs[0].secrets();
        assertEquals(suite, s.cipherSuite());
        assertArrayEquals(Prf.prf(Hash.SHA384, s.preMasterSecret(), "master secret",
                concat(s.clientRandom(), s.serverRandom()), 48), s.masterSecret());
        assertEquals(32, s.keyBlock().clientKey().length);
        assertEquals(4, s.keyBlock().serverIv().length);
        byte[] block = Prf.prf(Hash.SHA384, s.masterSecret(), "key expansion", concat(s.serverRandom(), s.clientRandom()), 72);
        assertArrayEquals(Arrays.copyOfRange(block, 32, 64), s.keyBlock().serverKey());
        // the client's Finished covers everything before it; the server's also the client's Finished
        byte[] clientHash = Hash.SHA384.digest(messagesBeforeFinished(cs[0], 1));
        byte[] serverHash = Hash.SHA384.digest(messagesBeforeFinished(cs[0], 2));
        assertArrayEquals(Prf.prf(Hash.SHA384, s.masterSecret(), "client finished", clientHash, 12), s.clientVerifyData());
        assertArrayEquals(Prf.prf(Hash.SHA384, s.masterSecret(), "server finished", serverHash, 12), s.serverVerifyData());
        assertArrayEquals(s.serverVerifyData(), cs[1].secrets().serverVerifyData());

        // the extended master secret (RFC 7627): session hash and PRF both SHA-384
        Secrets x = connect(TestPki.client().cipherSuites(suite), TestPki.server(), Interceptor.NONE)[0].secrets();
        assertEquals(48, x.sessionHash().length);
        assertArrayEquals(Prf.prf(Hash.SHA384, x.preMasterSecret(), "extended master secret", x.sessionHash(), 48), x.masterSecret());
    }

    /** An abbreviated handshake derives keys and Finished from the session's suite: SHA-384 and ChaCha20 too. */
    @ParameterizedTest
    @EnumSource(names = {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"})
    void newSuitesResume(CipherSuite suite) throws Exception {
        TlsConfig server = TestPki.server();
        Connection[] first = connect(TestPki.client().cipherSuites(suite), server, Interceptor.NONE);
        Connection[] second = connect(TestPki.client().cipherSuites(suite).resume(first[0].session()), server, Interceptor.NONE);
        assertTrue(second[0].resumed());
        assertEquals(suite, second[1].session().cipherSuite());
        second[1].write("resumed".getBytes(StandardCharsets.US_ASCII));
        assertEquals("resumed", new String(second[0].read(), StandardCharsets.US_ASCII));
        Secrets s = second[0].secrets();
        byte[] clientHash = suite.prfHash.digest(messagesBeforeFinished(second[0], 2));   // server Finished comes first
        assertArrayEquals(Prf.prf(suite.prfHash, s.masterSecret(), "client finished", clientHash, 12), s.clientVerifyData());
    }

    @Test
    void chachaPolySuiteSendsNoExplicitNonce() throws Exception {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256;
        Connection[] cs = connect(TestPki.client().cipherSuites(suite), TestPki.server(), Interceptor.NONE);
        assertEquals(suite, cs[1].session().cipherSuite());
        Secrets s = cs[0].secrets();
        assertEquals(32, s.keyBlock().clientKey().length);
        assertEquals(12, s.keyBlock().clientIv().length);
        assertEquals(0, s.keyBlock().clientMacKey().length);
        byte[] hello = "hello, chacha".getBytes(StandardCharsets.US_ASCII);
        cs[0].write(hello);
        assertArrayEquals(hello, cs[1].read());
        Transcript.RecordEntry data = cs[0].transcript().records().stream()
                .filter(r -> r.record().type() == ContentType.APPLICATION_DATA).findFirst().orElseThrow();
        assertEquals(5 + hello.length + 16, data.record().wire().length, "header, ciphertext, tag: nothing else");
        // the SHA-256 PRF and Finished hash, as for the AES-128 suites (RFC 7905 §2)
        assertArrayEquals(Prf.prf(s.masterSecret(), "client finished", Hash.SHA256.digest(messagesBeforeFinished(cs[0], 1)), 12),
                s.clientVerifyData());
    }

    @Test
    void secp384r1KeyExchange() throws Exception {
        Connection[] cs = connect(TestPki.client().groups(NamedGroup.SECP384R1), TestPki.server(), Interceptor.NONE);
        ServerKeyExchange ske = (ServerKeyExchange) cs[0].transcript().find("ServerKeyExchange").message();
        assertEquals(24, ske.namedCurve());
        assertEquals(97, ske.publicKey().length);
        assertEquals(48, cs[0].secrets().preMasterSecret().length, "the x coordinate of the shared point");
        assertArrayEquals(cs[0].secrets().preMasterSecret(), cs[1].secrets().preMasterSecret());
    }

    @Test
    void serverTakesItsFirstGroupTheClientOffers() throws Exception {
        Connection[] cs = connect(TestPki.client().groups(NamedGroup.SECP384R1, NamedGroup.SECP256R1),
                TestPki.server().groups(NamedGroup.SECP256R1, NamedGroup.SECP384R1), Interceptor.NONE);
        assertEquals(23, ((ServerKeyExchange) cs[0].transcript().find("ServerKeyExchange").message()).namedCurve());
    }

    /** What the course notebooks show: two default peers agree on ECDHE, AES-128-GCM and x25519. */
    @Test
    void defaultPeersStillPickEcdheAes128GcmOverX25519() throws Exception {
        Connection[] cs = connect(TestPki.client(), TestPki.server(), Interceptor.NONE);
        assertEquals(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, cs[0].session().cipherSuite());
        assertEquals(29, ((ServerKeyExchange) cs[0].transcript().find("ServerKeyExchange").message()).namedCurve());
    }

    /** TlsConfig.prf is a SHA-256 PRF: it drives a SHA-256 suite's handshake, and is left out of a SHA-384 one. */
    @Test
    void aPluggedInPrfDrivesSha256SuitesOnly() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Prf.Function counting = (secret, label, seed, length) -> {
            calls.incrementAndGet();
            return Prf.prf(secret, label, seed, length);
        };
        connect(TestPki.client().prf(counting).cipherSuites(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384),
                TestPki.server(), Interceptor.NONE);
        assertEquals(0, calls.get());
        connect(TestPki.client().prf(counting).cipherSuites(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256),
                TestPki.server(), Interceptor.NONE);
        assertEquals(4, calls.get(), "master secret, key block, two Finished");
    }
}
