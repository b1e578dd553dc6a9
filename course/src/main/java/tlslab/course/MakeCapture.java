package tlslab.course;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import tlslab.cli.LabServer;
import tlslab.crypto.CipherSuite;
import tlslab.engine.Connection;
import tlslab.engine.TlsConfig;
import tlslab.transport.Transport;

/**
 * Makes the capture shipped in notebooks/captures/: runs notebook 04a's connection (same lab, same
 * seeds, same order of configs, so the same TLS bytes) while tcpdump captures it on the loopback
 * interface, and copies the file to the path given. Needs a capture tool that may capture (root).
 *
 * <pre>java -cp course/target/tlslab-course.jar:course/target/deps/* tlslab.course.MakeCapture notebooks/captures/lab-connection.pcap</pre>
 */
public final class MakeCapture {
    private MakeCapture() {
    }

    /** The connection of notebook 04a: the lab client, RSA key transport only, GET /, close. Returns the client. */
    public static Connection connect(Lab lab, LabServer server) throws IOException {
        TlsConfig clientConfig = lab.client().cipherSuites(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        Connection client = Connection.client(Transport.of(socket), clientConfig);
        client.handshake();
        client.write("GET / HTTP/1.1\r\nHost: www.mybank.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        client.inputStream().readAllBytes();
        client.close();
        return client;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: MakeCapture OUT.pcap");
            System.exit(2);
        }
        Lab lab = Lab.create();
        try (LabServer server = new LabServer(0, id -> lab.server(), line -> { })) {
            Capture capture = Capture.start(server.port(), null, Capture.tools(server.port()));
            if (!capture.live()) {
                System.err.println("MakeCapture: " + capture.source());
                System.exit(1);
            }
            capture.keepFile = true;
            connect(lab, server);
            Thread.sleep(300);   // the server's last segments
            Pcap pcap = capture.stop();
            Path out = Path.of(args[0]);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.copy(capture.file(), out, StandardCopyOption.REPLACE_EXISTING);
            TcpConnection c = pcap.connection();
            System.out.println("wrote " + out + ": " + pcap.packetsInFile() + " packets, three-way handshake: " + c.threeWayHandshake()
                    + ", " + c.tlsRecords().size() + " TLS records (" + capture.source() + ")");
        }
    }
}
