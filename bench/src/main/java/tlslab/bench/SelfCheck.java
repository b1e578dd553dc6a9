package tlslab.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import tlslab.engine.Connection;
import tlslab.engine.TlsConfig;

/**
 * Runs each benchmark method once outside JMH and checks what it measures: the suite and protocol,
 * that handshakes are full ones, that records come back intact. It also runs the negative
 * controls: a JDK client that does offer a cached session, and a tlslab client that resumes, must
 * both be caught by the same checks the benchmarks rely on. {@code ./bench/run.sh} runs it first.
 */
public final class SelfCheck {
    private SelfCheck() {
    }

    public static void main(String[] args) throws Exception {
        TlsBenchmark b = new TlsBenchmark();

        TlsBenchmark.TlslabHandshake th = new TlsBenchmark.TlslabHandshake();
        th.setup();
        try {
            for (int i = 0; i < 3; i++) {
                Connection c = b.handshake_tlslab(th);
                expect(!c.resumed(), "tlslab handshake is full");
                expect(c.session().cipherSuite() == TlsBenchmark.SUITE, "tlslab negotiated " + TlsBenchmark.SUITE);
            }
            // Negative control: offering the last session must resume (so resumed() is a real check).
            Connection first = b.handshake_tlslab(th);
            TlsConfig resuming = new TlsConfig().cipherSuites(TlsBenchmark.SUITE)
                    .trust(java.util.List.of(Identity.get().caCertificate)).serverName(Identity.HOST)
                    .resume(first.session());
            TlsConfig saved = th.client;
            th.client = resuming;
            boolean caught = false;
            try {
                b.handshake_tlslab(th);
            } catch (IllegalStateException e) {
                caught = e.getMessage().contains("resumed");
            } finally {
                th.client = saved;
            }
            expect(caught, "a resumed tlslab handshake is rejected by the benchmark");
        } finally {
            th.tearDown();
        }

        TlsBenchmark.JdkHandshake jh = new TlsBenchmark.JdkHandshake();
        jh.setup();
        for (int i = 0; i < 3; i++) {
            SSLEngine c = b.handshake_jdk(jh);
            expect(c.getSession().getProtocol().equals(JdkTls.PROTOCOL)
                    && c.getSession().getCipherSuite().equals(JdkTls.SUITE), "JDK negotiated TLSv1.2 " + JdkTls.SUITE);
        }
        // Negative control: same peer host and port, and a cache that keeps sessions: the JDK resumes.
        jh.jdk.clientContext.getClientSessionContext().setSessionCacheSize(10);
        jh.jdk.fullHandshake(fixedPortClient(jh.jdk), jh.jdk.newServer(), jh.buffers);
        boolean caught = false;
        try {
            jh.jdk.fullHandshake(fixedPortClient(jh.jdk), jh.jdk.newServer(), jh.buffers);
        } catch (IllegalStateException e) {
            caught = e.getMessage().startsWith("not a full handshake");
        }
        expect(caught, "a resumed JDK handshake is rejected by the benchmark");

        TlsBenchmark.TlslabRecords tr = new TlsBenchmark.TlslabRecords();
        tr.setup();
        for (int i = 0; i < 3; i++) {
            expect(Arrays.equals(Arrays.copyOf(b.records_tlslab(tr), TlsBenchmark.RECORD), tr.plaintext),
                    "tlslab record " + i + " reads back (readInto) what was written");
            expect(Arrays.equals(b.records_tlslab_newarrays(tr), tr.plaintext), "tlslab record " + i + " reads back (read) what was written");
        }
        TlsBenchmark.JdkRecords jr = new TlsBenchmark.JdkRecords();
        jr.setup();
        for (int i = 0; i < 3; i++) {
            ByteBuffer out = b.records_jdk(jr);
            expect(out.position() == TlsBenchmark.RECORD
                    && Arrays.equals(Arrays.copyOf(out.array(), TlsBenchmark.RECORD), jr.plaintext.array()),
                    "JDK record " + i + " unwraps to what was wrapped");
        }
        System.out.println("self-check passed: " + System.getProperty("java.vm.name") + " " + Runtime.version()
                + ", " + Runtime.getRuntime().availableProcessors() + " CPUs"
                + (JdkTls.DISABLED_ALGORITHMS_CHANGE == null
                        ? "; jdk.tls.disabledAlgorithms left as is (TLS_RSA_* not disabled in this JDK)"
                        : "; " + JdkTls.DISABLED_ALGORITHMS_CHANGE));
    }

    private static SSLEngine fixedPortClient(JdkTls jdk) {
        SSLEngine e = jdk.clientContext.createSSLEngine(Identity.HOST, 4433);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {JdkTls.PROTOCOL});
        p.setCipherSuites(new String[] {JdkTls.SUITE});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
        return e;
    }

    private static void expect(boolean ok, String what) {
        if (!ok) throw new AssertionError("self-check failed: " + what);
        System.out.println("ok: " + what);
    }
}
