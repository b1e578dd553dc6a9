package tlslab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
import tlslab.crypto.RandomSource;
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
    void ecdheOverBothCurves() throws Exception {
        for (NamedGroup g : NamedGroup.values()) {
            Connection[] cs = connect(TestPki.client().groups(g), TestPki.server(), Interceptor.NONE);
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
}
