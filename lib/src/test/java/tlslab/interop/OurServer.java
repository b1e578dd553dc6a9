package tlslab.interop;

import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;

import tlslab.cli.LabServer;
import tlslab.engine.SessionCache;
import tlslab.engine.TestPki;
import tlslab.engine.TlsConfig;

/** The library's HTTPS server for interop tests, with one session cache across connections. */
final class OurServer {
    private OurServer() {
    }

    static LabServer start(UnaryOperator<TlsConfig> tweak) throws IOException {
        SessionCache cache = new SessionCache();
        return new LabServer(0, id -> tweak.apply(TestPki.server().sessionCache(cache)), line -> { });
    }

    static LabServer withClientAuth() throws IOException {
        return start(c -> c.trust(List.of(TestPki.CA.certificate())).requireClientCertificate(true));
    }
}
