package tlslab.bench;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

import tlslab.crypto.NamedGroup;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.engine.Connection;
import tlslab.engine.TlsConfig;
import tlslab.record.RecordCipher;
import tlslab.wire.ProtocolVersion;

/**
 * TLS 1.3 beside the JDK, same settings as {@link TlsBenchmark}: TLS_AES_128_GCM_SHA256, x25519,
 * RSA-PSS with the RSA-2048 server key. {@code handshake13_*}: one full 1-RTT handshake in memory
 * (tlslab's server also sends its NewSessionTicket inside the handshake, the JDK's engine only
 * when wrapped later, which this loop never does). {@code records13_*}: one 16 KiB record through
 * the whole record layer, as for 1.2 (with 16,367 bytes: see {@link #RECORD}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class Tls13Benchmark {
    static final Tls13CipherSuite SUITE = Tls13CipherSuite.TLS_AES_128_GCM_SHA256;
    /**
     * The JDK seals at most 2^14 - 17 bytes into one TLS 1.3 record, so that the whole
     * ciphertext (content, type byte, 16-byte tag) stays within 2^14; both sides get that size.
     */
    static final int RECORD = (1 << 14) - 17;

    @State(Scope.Thread)
    public static class TlslabHandshake {
        TlsConfig client;
        TlsConfig server;
        ExecutorService serverThread;

        @Setup(Level.Trial)
        public void setup() {
            Identity id = Identity.get();
            client = new TlsConfig().versions(ProtocolVersion.TLS13).tls13CipherSuites(SUITE).groups(NamedGroup.X25519)
                    .trust(List.of(id.caCertificate)).serverName(Identity.HOST).random(new SecureRandom());
            server = new TlsConfig().versions(ProtocolVersion.TLS13).tls13CipherSuites(SUITE).groups(NamedGroup.X25519)
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
            jdk = new JdkTls(Identity.get(), "TLSv1.3", SUITE.name());
        }
    }

    @Benchmark
    public Connection handshake13_tlslab(TlslabHandshake s) throws Exception {
        Connection client = TlsBenchmark.handshakeOverPipe(s.client, s.server, s.serverThread);
        if (client.version() != ProtocolVersion.TLS13) throw new IllegalStateException("not a TLS 1.3 handshake");
        return client;
    }

    @Benchmark
    public SSLEngine handshake13_jdk(JdkHandshake s) throws Exception {
        SSLEngine client = s.jdk.newClient();
        SSLEngine server = s.jdk.newServer();
        s.jdk.fullHandshake(client, server, s.buffers);
        return client;
    }

    /** {@link RecordPairs.Tlslab} under one random application traffic secret. */
    @State(Scope.Thread)
    public static class TlslabRecords extends RecordPairs.Tlslab {
        @Setup(Level.Trial)
        public void setup() {
            byte[] secret = new byte[SUITE.hash.length()];
            new SecureRandom().nextBytes(secret);
            init(RECORD, RecordCipher.tls13(SUITE, secret), RecordCipher.tls13(SUITE, secret));
        }
    }

    @State(Scope.Thread)
    public static class JdkRecords extends RecordPairs.Jdk {
        @Setup(Level.Trial)
        public void setup() throws Exception {
            init(new JdkTls(Identity.get(), "TLSv1.3", SUITE.name()), RECORD);
        }
    }

    @Benchmark
    public byte[] records13_tlslab(TlslabRecords s) throws Exception {
        return s.roundTrip();
    }

    @Benchmark
    public ByteBuffer records13_jdk(JdkRecords s) throws Exception {
        return s.roundTrip();
    }
}
