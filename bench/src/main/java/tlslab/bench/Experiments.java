package tlslab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
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

import tlslab.crypto.KeySchedule;
import tlslab.crypto.Side;
import tlslab.record.ContentType;
import tlslab.record.RecordCipher;
import tlslab.transport.Pipe;
import tlslab.transport.Transport;

/**
 * Not part of the comparison: experiments that explain it (see BENCHMARKS.md, "Where the time
 * goes"). Run with {@code ./bench/run.sh -- Experiments}.
 * <ul>
 *   <li>{@code gcm_*}: AES-128-GCM seal+open of 16 KiB with the same JCA calls as tlslab's
 *       GcmCipher, once allocating fresh output arrays per record (as GcmCipher does) and once
 *       into reused buffers (what a buffer-passing RecordCipher could do).</li>
 *   <li>{@code recordcipher_only}: tlslab's RecordCipher alone, seal and open into reused buffers,
 *       without the RecordLayer around it.</li>
 *   <li>{@code pipe_flights*}: the handshake's record pattern (1 record, then 3 back, then 3, then
 *       2 back) over tlslab's Pipe between two threads, with no crypto: the cost of the blocking
 *       two-thread design alone, per handshake; once record by record (as now), once with each
 *       flight in one write.</li>
 *   <li>{@code rsa_decrypt_*}: the step both servers' TLS_RSA handshakes spend most of their time in,
 *       RSA-2048 decryption of a pre-master secret (a fresh Cipher each time, as tlslab's server
 *       makes it), by the JDK's provider and by Bouncy Castle's.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class Experiments {
    static final int RECORD = TlsBenchmark.RECORD;
    static final int NONCE = 8;
    static final int TAG = 16;

    @State(Scope.Thread)
    public static class Gcm {
        SecretKeySpec key;
        byte[] salt = new byte[4];
        Cipher sealer;
        Cipher opener;
        final byte[] plaintext = new byte[RECORD];
        final byte[] fragment = new byte[NONCE + RECORD + TAG];
        final byte[] opened = new byte[RECORD];
        long seq;

        @Setup(Level.Trial)
        public void setup() throws GeneralSecurityException {
            SecureRandom random = new SecureRandom();
            byte[] k = new byte[16];
            random.nextBytes(k);
            random.nextBytes(salt);
            random.nextBytes(plaintext);
            key = new SecretKeySpec(k, "AES");
            sealer = Cipher.getInstance("AES/GCM/NoPadding");
            opener = Cipher.getInstance("AES/GCM/NoPadding");
        }

        byte[] nonce(long s) {
            byte[] n = new byte[12];
            System.arraycopy(salt, 0, n, 0, 4);
            for (int i = 0; i < 8; i++) n[4 + i] = (byte) (s >>> (56 - 8 * i));
            return n;
        }

        static byte[] aad(long s, int len) {
            byte[] ad = new byte[13];
            for (int i = 0; i < 8; i++) ad[i] = (byte) (s >>> (56 - 8 * i));
            ad[8] = 23;
            ad[9] = 3;
            ad[10] = 3;
            ad[11] = (byte) (len >>> 8);
            ad[12] = (byte) len;
            return ad;
        }
    }

    /** As GcmCipher: a new fragment array per seal, a new plaintext array per open. */
    @Benchmark
    public byte[] gcm_allocating(Gcm g) throws GeneralSecurityException {
        long s = g.seq++;
        byte[] fragment = new byte[NONCE + RECORD + TAG];
        g.sealer.init(Cipher.ENCRYPT_MODE, g.key, new GCMParameterSpec(TAG * 8, g.nonce(s)));
        g.sealer.updateAAD(Gcm.aad(s, RECORD));
        g.sealer.doFinal(g.plaintext, 0, RECORD, fragment, NONCE);
        g.opener.init(Cipher.DECRYPT_MODE, g.key, new GCMParameterSpec(TAG * 8, g.nonce(s)));
        g.opener.updateAAD(Gcm.aad(s, RECORD));
        return g.opener.doFinal(fragment, NONCE, RECORD + TAG);
    }

    /** The same calls, writing into buffers kept from one record to the next. */
    @Benchmark
    public byte[] gcm_reusing(Gcm g) throws GeneralSecurityException {
        long s = g.seq++;
        g.sealer.init(Cipher.ENCRYPT_MODE, g.key, new GCMParameterSpec(TAG * 8, g.nonce(s)));
        g.sealer.updateAAD(Gcm.aad(s, RECORD));
        g.sealer.doFinal(g.plaintext, 0, RECORD, g.fragment, NONCE);
        g.opener.init(Cipher.DECRYPT_MODE, g.key, new GCMParameterSpec(TAG * 8, g.nonce(s)));
        g.opener.updateAAD(Gcm.aad(s, RECORD));
        g.opener.doFinal(g.fragment, NONCE, RECORD + TAG, g.opened, 0);
        return g.opened;
    }

    /**
     * RecordCipher alone (GcmCipher, through its buffer-passing seal and open), with no record header,
     * no stream and no sequence numbers kept by a RecordLayer: what {@code records_tlslab} measured
     * before it went through the whole RecordLayer. Subtracting it from {@code records_tlslab} shows
     * what the layer around the cipher costs.
     */
    @State(Scope.Thread)
    public static class CipherOnly {
        RecordCipher clientWrite;
        RecordCipher serverRead;
        final byte[] plaintext = new byte[RECORD];
        final byte[] fragment = new byte[NONCE + RECORD + TAG];
        final byte[] opened = new byte[RECORD];
        long seq;

        @Setup(Level.Trial)
        public void setup() {
            SecureRandom random = new SecureRandom();
            random.nextBytes(plaintext);
            KeySchedule.KeyBlock keys = TlsBenchmark.randomKeys(random);
            clientWrite = RecordCipher.forWriting(TlsBenchmark.SUITE, keys, Side.CLIENT, random);
            serverRead = RecordCipher.forReading(TlsBenchmark.SUITE, keys, Side.SERVER, random);
        }
    }

    @Benchmark
    public byte[] recordcipher_only(CipherOnly c) throws Exception {
        long seq = c.seq++;   // a GCM nonce (here: the sequence number) is never used twice with one key
        int n = c.clientWrite.seal(seq, ContentType.APPLICATION_DATA, c.plaintext, 0, RECORD, c.fragment, 0);
        c.serverRead.open(seq, ContentType.APPLICATION_DATA, c.fragment, 0, n, c.opened, 0);
        return c.opened;
    }

    @State(Scope.Thread)
    public static class Flights {
        ExecutorService serverThread;

        @Setup(Level.Trial)
        public void setup() {
            serverThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "pipe-server");
                t.setDaemon(true);
                return t;
            });
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            serverThread.shutdownNow();
        }
    }

    // Record sizes of a tlslab TLS_RSA handshake, roughly: ClientHello; ServerHello, Certificate,
    // ServerHelloDone; ClientKeyExchange, ChangeCipherSpec, Finished; ChangeCipherSpec, Finished.
    // (sizes from a tlslab transcript with this benchmark's certificate)
    private static final int[][] CLIENT_FLIGHTS = {{93}, {267, 6, 45}};
    private static final int[][] SERVER_FLIGHTS = {{86, 869, 9}, {6, 45}};

    /** Each record written and flushed on its own, as tlslab's RecordLayer does today. */
    @Benchmark
    public int pipe_flights(Flights f) throws Exception {
        return flights(f, false);
    }

    /** Each flight written as one chunk: what buffering records until the side next reads would give. */
    @Benchmark
    public int pipe_flights_coalesced(Flights f) throws Exception {
        return flights(f, true);
    }

    private static int flights(Flights f, boolean coalesce) throws Exception {
        Pipe pipe = new Pipe();
        Transport client = pipe.clientEnd();
        Transport server = pipe.serverEnd();
        Future<Integer> serverDone = f.serverThread.submit(() -> side(server, CLIENT_FLIGHTS, SERVER_FLIGHTS, false, coalesce));
        int n = side(client, SERVER_FLIGHTS, CLIENT_FLIGHTS, true, coalesce);
        return n + serverDone.get(30, TimeUnit.SECONDS);
    }

    /** Alternates: write my flight, read the peer's (record by record, as RecordLayer reads). */
    private static int side(Transport t, int[][] theirs, int[][] mine, boolean first, boolean coalesce) throws IOException {
        InputStream in = t.input();
        OutputStream out = t.output();
        int read = 0;
        for (int i = 0; i < 2; i++) {
            if (first) write(out, mine[i], coalesce);
            for (int len : theirs[i]) read += readFully(in, len);
            if (!first) write(out, mine[i], coalesce);
        }
        return read;
    }

    private static void write(OutputStream out, int[] records, boolean coalesce) throws IOException {
        if (coalesce) {
            int total = 0;
            for (int len : records) total += len;
            out.write(new byte[total]);
            out.flush();
            return;
        }
        for (int len : records) {
            out.write(new byte[len]);
            out.flush();
        }
    }

    private static int readFully(InputStream in, int len) throws IOException {
        byte[] b = new byte[len];
        int at = 0;
        while (at < len) {
            int n = in.read(b, at, len - at);
            if (n < 0) throw new IOException("pipe closed");
            at += n;
        }
        return len;
    }

    @State(Scope.Thread)
    public static class Rsa {
        final Provider bouncyCastle = new BouncyCastleProvider();
        byte[] encryptedPreMaster;

        @Setup(Level.Trial)
        public void setup() throws GeneralSecurityException {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, Identity.get().serverCertificate.getPublicKey());
            encryptedPreMaster = rsa.doFinal(new byte[48]);
        }
    }

    @Benchmark
    public byte[] rsa_decrypt_sunjce(Rsa s) throws GeneralSecurityException {
        Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
        rsa.init(Cipher.DECRYPT_MODE, Identity.get().serverKey);
        return rsa.doFinal(s.encryptedPreMaster);
    }

    @Benchmark
    public byte[] rsa_decrypt_bc(Rsa s) throws GeneralSecurityException {
        Cipher rsa = Cipher.getInstance("RSA/NONE/NoPadding", s.bouncyCastle);
        rsa.init(Cipher.DECRYPT_MODE, Identity.get().serverKey);
        return rsa.doFinal(s.encryptedPreMaster);
    }
}
