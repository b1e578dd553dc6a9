package tlslab.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import tlslab.engine.Connection;
import tlslab.engine.TlsConfig;
import tlslab.transport.Transport;

/** Our client over TCP to 127.0.0.1: handshake, GET /, read to the end, close. */
final class HttpGet {
    private HttpGet() {
    }

    /** The closed connection (for its session and transcript); fails unless the page starts with {@code expectedStart}. */
    static Connection get(int port, TlsConfig config, String expectedStart) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(15000);
        Connection c = Connection.client(Transport.of(s), config);
        c.handshake();
        c.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String page = new String(c.inputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(page.startsWith(expectedStart), page);
        c.close();
        return c;
    }
}
