package tlslab.cli;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import tlslab.engine.Connection;
import tlslab.engine.TlsConfig;
import tlslab.transport.Transport;
import tlslab.engine.Session;
import tlslab.wire.Hex;
import tlslab.wire.ProtocolVersion;

/**
 * A small HTTPS server on 127.0.0.1: each connection gets a TLS handshake, then any HTTP request
 * gets a page describing the connection. Used by {@code ./tlslab server}, tests and notebooks.
 */
public final class LabServer implements Closeable {
    /**
     * How long a connection may stay silent before the server gives up on it. Long, because the
     * client is often a student's notebook: one cell connects (or handshakes) and a later one, after
     * some reading, sends the request.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    private final ServerSocket socket;
    private final int idleMillis;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tlslab-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    /**
     * Starts listening on {@code port} (0 = any free port). {@code configFor} makes each
     * connection's config (it may add observers that print the handshake); {@code log} receives one line per event.
     */
    public LabServer(int port, Function<Integer, TlsConfig> configFor, Consumer<String> log) throws IOException {
        this(port, configFor, log, IDLE_TIMEOUT);
    }

    /** The same, with connections dropped after {@code idleTimeout} without a byte from the client. */
    public LabServer(int port, Function<Integer, TlsConfig> configFor, Consumer<String> log, Duration idleTimeout) throws IOException {
        idleMillis = Math.toIntExact(idleTimeout.toMillis());
        socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> acceptLoop(configFor, log), "tlslab-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int served() {
        return served.get();
    }

    public int failed() {
        return failed.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        workers.shutdownNow();
    }

    private void acceptLoop(Function<Integer, TlsConfig> configFor, Consumer<String> log) {
        AtomicInteger counter = new AtomicInteger();
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                int id = counter.incrementAndGet();
                workers.execute(() -> serve(id, s, configFor.apply(id), log));
            } catch (IOException e) {
                if (!socket.isClosed()) log.accept("accept failed: " + e.getMessage());
            }
        }
    }

    private void serve(int id, Socket s, TlsConfig config, Consumer<String> log) {
        int sent;
        try (Connection conn = Connection.server(Transport.of(s), config)) {
            s.setSoTimeout(idleMillis);
            conn.handshake();
            Session session = conn.session();
            log.accept("#" + id + " handshake done: " + ProtocolVersion.name(conn.version()) + ", " + conn.cipherSuiteName()
                    + (session != null && session.extendedMasterSecret() ? ", extended master secret" : "")
                    + (session != null && session.encryptThenMac() ? ", encrypt-then-MAC" : "") + (conn.resumed() ? " (resumed session)" : ""));
            String request = readRequest(conn.inputStream());
            String firstLine = request.lines().findFirst().orElse("");
            log.accept("#" + id + " request: " + firstLine);
            byte[] page = page(conn, firstLine).getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + page.length
                    + "\r\nConnection: close\r\n\r\n";
            // head and page in one write: one record when it fits (simple clients and conformance suites expect that)
            byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
            byte[] response = Arrays.copyOf(head8, head8.length + page.length);
            System.arraycopy(page, 0, response, head8.length, page.length);
            conn.write(response);
            sent = page.length;
            served.incrementAndGet();   // before close_notify: a client may hang up as soon as it has the page
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
            log.accept("#" + id + " failed: " + e.getMessage());
            return;
        }
        log.accept("#" + id + " response sent: 200 OK, " + sent + " bytes of HTML, then close_notify");
    }

    /** Reads up to the blank line that ends the request head (bounded, so a client can't make us buffer forever). */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int last4 = 0; // the last four bytes read, to spot \r\n\r\n (or \n\n) without copying
        int b;
        while (buf.size() < 16384 && (b = in.read()) >= 0) {
            buf.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0d0a0d0a || (last4 & 0xffff) == 0x0a0a) break;
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    private static String page(Connection conn, String request) {
        return "<!DOCTYPE html>\n<html><head><title>www.mybank.test</title></head><body>\n"
                + "<h1>Welcome to www.mybank.test</h1>\n"
                + "<p>This page came over " + ProtocolVersion.name(conn.version()) + " from the TLS Lab server.</p>\n<ul>\n"
                + "<li>Request: <code>" + escape(request) + "</code></li>\n"
                + "<li>Protocol: " + ProtocolVersion.name(conn.version()) + "</li>\n"
                + "<li>Cipher suite: <code>" + conn.cipherSuiteName() + "</code></li>\n"
                + "<li>Session resumed: " + (conn.resumed() ? "yes" : "no") + "</li>\n"
                + (conn.session() == null ? "" : "<li>Extended master secret: " + (conn.session().extendedMasterSecret() ? "yes" : "no")
                        + "</li>\n<li>Encrypt-then-MAC: " + (conn.session().encryptThenMac() ? "yes" : "no") + "</li>\n")
                + "<li>Client random: <code>" + Hex.of(conn.secrets() != null ? conn.secrets().clientRandom() : conn.tls13Secrets().clientRandom()) + "</code></li>\n"
                + "</ul>\n</body></html>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
