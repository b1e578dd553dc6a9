package tlslab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule;
import tlslab.handshake.Extension;
import tlslab.transcript.Entry;
import tlslab.transport.Interceptor;

/** Extended master secret (RFC 7627) and encrypt-then-MAC (RFC 7366): negotiated both ways, and what each changes. */
class ExtendedMasterSecretAndEtmTest {
    static final CipherSuite CBC = CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA;
    static final CipherSuite GCM = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;

    static Connection[] connect(TlsConfig client, TlsConfig server) throws Exception {
        return MemoryHandshakeTest.connect(client, server, Interceptor.NONE);
    }

    /** The handshake messages up to and including ClientKeyExchange, as the session hash covers them. */
    static byte[] upToClientKeyExchange(Connection c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Entry e : c.transcript().entries()) {
            if (e.message() == null) continue;
            out.writeBytes(e.bytes());
            if (e.name().equals("ClientKeyExchange")) break;
        }
        return out.toByteArray();
    }

    @Test
    void onByDefaultAndDerivedFromTheSessionHash() throws Exception {
        Connection[] c = connect(TestPki.client(), TestPki.server());
        for (Connection side : c) assertTrue(side.session().extendedMasterSecret(), side.session().toString());
        Secrets s = c[0].secrets();
        byte[] sessionHash = KeySchedule.sessionHash(s.cipherSuite(), upToClientKeyExchange(c[0]));
        assertArrayEquals(sessionHash, s.sessionHash());
        assertArrayEquals(sessionHash, c[1].secrets().sessionHash());
        assertArrayEquals(KeySchedule.extendedMasterSecret(s.preMasterSecret(), sessionHash), s.masterSecret());
        assertFalse(java.util.Arrays.equals(KeySchedule.masterSecret(s.preMasterSecret(), s.clientRandom(), s.serverRandom()),
                s.masterSecret()));
    }

    @Test
    void theSessionHashStopsBeforeCertificateVerify() throws Exception {
        TlsConfig client = TestPki.client().identity(List.of(TestPki.CLIENT_CERT), TestPki.CLIENT_KEYS.getPrivate());
        TlsConfig server = TestPki.server().trust(List.of(TestPki.CA.certificate())).requireClientCertificate(true);
        Connection[] c = connect(client, server);
        assertTrue(c[0].transcript().names().contains("CertificateVerify"));
        assertArrayEquals(KeySchedule.sessionHash(c[1].session().cipherSuite(), upToClientKeyExchange(c[1])), c[1].secrets().sessionHash());
    }

    @Test
    void eitherSideCanTurnItOff() throws Exception {
        for (boolean clientOn : new boolean[] {false, true}) {
            Connection[] c = connect(TestPki.client().extendedMasterSecret(clientOn), TestPki.server().extendedMasterSecret(!clientOn));
            assertFalse(c[0].session().extendedMasterSecret());
            assertFalse(c[1].session().extendedMasterSecret());
            Secrets s = c[1].secrets();
            assertNull(s.sessionHash());
            assertArrayEquals(KeySchedule.masterSecret(s.preMasterSecret(), s.clientRandom(), s.serverRandom()), s.masterSecret());
            boolean offered = Extension.find(((tlslab.handshake.ClientHello) c[0].transcript().find("ClientHello").message())
                    .extensions(), Extension.EXTENDED_MASTER_SECRET) != null;
            assertEquals(clientOn, offered);
        }
    }

    @Test
    void encryptThenMacForCbcSuitesOnly() throws Exception {
        Connection[] cbc = connect(TestPki.client().cipherSuites(CBC), TestPki.server());
        assertTrue(cbc[0].session().encryptThenMac());
        assertTrue(cbc[1].session().encryptThenMac());
        cbc[0].write("ping".getBytes());
        assertEquals("ping", new String(cbc[1].read()));

        Connection[] gcm = connect(TestPki.client().cipherSuites(GCM, CBC), TestPki.server());
        assertFalse(gcm[0].session().encryptThenMac());
        assertFalse(gcm[1].session().encryptThenMac());

        Connection[] off = connect(TestPki.client().cipherSuites(CBC), TestPki.server().encryptThenMac(false));
        assertFalse(off[0].session().encryptThenMac());
        off[0].write("pong".getBytes());
        assertEquals("pong", new String(off[1].read()));
    }

    @Test
    void theRecordLayoutShowsTheOrder() throws Exception {
        // one byte of data with HMAC-SHA1: MAC-then-encrypt pads 1+20 bytes to 32; encrypt-then-MAC pads 1 to 16, then adds 20
        assertEquals(5 + 16 + 32, lastRecordLength(connect(TestPki.client().cipherSuites(CBC).encryptThenMac(false), TestPki.server())));
        assertEquals(5 + 16 + 16 + 20, lastRecordLength(connect(TestPki.client().cipherSuites(CBC), TestPki.server())));
    }

    private static int lastRecordLength(Connection[] c) throws Exception {
        c[0].write(new byte[1]);
        c[1].read();
        var records = c[0].transcript().records();
        return records.get(records.size() - 1).record().wire().length;
    }

    @Test
    void aTamperedEncryptThenMacRecordIsRefusedBeforeDecryption() {
        Interceptor flipLastByte = (fromClient, bytes) -> {
            if (fromClient && bytes[0] == 23) {
                byte[] copy = bytes.clone();
                copy[copy.length - 1] ^= 1;
                return copy;
            }
            return bytes;
        };
        TlsException e = assertThrows(TlsException.class, () -> {
            Connection[] c = MemoryHandshakeTest.connect(TestPki.client().cipherSuites(CBC), TestPki.server(), flipLastByte);
            c[0].write("hello".getBytes());
            c[1].read();
        });
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert(), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was decrypted"), e.getMessage());
    }

    @Test
    void resumptionKeepsTheMasterSecretKind() throws Exception {
        TlsConfig server = TestPki.server();
        Connection[] first = connect(TestPki.client(), server);
        Connection[] again = connect(TestPki.client().resume(first[0].session()), server);
        assertTrue(again[0].resumed());
        assertTrue(again[0].session().extendedMasterSecret());

        // made with the extended master secret, resumed without: refused (RFC 7627 §5.3)
        TlsException e = assertThrows(TlsException.class,
                () -> connect(TestPki.client().extendedMasterSecret(false).resume(first[0].session()), server));
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert(), e.getMessage());

        // made without, now offered: a full handshake with the extended one
        Connection[] classic = connect(TestPki.client().extendedMasterSecret(false), server);
        Connection[] upgraded = connect(TestPki.client().resume(classic[0].session()), server);
        assertFalse(upgraded[0].resumed());
        assertTrue(upgraded[0].session().extendedMasterSecret());
    }
}
