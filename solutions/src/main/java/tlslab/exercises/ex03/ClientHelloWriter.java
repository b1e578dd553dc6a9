package tlslab.exercises.ex03;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import tlslab.exercise.ClientHelloEncoder;

/**
 * Exercise 3 — encode a ClientHello. Your bytes must equal the library's to the last bit.
 *
 * <pre>
 * Handshake:   msg_type (1 byte: 1)  length (3 bytes)  body
 * ClientHello: client_version (2)  random (32)  session_id (1-byte length + bytes)
 *              cipher_suites (2-byte length + 2 bytes each)  compression_methods (1-byte length + bytes)
 *              extensions (2-byte length + extensions), only if there are any
 * Extension:   extension_type (2)  extension_data (2-byte length + bytes)
 * server_name: server_name_list (2-byte length) { name_type (1: 0 = host_name)  host_name (2-byte length + ASCII) }
 * </pre>
 *
 * You may use {@link tlslab.wire.Writer} or a ByteArrayOutputStream.
 */
public class ClientHelloWriter implements ClientHelloEncoder {

    @Override
    public byte[] encode(int clientVersion, byte[] random, byte[] sessionId, int[] cipherSuites, String serverName) {
        // BEGIN SOLUTION ClientHelloWriter.encode: header, version, random, session_id, suites, compression, extensions
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, clientVersion);
        body.writeBytes(random);
        body.write(sessionId.length);
        body.writeBytes(sessionId);
        u16(body, 2 * cipherSuites.length);
        for (int suite : cipherSuites) u16(body, suite);
        body.write(1);
        body.write(0);
        if (serverName != null) {
            byte[] host = serverName.getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream sni = new ByteArrayOutputStream();
            u16(sni, 3 + host.length);   // server_name_list
            sni.write(0);                // host_name
            u16(sni, host.length);
            sni.writeBytes(host);
            byte[] data = sni.toByteArray();
            u16(body, 4 + data.length);  // extensions block
            u16(body, 0);                // server_name
            u16(body, data.length);
            body.writeBytes(data);
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        msg.write(1);
        msg.write(b.length >>> 16);
        u16(msg, b.length & 0xffff);
        msg.writeBytes(b);
        return msg.toByteArray();
        // END SOLUTION
    }

    // BEGIN SOLUTION REMOVE
    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }
    // END SOLUTION
}
