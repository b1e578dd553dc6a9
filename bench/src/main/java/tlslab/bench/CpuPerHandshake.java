package tlslab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import javax.crypto.Cipher;

/**
 * Not a JMH benchmark: CPU time per full handshake, thread by thread, next to wall-clock time.
 * CPU time says how much work each implementation does, whatever else runs on the machine, and
 * the difference between wall and CPU time is what tlslab's two threads spend waiting for each
 * other. Runs the same code as {@link TlsBenchmark}, alternating rounds of the two.
 *
 * <pre>java -cp bench/target/benchmarks.jar tlslab.bench.CpuPerHandshake [handshakes per round] [rounds]</pre>
 */
public final class CpuPerHandshake {
    private CpuPerHandshake() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        TlsBenchmark b = new TlsBenchmark();
        TlsBenchmark.TlslabHandshake tlslab = new TlsBenchmark.TlslabHandshake();
        tlslab.setup();
        TlsBenchmark.JdkHandshake jdk = new TlsBenchmark.JdkHandshake();
        jdk.setup();
        long server = tlslab.serverThread.submit(() -> Thread.currentThread().getId()).get();
        long me = Thread.currentThread().getId();
        System.out.println("per handshake, microseconds; the first rounds are warm-up");
        System.out.println("round  tlslab wall  cpu (client + server)  |  jdk wall  cpu");
        try {
            for (int r = 1; r <= rounds; r++) {
                long c0 = mx.getThreadCpuTime(me), s0 = mx.getThreadCpuTime(server), w0 = System.nanoTime();
                for (int i = 0; i < n; i++) b.handshake_tlslab(tlslab);
                long c1 = mx.getThreadCpuTime(me), s1 = mx.getThreadCpuTime(server), w1 = System.nanoTime();
                for (int i = 0; i < n; i++) b.handshake_jdk(jdk);
                long c2 = mx.getThreadCpuTime(me), w2 = System.nanoTime();
                System.out.printf("%5d  %11.0f  %6.0f (%4.0f + %4.0f)  |  %8.0f  %4.0f%n", r,
                        us(w1 - w0, n), us((c1 - c0) + (s1 - s0), n), us(c1 - c0, n), us(s1 - s0, n),
                        us(w2 - w1, n), us(c2 - c1, n));
            }
        } finally {
            tlslab.tearDown();
        }
        // For scale: the one expensive step both servers take, RSA-2048 decryption of the
        // pre-master secret with the server's private key (the call tlslab's server makes).
        Identity id = Identity.get();
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, id.serverCertificate.getPublicKey());
        byte[] encrypted = rsa.doFinal(new byte[48]);
        for (int r = 1; r <= 2; r++) {
            long c0 = mx.getThreadCpuTime(me);
            for (int i = 0; i < n; i++) {
                Cipher d = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                d.init(Cipher.DECRYPT_MODE, id.serverKey);
                d.doFinal(encrypted);
            }
            System.out.printf("RSA-2048 private-key decryption alone (round %d): %.0f us CPU%n", r, us(mx.getThreadCpuTime(me) - c0, n));
        }
    }

    private static double us(long nanos, int n) {
        return nanos / 1e3 / n;
    }
}
