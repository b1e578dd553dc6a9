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
        // TODO: header, version, random, session_id, suites, compression, extensions
        throw new UnsupportedOperationException("not written yet: ClientHelloWriter.encode");
    }
}
