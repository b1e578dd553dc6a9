package tlslab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import tlslab.crypto.CipherSuite;
import tlslab.engine.Connection;
import tlslab.engine.Session;
import tlslab.engine.TlsConfig;
import tlslab.keys.Pem;
import tlslab.transcript.KeyLog;
import tlslab.transport.Transport;
import tlslab.wire.Hex;
import tlslab.wire.ProtocolVersion;

/** {@code ./tlslab client}: handshake with a server, explaining each message, then an HTTP GET. */
final class ClientCommand {
    private ClientCommand() {
    }

    static int run(String[] argv, PrintStream out) throws Exception {
        Args a = new Args(argv, 1, Set.of("--cipher", "--servername", "--cafile", "--cert", "--key", "--keylog", "--path"),
                Set.of("--resume", "--insecure", "--brief"));
        if (a.positional.size() != 1) throw new Args.UsageException("client needs exactly one HOST:PORT");
        String target = a.positional.get(0);
        int colon = target.lastIndexOf(':');
        if (colon <= 0) throw new Args.UsageException("expected HOST:PORT, got \"" + target + "\"");
        String host = target.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new Args.UsageException("port in \"" + target + "\" is not a number");
        }
        TlsConfig config = config(a, host);
        Printer printer = new Printer(out, "", a.has("--brief"));
        config.observe(printer::print);

        Session session = get(host, port, config, a.get("--path"), out);
        if (!a.has("--resume")) return 0;
        out.println();
        out.println("--- reconnecting to resume session " + Hex.abbreviate(session.id(), 8) + " ---");
        TlsConfig again = config(a, host).resume(session);
        again.observe(printer::print);
        Session second = get(host, port, again, a.get("--path"), out);
        boolean resumed = Arrays.equals(second.id(), session.id());
        out.println(resumed ? "session resumed: abbreviated handshake, no certificate or key exchange"
                : "the server did not resume the session (it started a new one)");
        return resumed ? 0 : 1;
    }

    private static TlsConfig config(Args a, String host) throws IOException {
        TlsConfig config = new TlsConfig();
        if (!a.all("--cipher").isEmpty()) {
            config.cipherSuites(a.all("--cipher").stream().map(CipherSuite::byName).toArray(CipherSuite[]::new));
        }
        config.serverName(a.get("--servername") != null ? a.get("--servername") : host);
        if (a.has("--insecure")) {
            config.verifyPeer(false);
        } else {
            Path ca = a.get("--cafile") != null ? Path.of(a.get("--cafile")) : ServerCommand.labDir().resolve("ca.pem");
            if (!ca.toFile().exists()) {
                throw new Args.UsageException("no CA to check the server against: give --cafile PEM (or --insecure); "
                        + "the lab CA " + ca + " does not exist yet (./tlslab server makes it)");
            }
            config.trust(Pem.readCertificates(ca));
        }
        if (a.has("--cert") != a.has("--key")) throw new Args.UsageException("--cert and --key go together");
        if (a.has("--cert")) {
            List<X509Certificate> chain = Pem.readCertificates(Path.of(a.get("--cert")));
            config.identity(chain, Pem.readPrivateKey(Path.of(a.get("--key"))));
        }
        if (a.has("--keylog")) config.keyLog(new KeyLog(Path.of(a.get("--keylog"))));
        return config;
    }

    private static Session get(String host, int port, TlsConfig config, String path, PrintStream out) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(30_000);
        try (Connection conn = Connection.client(Transport.of(socket), config)) {
            conn.handshake();
            out.println("handshake complete: " + ProtocolVersion.name(conn.version()) + ", " + conn.cipherSuiteName()
                    + (conn.resumed() ? " (resumed)" : ""));
            String request = "GET " + (path == null ? "/" : path) + " HTTP/1.0\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
            conn.write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(conn.inputStream().readAllBytes(), StandardCharsets.UTF_8);
            out.println();
            out.println(response);
            if (!response.startsWith("HTTP/")) throw new IOException("the server's answer is not an HTTP response");
            return conn.session();
        }
    }
}
