package tlslab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import tlslab.engine.SessionCache;
import tlslab.engine.TlsConfig;
import tlslab.keys.LabPki;
import tlslab.keys.Pem;
import tlslab.transcript.KeyLog;

/** {@code ./tlslab server}: a small HTTPS server on 127.0.0.1 that explains each handshake. */
final class ServerCommand {
    private ServerCommand() {
    }

    /** Where the lab CA and server certificate live when none is given: ~/.tlslab/lab. */
    static Path labDir() {
        return Path.of(System.getProperty("user.home"), ".tlslab", "lab");
    }

    static int run(String[] argv, PrintStream out) throws Exception {
        Args a = new Args(argv, 1, Set.of("--port", "--cert", "--key", "--client-auth", "--keylog", "--cipher"),
                Set.of("--once", "--brief", "--tls1.2", "--tls1.3"));
        if (!a.positional.isEmpty()) throw new Args.UsageException("server takes no positional arguments");
        if (a.has("--cert") != a.has("--key")) throw new Args.UsageException("--cert and --key go together");
        List<X509Certificate> chain;
        PrivateKey key;
        if (a.has("--cert")) {
            chain = Pem.readCertificates(Path.of(a.get("--cert")));
            key = Pem.readPrivateKey(Path.of(a.get("--key")));
        } else {
            LabPki.LabFiles files = LabPki.writeLabFiles(labDir(), new java.security.SecureRandom());
            out.println("no --cert given: using the lab certificate for www.mybank.test, localhost and 127.0.0.1");
            out.println("  server certificate: " + files.serverChain());
            out.println("  server private key: " + files.serverKey());
            out.println("  lab CA certificate: " + files.caCert() + "   (clients trust this one, e.g. curl --cacert)");
            chain = Pem.readCertificates(files.serverChain());
            key = Pem.readPrivateKey(files.serverKey());
        }
        List<X509Certificate> clientCas = a.has("--client-auth") ? Pem.readCertificates(Path.of(a.get("--client-auth"))) : List.of();
        a.applyVersionsAndCiphers(new TlsConfig());   // bad names and flags fail here, before listening
        KeyLog keyLog = a.has("--keylog") ? new KeyLog(Path.of(a.get("--keylog"))) : null;
        SessionCache cache = new SessionCache();
        boolean brief = a.has("--brief");
        boolean once = a.has("--once");
        CountDownLatch done = new CountDownLatch(1);

        LabServer server = new LabServer(a.intValue("--port", 8443), id -> {
            TlsConfig c = new TlsConfig().identity(chain, key).sessionCache(cache);
            a.applyVersionsAndCiphers(c);
            if (!clientCas.isEmpty()) c.trust(clientCas).requireClientCertificate(true);
            if (keyLog != null) c.keyLog(keyLog);
            c.observe(new Printer(out, "#" + id + " ", brief)::print);
            return c;
        }, line -> {
            out.println(line);
            if (once && (line.contains(" response sent: ") || line.contains(" failed: "))) done.countDown();
        });
        out.println("listening on https://127.0.0.1:" + server.port() + "/  (also https://localhost:" + server.port()
                + "/)" + (once ? "; serving one connection" : "; Ctrl-C stops"));
        out.flush();
        done.await();
        server.close();
        return server.failed() == 0 ? 0 : 1;
    }
}
