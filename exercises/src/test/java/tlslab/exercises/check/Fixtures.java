package tlslab.exercises.check;

import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import tlslab.engine.Connection;
import tlslab.engine.MemoryPair;
import tlslab.engine.SessionCache;
import tlslab.engine.TlsConfig;
import tlslab.keys.CertificateAuthority;
import tlslab.keys.LabPki;
import tlslab.keys.RsaKeys;
import tlslab.transcript.Entry;
import tlslab.transport.Interceptor;
import tlslab.wire.ProtocolVersion;

/** Keys, certificates and in-memory handshakes for the tests, made once per JVM. */
public final class Fixtures {
    public static final String HOST = "www.mybank.test";
    private static Pki pki;

    private Fixtures() {
    }

    /** A CA and a server with RSA-2048 keys (what TLS_RSA_* and ECDHE_RSA suites need). */
    public record Pki(CertificateAuthority ca, KeyPair serverKeys, X509Certificate serverCert, SessionCache cache) {
    }

    public static synchronized Pki pki() {
        if (pki == null) {
            SecureRandom random = new SecureRandom();
            Instant from = Instant.now().minus(Duration.ofDays(1));
            CertificateAuthority ca = LabPki.newCa("TLS Lab Test CA", RsaKeys.generate(2048, random), from, Duration.ofDays(30));
            KeyPair server = RsaKeys.generate(2048, random);
            X509Certificate cert = ca.issueServer(server, from, Duration.ofDays(30), HOST, "localhost", "127.0.0.1");
            pki = new Pki(ca, server, cert, new SessionCache());
        }
        return pki;
    }

    /**
     * The exercises derive the master secret from the two randoms, as RFC 5246 §8.1 does, so the
     * client leaves out the extended master secret (RFC 7627) the library offers by default; and the
     * exercises are about TLS 1.2, so both sides speak only that.
     */
    public static TlsConfig client() {
        return new TlsConfig().trust(List.of(pki().ca().certificate())).serverName(HOST).extendedMasterSecret(false)
                .versions(ProtocolVersion.TLS12);
    }

    public static TlsConfig server() {
        Pki p = pki();
        return new TlsConfig().identity(List.of(p.serverCert(), p.ca().certificate()), p.serverKeys().getPrivate())
                .sessionCache(p.cache()).versions(ProtocolVersion.TLS12);
    }

    /** Exercises 11 and 12 are about TLS 1.3: a client that speaks only that. */
    public static TlsConfig client13() {
        return new TlsConfig().trust(List.of(pki().ca().certificate())).serverName(HOST).versions(ProtocolVersion.TLS13);
    }

    /** A server that speaks only TLS 1.3, with the same certificate (keep one to resume: its tickets are in its session cache). */
    public static TlsConfig server13() {
        Pki p = pki();
        return new TlsConfig().identity(List.of(p.serverCert(), p.ca().certificate()), p.serverKeys().getPrivate())
                .versions(ProtocolVersion.TLS13);
    }

    /** {client, server} after a whole handshake over an in-memory pipe. */
    public static Connection[] handshake(TlsConfig client, TlsConfig server) throws IOException {
        return MemoryPair.connect(client, server);
    }

    public static Connection[] handshake(TlsConfig client, TlsConfig server, Interceptor mitm) throws IOException {
        return MemoryPair.connect(client, server, mitm);
    }

    /**
     * A handshake that must succeed; if it fails, the test fails with {@code what}, the handshake's
     * error and its root cause, and the hint.
     */
    public static Connection[] mustConnect(String what, TlsConfig client, TlsConfig server, String hint) {
        try {
            return handshake(client, server);
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            String cause = root == e || String.valueOf(e.getMessage()).contains(String.valueOf(root.getMessage())) ? ""
                    : "\n  caused by: " + root;
            String message = what + " failed: " + e.getMessage() + cause + (hint == null ? "" : "\nhint: " + hint);
            throw new org.opentest4j.AssertionFailedError(message, e);
        }
    }

    /** An EC P-256 key pair: fast to make, for certificate tests. */
    public static KeyPair ecKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A transcript as the arrays of exercise 10. */
    public record Messages(String[] names, boolean[] fromClient, byte[][] bytes) {
        public static Messages of(List<Entry> entries) {
            int n = entries.size();
            String[] names = new String[n];
            boolean[] fromClient = new boolean[n];
            byte[][] bytes = new byte[n][];
            for (int i = 0; i < n; i++) {
                Entry e = entries.get(i);
                names[i] = e.name();
                fromClient[i] = e.direction() == tlslab.transcript.Direction.CLIENT_TO_SERVER;
                bytes[i] = e.bytes().clone();
            }
            return new Messages(names, fromClient, bytes);
        }

        public int indexOf(String name, int from) {
            for (int i = from; i < names.length; i++) {
                if (names[i].equals(name)) return i;
            }
            return -1;
        }

        public Messages copy() {
            byte[][] b = new byte[bytes.length][];
            for (int i = 0; i < b.length; i++) b[i] = bytes[i].clone();
            return new Messages(names.clone(), fromClient.clone(), b);
        }

        public Messages without(int index) {
            int n = names.length - 1;
            String[] nn = new String[n];
            boolean[] ff = new boolean[n];
            byte[][] bb = new byte[n][];
            for (int i = 0, j = 0; i < names.length; i++) {
                if (i == index) continue;
                nn[j] = names[i];
                ff[j] = fromClient[i];
                bb[j++] = bytes[i];
            }
            return new Messages(nn, ff, bb);
        }
    }
}
