package tlslab.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;

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
import tlslab.record.ContentType;
import tlslab.record.Record;
import tlslab.record.RecordCipher;
import tlslab.record.RecordLayer;
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

    /** One direction under one application traffic secret, through two RecordLayers. */
    @State(Scope.Thread)
    public static class TlslabRecords {
        final Loopback wire = new Loopback(Record.HEADER_LENGTH + RECORD + 64);
        RecordLayer client;
        RecordLayer server;
        final byte[] plaintext = new byte[RECORD];
        final byte[] app = new byte[RecordLayer.MAX_FRAGMENT];

        @Setup(Level.Trial)
        public void setup() {
            SecureRandom random = new SecureRandom();
            random.nextBytes(plaintext);
            byte[] secret = new byte[SUITE.hash.length()];
            random.nextBytes(secret);
            client = new RecordLayer(InputStream.nullInputStream(), wire.output);
            server = new RecordLayer(wire.input, OutputStream.nullOutputStream());
            client.changeWriteCipher(RecordCipher.tls13(SUITE, secret));
            server.changeReadCipher(RecordCipher.tls13(SUITE, secret));
        }
    }

    @State(Scope.Thread)
    public static class JdkRecords {
        SSLEngine client;
        SSLEngine server;
        ByteBuffer plaintext;
        ByteBuffer net;
        ByteBuffer app;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            JdkTls jdk = new JdkTls(Identity.get(), "TLSv1.3", SUITE.name());
            client = jdk.newClient();
            server = jdk.newServer();
            jdk.fullHandshake(client, server, new JdkTls.Buffers());
            if (!client.getSession().getProtocol().equals("TLSv1.3")) {
                throw new IllegalStateException("JDK negotiated " + client.getSession().getProtocol());
            }
            byte[] data = new byte[RECORD];
            new SecureRandom().nextBytes(data);
            plaintext = ByteBuffer.wrap(data);
            net = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
            app = ByteBuffer.allocate(Math.max(server.getSession().getApplicationBufferSize(), 2 * RECORD));
        }
    }

    @Benchmark
    public byte[] records13_tlslab(TlslabRecords s) throws Exception {
        s.wire.reset();
        s.client.write(ContentType.APPLICATION_DATA, s.plaintext);
        RecordLayer.Received r = s.server.readInto(s.app, 0);
        if (r.type() != ContentType.APPLICATION_DATA || r.length() != RECORD || s.wire.unread() != 0) {
            throw new IllegalStateException("expected one whole application-data record: " + r);
        }
        return s.app;
    }

    @Benchmark
    public ByteBuffer records13_jdk(JdkRecords s) throws Exception {
        s.plaintext.clear();
        s.net.clear();
        SSLEngineResult w = s.client.wrap(s.plaintext, s.net);
        JdkTls.check(w);
        s.net.flip();
        s.app.clear();
        SSLEngineResult r = s.server.unwrap(s.net, s.app);
        JdkTls.check(r);
        if (w.bytesConsumed() != RECORD || r.bytesProduced() != RECORD) {
            throw new IllegalStateException("expected one whole record: " + w + " / " + r);
        }
        return s.app;
    }
}
