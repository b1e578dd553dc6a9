package tlslab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.cli.LabServer;
import tlslab.engine.Connection;
import tlslab.engine.TestPki;
import tlslab.transport.Transport;

/**
 * How long the lab server waits for a silent client. Notebooks 04a and 04b connect in one cell and
 * handshake or send their request many cells later: a 30-second limit cut off every student who
 * read the cells between (and, under load, every student of a 30-student hub test).
 */
@Timeout(30)
class LabServerIdleTest {
    private static final byte[] GET = "GET / HTTP/1.1\r\nHost: www.mybank.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void byDefaultItWaitsLongerThanAStudentReads() {
        assertTrue(LabServer.IDLE_TIMEOUT.compareTo(Duration.ofMinutes(10)) >= 0, LabServer.IDLE_TIMEOUT.toString());
    }

    @Test
    void aClientThatPausesWithinTheLimitGetsItsPage() throws Exception {
        try (LabServer server = new LabServer(0, id -> TestPki.server(), line -> { }, Duration.ofSeconds(5));
             Connection c = Connection.client(Transport.of(new Socket(InetAddress.getLoopbackAddress(), server.port())),
                     TestPki.client())) {
            c.handshake();
            Thread.sleep(1500);
            c.write(GET);
            String page = new String(c.inputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(page.startsWith("HTTP/1.1 200 OK\r\n"), page);
            assertEquals(0, server.failed());
        }
    }

    @Test
    void aClientSilentPastTheLimitIsCutOff() throws Exception {
        try (LabServer server = new LabServer(0, id -> TestPki.server(), line -> { }, Duration.ofMillis(300));
             Connection c = Connection.client(Transport.of(new Socket(InetAddress.getLoopbackAddress(), server.port())),
                     TestPki.client())) {
            c.handshake();
            Thread.sleep(1000);
            assertThrows(IOException.class, () -> {
                c.write(GET);
                c.inputStream().readAllBytes();
            });
            assertEquals(1, server.failed());
        }
    }
}
