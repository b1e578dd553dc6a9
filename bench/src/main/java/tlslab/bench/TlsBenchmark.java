package tlslab.bench;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLEngine;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule;
import tlslab.crypto.Side;
import tlslab.wire.ProtocolVersion;
import tlslab.engine.Connection;
import tlslab.engine.TlsConfig;
import tlslab.record.ContentType;
import tlslab.record.Record;
import tlslab.record.RecordCipher;
import tlslab.record.RecordLayer;
import tlslab.transport.Pipe;

/**
 * tlslab against the JDK's SSLEngine, same JVM settings and same run, on TLS 1.2 with
 * TLS_RSA_WITH_AES_128_GCM_SHA256 and one RSA-2048 server key and certificate:
 * <ul>
 *   <li>{@code handshake_*}: one full (never resumed) handshake in memory, the client checking
 *       the server certificate against the CA and the host name;</li>
 *   <li>{@code records_*}: one 16 KiB application-data record written by the client and read by
 *       the server, each through its whole record layer: {@code records_tlslab} with one
 *       RecordLayer writing into an in-memory stream and another reading from it,
 *       {@code records_jdk} with SSLEngine wrap into a net buffer and unwrap into an app buffer.</li>
 * </ul>
 * Run with {@code ./bench/run.sh}; see BENCHMARKS.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Handshakes and the JDK's GCM path need about 10 s to settle on this 2-core machine (see BENCHMARKS.md).
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class TlsBenchmark {
    static final CipherSuite SUITE = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;
    static final int RECORD = 16384;

    // ---- handshakes ----

    /** A tlslab client and server config (no resumption offered); the server runs on one long-lived thread. */
    @State(Scope.Thread)
    public static class TlslabHandshake {
        TlsConfig client;
        TlsConfig server;
        ExecutorService serverThread;

        @Setup(Level.Trial)
        public void setup() {
            Identity id = Identity.get();
            // Built once, as an application would; the client never calls resume(), so every
            // handshake is a full one (checked in the benchmark).
            client = new TlsConfig().versions(ProtocolVersion.TLS12).cipherSuites(SUITE).trust(List.of(id.caCertificate))
                    .serverName(Identity.HOST).random(new SecureRandom());
            server = new TlsConfig().versions(ProtocolVersion.TLS12).cipherSuites(SUITE)
                    .identity(List.of(id.serverCertificate), id.serverKey).random(new SecureRandom());
            serverThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "tlslab-server");
                t.setDaemon(true);
                return t;
            });
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            serverThread.shutdownNow();
        }
    }

    @State(Scope.Thread)
    public static class JdkHandshake {
        JdkTls jdk;
        final JdkTls.Buffers buffers = new JdkTls.Buffers();

        @Setup(Level.Trial)
        public void setup() throws Exception {
            jdk = new JdkTls(Identity.get());
        }
    }

    @Benchmark
    public Connection handshake_tlslab(TlslabHandshake s) throws Exception {
        return handshakeOverPipe(s.client, s.server, s.serverThread);
    }

    /** One full tlslab handshake over an in-memory Pipe, the server on {@code serverThread}; returns the client. */
    static Connection handshakeOverPipe(TlsConfig clientConfig, TlsConfig serverConfig, ExecutorService serverThread) throws Exception {
        Pipe pipe = new Pipe();
        Connection server = Connection.server(pipe.serverEnd(), serverConfig);
        Connection client = Connection.client(pipe.clientEnd(), clientConfig);
        Future<Connection> serverDone = serverThread.submit(server::handshake);
        try {
            client.handshake();
            serverDone.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            client.close();
            server.close();
            throw e;
        }
        if (client.resumed() || server.resumed()) throw new IllegalStateException("tlslab resumed a session");
        return client;
    }

    @Benchmark
    public SSLEngine handshake_jdk(JdkHandshake s) throws Exception {
        SSLEngine client = s.jdk.newClient();
        SSLEngine server = s.jdk.newServer();
        s.jdk.fullHandshake(client, server, s.buffers);   // throws if it was not a full handshake
        return client;
    }

    // ---- records ----

    /** The key block of a handshake with random secrets: keys for AES-128-GCM both ways. */
    static KeySchedule.KeyBlock randomKeys(SecureRandom random) {
        byte[] master = new byte[KeySchedule.MASTER_SECRET_LENGTH];
        byte[] clientRandom = new byte[32];
        byte[] serverRandom = new byte[32];
        random.nextBytes(master);
        random.nextBytes(clientRandom);
        random.nextBytes(serverRandom);
        return KeySchedule.keyBlock(SUITE, master, clientRandom, serverRandom);
    }

    /** {@link RecordPairs.Tlslab} under a TLS 1.2 key block with random secrets. */
    @State(Scope.Thread)
    public static class TlslabRecords extends RecordPairs.Tlslab {
        @Setup(Level.Trial)
        public void setup() {
            SecureRandom random = new SecureRandom();
            KeySchedule.KeyBlock keys = randomKeys(random);
            init(RECORD, RecordCipher.forWriting(SUITE, keys, Side.CLIENT, random), RecordCipher.forReading(SUITE, keys, Side.SERVER, random));
        }
    }

    @State(Scope.Thread)
    public static class JdkRecords extends RecordPairs.Jdk {
        @Setup(Level.Trial)
        public void setup() throws Exception {
            init(new JdkTls(Identity.get()), RECORD);
        }
    }

    @Benchmark
    public byte[] records_tlslab(TlslabRecords s) throws Exception {
        return s.roundTrip();
    }

    /**
     * Supplementary, not a target: the same, but the server reads with {@code RecordLayer.read()}, which
     * returns a Record with new arrays for the wire bytes and the plaintext (as Connection reads).
     */
    @Benchmark
    public byte[] records_tlslab_newarrays(TlslabRecords s) throws Exception {
        s.wire.reset();
        s.client.write(ContentType.APPLICATION_DATA, s.plaintext);
        Record r = s.server.read();
        if (r.type() != ContentType.APPLICATION_DATA || r.plaintext().length != RECORD || s.wire.unread() != 0) {
            throw new IllegalStateException("expected one whole 16 KiB application-data record");
        }
        return r.plaintext();
    }

    @Benchmark
    public ByteBuffer records_jdk(JdkRecords s) throws Exception {
        return s.roundTrip();
    }
}
