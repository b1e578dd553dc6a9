package tlslab.bench;

import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK side of the comparison: SSLContexts for a client that trusts the lab CA (and checks the
 * host name, as tlslab's client does) and a server with the shared identity, SSLEngines limited to
 * TLS 1.2 and TLS_RSA_WITH_AES_128_GCM_SHA256, and a single-threaded in-memory handshake driver.
 */
final class JdkTls {
    static final String PROTOCOL = "TLSv1.2";
    static final String SUITE = "TLS_RSA_WITH_AES_128_GCM_SHA256";
    final String protocol;
    final String suite;
    /** Server session cache entries, the same as tlslab's default SessionCache (1000). */
    static final int SERVER_CACHE = 1000;
    /** Null, or what this JVM had to change in jdk.tls.disabledAlgorithms to allow TLS_RSA_* suites. */
    static final String DISABLED_ALGORITHMS_CHANGE;

    static {
        // Newer JDK builds disable the TLS_RSA_* suites (no forward secrecy). This must run before
        // JSSE first reads the property, i.e. before any SSLContext exists in this JVM.
        String key = "jdk.tls.disabledAlgorithms";
        String before = Security.getProperty(key);
        String change = null;
        if (before != null) {
            List<String> kept = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            for (String entry : before.split(",")) {
                String e = entry.trim();
                if (e.isEmpty()) continue;
                if (e.startsWith("TLS_RSA_")) dropped.add(e);
                else kept.add(e);
            }
            if (!dropped.isEmpty()) {
                Security.setProperty(key, String.join(", ", kept));
                change = "removed " + dropped + " from " + key;
                System.err.println("[tlslab-bench] " + change);
            }
        }
        DISABLED_ALGORITHMS_CHANGE = change;
    }

    static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    final SSLContext clientContext;
    final SSLContext serverContext;
    /** Counts full handshakes: only those make the client check the server's certificate. */
    final CountingTrustManager trustManager;
    private int port = 1;

    JdkTls(Identity id) throws Exception {
        this(id, PROTOCOL, SUITE);
    }

    /** Engines limited to {@code protocol} ("TLSv1.2", "TLSv1.3") and {@code suite}. */
    JdkTls(Identity id, String protocol, String suite) throws Exception {
        this.protocol = protocol;
        this.suite = suite;
        char[] pw = "bench".toCharArray();
        KeyStore serverStore = KeyStore.getInstance("PKCS12");
        serverStore.load(null, null);
        serverStore.setKeyEntry("server", id.serverKey, pw, new java.security.cert.Certificate[] {id.serverCertificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverStore, pw);
        serverContext = SSLContext.getInstance(protocol);
        serverContext.init(kmf.getKeyManagers(), null, null);
        serverContext.getServerSessionContext().setSessionCacheSize(SERVER_CACHE);

        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("ca", id.caCertificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trustStore);
        trustManager = new CountingTrustManager((X509ExtendedTrustManager) tmf.getTrustManagers()[0]);
        clientContext = SSLContext.getInstance(protocol);
        clientContext.init(null, new TrustManager[] {trustManager}, null);
        // The client looks sessions up by peer host and port; each engine gets a new port (see
        // newClient) and the cache holds one entry, so a client never has a session to offer.
        clientContext.getClientSessionContext().setSessionCacheSize(1);
    }

    /** A client engine for another peer port than the last one, so its one-entry cache has nothing to offer. */
    SSLEngine newClient() {
        port = port == 65535 ? 1 : port + 1;
        SSLEngine e = clientContext.createSSLEngine(Identity.HOST, port);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setCipherSuites(new String[] {suite});
        p.setEndpointIdentificationAlgorithm("HTTPS");   // check the host name, as tlslab's client does
        e.setSSLParameters(p);
        return e;
    }

    SSLEngine newServer() {
        SSLEngine e = serverContext.createSSLEngine();
        e.setUseClientMode(false);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setCipherSuites(new String[] {suite});
        e.setSSLParameters(p);
        return e;
    }

    /** Network and application buffers for one engine pair, reused across handshakes. */
    static final class Buffers {
        /** Client to server and server to client network bytes, kept in write mode (position = end of data). */
        final ByteBuffer c2s = ByteBuffer.allocate(1 << 16);
        final ByteBuffer s2c = ByteBuffer.allocate(1 << 16);
        final ByteBuffer clientApp = ByteBuffer.allocate(1 << 15);
        final ByteBuffer serverApp = ByteBuffer.allocate(1 << 15);

        void clear() {
            c2s.clear();
            s2c.clear();
            clientApp.clear();
            serverApp.clear();
        }
    }

    /** Runs a handshake between the two engines in this thread, passing bytes until both are done. */
    static void handshake(SSLEngine client, SSLEngine server, Buffers b) throws SSLException {
        b.clear();
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; ; round++) {
            step(client, b.s2c, b.c2s, b.clientApp);
            step(server, b.c2s, b.s2c, b.serverApp);
            if (client.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                    && server.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
                break;
            }
            if (round > 20) throw new IllegalStateException("JDK handshake made no progress");
        }
        // a TLS 1.3 server wraps its NewSessionTicket as the handshake ends; the client would read it with
        // its first data, as tlslab's client reads tlslab's ticket, so neither benchmark reads it
        boolean ticketLeft = client.getSession().getProtocol().equals("TLSv1.3");
        if (b.c2s.position() != 0 || (b.s2c.position() != 0 && !ticketLeft)) {
            throw new IllegalStateException("bytes left over after the JDK handshake");
        }
    }

    /** A full handshake: like {@link #handshake}, then fails if the client did not check the server's certificate. */
    void fullHandshake(SSLEngine client, SSLEngine server, Buffers b) throws SSLException {
        long before = trustManager.serverChecks;
        handshake(client, server, b);
        if (trustManager.serverChecks != before + 1) {
            throw new IllegalStateException("not a full handshake: the JDK client did not check the server certificate");
        }
    }

    /** Advances one engine as far as it can without more bytes from its peer. */
    private static void step(SSLEngine e, ByteBuffer in, ByteBuffer out, ByteBuffer app) throws SSLException {
        while (true) {
            switch (e.getHandshakeStatus()) {
                case NEED_WRAP -> {
                    check(e.wrap(EMPTY, out));
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    in.flip();
                    SSLEngineResult r = e.unwrap(in, app);
                    in.compact();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) return;   // wait for the peer
                    check(r);
                }
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = e.getDelegatedTask()) != null) task.run();
                }
                default -> {
                    return;   // FINISHED or NOT_HANDSHAKING
                }
            }
        }
    }

    static void check(SSLEngineResult r) {
        if (r.getStatus() != SSLEngineResult.Status.OK) {
            throw new IllegalStateException("SSLEngine: " + r);
        }
    }
}
