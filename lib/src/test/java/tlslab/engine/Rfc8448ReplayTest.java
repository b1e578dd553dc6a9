package tlslab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.crypto.Cipher;

import org.junit.jupiter.api.Test;

import tlslab.crypto.NamedGroup;
import tlslab.crypto.tls13.Rfc8448Trace;
import tlslab.crypto.tls13.Rfc8448Trace.Step;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.handshake.CertificateMessage13;
import tlslab.handshake.ClientHello;
import tlslab.handshake.Handshake;
import tlslab.transport.Transport;
import tlslab.wire.Hex;

/**
 * RFC 8448 §3, "Simple 1-RTT Handshake", replayed through this library's own server and client: each
 * is fed the trace's inputs (the other side's records, its ephemeral x25519 key and random, the server's
 * RSA key and certificate) and must write the trace's records byte for byte, and arrive at its secrets.
 * <ul>
 * <li>The server, given the client's records, writes ServerHello, the encrypted flight (EncryptedExtensions,
 * Certificate, CertificateVerify, Finished in one record), application data and close_notify as printed.
 * Its NewSessionTicket legitimately differs: a ticket's lifetime, nonce and contents are the server's own
 * choice (the trace's server sends a 178-byte sealed ticket allowing early data; ours a 32-byte identifier).</li>
 * <li>The client's ClientHello legitimately differs: the trace's client offers what this library does not do
 * (session_ticket, DSA, ECDSA and SHA-1 signature schemes, renegotiation_info in a 1.3-only hello), so the
 * client sends the published ClientHello in place of its own, and everything it computes and writes after
 * that is compared: its Finished, application data and close_notify. Its first record says 0x0303 where
 * the trace's says 0x0301 (both allowed for a first ClientHello).</li>
 * </ul>
 * RSA-PSS signatures are randomized by their salt, so the trace's salt is recovered from its signature
 * (RFC 8017 §9.1.2 run backwards with the public key) and handed to the server as "random" bytes.
 */
class Rfc8448ReplayTest {
    static final Rfc8448Trace TRACE = Rfc8448Trace.get();
    /** Inside the trace certificate's validity (2016-07-30 to 2026-07-30): the day the trace was published. */
    static final Clock TRACE_DAY = Clock.fixed(Instant.parse("2018-09-30T00:00:00Z"), ZoneOffset.UTC);
    static final byte[] APPLICATION_DATA = new byte[50];

    static {
        for (int i = 0; i < APPLICATION_DATA.length; i++) APPLICATION_DATA[i] = (byte) i;
    }

    @Test
    void theServerWritesTheTracesRecords() throws Exception {
        List<byte[]> clientRecords = records("client");
        List<byte[]> serverRecords = records("server");
        RSAPrivateCrtKey key = rsaKey();
        CertificateMessage13 cert = (CertificateMessage13) Handshake.decode13(message("server", "Certificate"));
        byte[] salt = pssSalt(key, message("server", "CertificateVerify"));
        ScriptedRandom random = new ScriptedRandom(value("server", "create an ephemeral x25519 key pair", "private key"),
                Arrays.copyOfRange(message("server", "ServerHello"), 6, 38), salt);
        TlsConfig config = new TlsConfig().identity(cert.chain(), key).random(random).clock(TRACE_DAY)
                .groups(TRACE_GROUPS).tls13CipherSuites(Tls13CipherSuite.TLS_AES_128_GCM_SHA256,
                        Tls13CipherSuite.TLS_CHACHA20_POLY1305_SHA256, Tls13CipherSuite.TLS_AES_256_GCM_SHA384);
        random.allowAnyAfterScript();   // the ticket's identifier and age_add come after: the ticket differs anyway

        // the client's records: ClientHello, Finished, application data, close_notify
        Replay server = new Replay(concat(clientRecords));
        Connection conn = Connection.server(server, config).handshake();
        assertArrayEquals(APPLICATION_DATA, conn.read(), "the client's application data, opened");
        conn.write(APPLICATION_DATA);
        assertNull(conn.read(), "the client's close_notify");
        conn.close();

        List<byte[]> written = split(server.written.toByteArray());
        assertEquals(5, written.size(), "ServerHello, encrypted flight, NewSessionTicket, application data, close_notify");
        assertRecord(serverRecords.get(0), written.get(0), "ServerHello");
        assertRecord(serverRecords.get(1), written.get(1), "{EncryptedExtensions, Certificate, CertificateVerify, Finished}");
        assertNotEquals(Hex.of(serverRecords.get(2)), Hex.of(written.get(2)), "NewSessionTicket: our own ticket format");
        assertRecord(serverRecords.get(3), written.get(3), "application data");
        assertRecord(serverRecords.get(4), written.get(4), "close_notify");
        assertSecrets(conn.tls13Secrets());
    }

    @Test
    void theClientWritesTheTracesRecordsAfterThePublishedClientHello() throws Exception {
        List<byte[]> serverRecords = records("server");
        List<byte[]> clientRecords = records("client");
        ClientHello published = (ClientHello) Handshake.decode(message("client", "ClientHello"));
        ScriptedRandom random = new ScriptedRandom(published.random(),
                value("client", "create an ephemeral x25519 key pair", "private key"));
        CertificateMessage13 cert = (CertificateMessage13) Handshake.decode13(message("server", "Certificate"));
        TlsConfig config = new TlsConfig().versions(tlslab.wire.ProtocolVersion.TLS13).random(random).clock(TRACE_DAY)
                // the trace's client sends the name "server", but its certificate names "rsa": we check that name
                .groups(TRACE_GROUPS).middleboxCompatibility(false).trust(cert.chain()).serverName("rsa")
                .tls13CipherSuites(Tls13CipherSuite.TLS_AES_128_GCM_SHA256, Tls13CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                        Tls13CipherSuite.TLS_AES_256_GCM_SHA384);
        List<ClientHello> ours = new ArrayList<>();
        config.clientHelloOverride = hello -> {
            ours.add(hello);
            return published;
        };

        Replay client = new Replay(concat(serverRecords));
        Connection conn = Connection.client(client, config).handshake();
        conn.write(APPLICATION_DATA);
        assertArrayEquals(APPLICATION_DATA, conn.read(), "the server's application data, after its NewSessionTicket");
        assertEquals(30, conn.tls13Ticket().lifetimeSeconds(), "the trace's ticket, kept for resumption");
        conn.close();

        List<byte[]> written = split(client.written.toByteArray());
        assertEquals(4, written.size(), "ClientHello, Finished, application data, close_notify (no compatibility ChangeCipherSpec)");
        // the record around it differs in one byte: the trace's client writes legacy_record_version 0x0301 for its
        // first ClientHello, ours 0x0303; RFC 8446 §5.1 allows either
        byte[] firstRecord = clientRecords.get(0);
        assertEquals(0x01, firstRecord[2]);
        firstRecord[2] = 0x03;
        assertRecord(firstRecord, written.get(0), "the published ClientHello");
        assertRecord(clientRecords.get(1), written.get(1), "{Finished}");
        assertRecord(clientRecords.get(2), written.get(2), "application data");
        assertRecord(clientRecords.get(3), written.get(3), "close_notify");
        assertSecrets(conn.tls13Secrets());
        // what our own ClientHello would have been: the same random, key share, suites and groups
        ClientHello own = ours.get(0);
        assertArrayEquals(published.random(), own.random());
        assertEquals(published.cipherSuites(), own.cipherSuites());
        assertEquals(0, own.sessionId().length);
    }

    /** The groups in the order of the trace's supported_groups, which the server's EncryptedExtensions repeats. */
    static final NamedGroup[] TRACE_GROUPS = {NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1,
            NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096, NamedGroup.FFDHE6144, NamedGroup.FFDHE8192};

    private static void assertSecrets(Tls13Secrets s) {
        assertHex(value("server", "derive secret \"tls13 c hs traffic\"", "expanded"), s.clientHandshakeTrafficSecret(), "c hs traffic");
        assertHex(value("server", "derive secret \"tls13 s hs traffic\"", "expanded"), s.serverHandshakeTrafficSecret(), "s hs traffic");
        assertHex(value("server", "derive secret \"tls13 c ap traffic\"", "expanded"), s.clientApplicationTrafficSecret(), "c ap traffic");
        assertHex(value("server", "derive secret \"tls13 s ap traffic\"", "expanded"), s.serverApplicationTrafficSecret(), "s ap traffic");
        assertHex(value("server", "derive secret \"tls13 exp master\"", "expanded"), s.exporterMasterSecret(), "exp master");
        assertHex(value("client", "derive secret \"tls13 res master\"", "expanded"), s.resumptionMasterSecret(), "res master");
    }

    private static void assertRecord(byte[] expected, byte[] actual, String what) {
        assertHex(expected, actual, what + " record (RFC 8448 §3)");
    }

    private static void assertHex(byte[] expected, byte[] actual, String what) {
        assertEquals(Hex.of(expected), Hex.of(actual), what);
    }

    /** Every complete record one side sends in §3, in order. */
    private static List<byte[]> records(String actor) {
        List<byte[]> out = new ArrayList<>();
        for (Step s : TRACE.steps("3")) {
            if (s.actor().equals(actor) && s.title().startsWith("send ") && s.title().endsWith(" record")) {
                out.add(s.value("complete record"));
            }
        }
        return out;
    }

    private static byte[] message(String actor, String name) {
        return value(actor, "construct a " + name + " handshake message", name);
    }

    private static byte[] value(String actor, String title, String label) {
        return TRACE.step("3", actor, title).value(label);
    }

    private static RSAPrivateCrtKey rsaKey() throws Exception {
        RSAPrivateCrtKeySpec spec = Rfc8448Trace.serverRsaKey();
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(spec);
    }

    /**
     * The salt inside an RSA-PSS signature (RFC 8017 §9.1.1, SHA-256, 32-byte salt): EM = s^e mod n is
     * maskedDB ‖ H ‖ 0xbc; DB = maskedDB XOR MGF1(H) is zeros ‖ 0x01 ‖ salt.
     */
    static byte[] pssSalt(RSAPrivateCrtKey key, byte[] certificateVerify) throws Exception {
        byte[] signature = Arrays.copyOfRange(certificateVerify, 8, certificateVerify.length);   // header, scheme, length
        // the public-key operation alone (RSAVP1): "encrypting" the signature without padding gives EM
        Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
        rsa.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
        byte[] em = rsa.doFinal(signature);
        int emLen = em.length;
        byte[] h = Arrays.copyOfRange(em, emLen - 33, emLen - 1);
        byte[] db = Arrays.copyOf(em, emLen - 33);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (int counter = 0, at = 0; at < db.length; counter++) {
            sha256.update(h);
            sha256.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter});
            byte[] mask = sha256.digest();
            for (int i = 0; i < mask.length && at < db.length; i++) db[at++] ^= mask[i];
        }
        return Arrays.copyOfRange(db, db.length - 32, db.length);
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The records in a byte stream, split by their 5-byte headers. */
    private static List<byte[]> split(byte[] stream) {
        List<byte[]> out = new ArrayList<>();
        for (int at = 0; at < stream.length; ) {
            int end = at + 5 + (((stream[at + 3] & 0xff) << 8) | (stream[at + 4] & 0xff));
            out.add(Arrays.copyOfRange(stream, at, end));
            at = end;
        }
        return out;
    }

    /** A peer that has already said everything: the other side's records in, what we write kept. */
    private static final class Replay implements Transport {
        final InputStream in;
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        Replay(byte[] peerRecords) {
            in = new ByteArrayInputStream(peerRecords);
        }

        @Override
        public InputStream input() {
            return in;
        }

        @Override
        public OutputStream output() {
            return written;
        }

        @Override
        public String peer() {
            return "RFC 8448 §3";
        }

        @Override
        public void close() {
        }
    }

    /** Hands out the trace's values as "random" bytes, in the order the side draws them; then fails, or repeats zeros if allowed. */
    static final class ScriptedRandom extends SecureRandom {
        private final byte[] script;
        private int at;
        private boolean anyAfter;

        ScriptedRandom(byte[]... parts) {
            script = concat(List.of(parts));
        }

        void allowAnyAfterScript() {
            anyAfter = true;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (at + bytes.length > script.length && !(anyAfter && at >= script.length)) {
                throw new AssertionError("the side drew " + bytes.length + " random bytes at offset " + at + " of a "
                        + script.length + "-byte script: it draws in another order than the script assumes");
            }
            if (at >= script.length) {
                Arrays.fill(bytes, (byte) 0x5a);
                return;
            }
            System.arraycopy(script, at, bytes, 0, bytes.length);
            at += bytes.length;
        }
    }
}
