package tlslab.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.cli.LabServer;
import tlslab.engine.Connection;
import tlslab.engine.TestPki;
import tlslab.transport.Transport;

/** The lab HTTPS server answers in as few records as fit: one, for a page under 16 KiB. */
@Timeout(30)
class LabServerResponseTest {
    @Test
    void aSmallResponseIsOneRecord() throws Exception {
        try (LabServer server = OurServer.start(c -> c);
             Connection c = Connection.client(Transport.of(new Socket(InetAddress.getLoopbackAddress(), server.port())),
                     TestPki.client())) {
            c.write("GET / HTTP/1.1\r\nHost: www.mybank.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String first = new String(c.read(), StandardCharsets.UTF_8);   // one record's worth
            assertTrue(first.startsWith("HTTP/1.1 200 OK\r\n"), first);
            assertTrue(first.strip().endsWith("</html>"), "head and page in the first record:\n" + first);
        }
    }
}
