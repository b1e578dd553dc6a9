package tlslab.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;

import tlslab.record.ContentType;
import tlslab.record.Record;
import tlslab.record.RecordCipher;
import tlslab.record.RecordLayer;

/** One direction of a connection, set up once per trial, that the record benchmarks of both versions drive. */
final class RecordPairs {
    private RecordPairs() {
    }

    /**
     * tlslab's whole record layer: the client's RecordLayer writes into an in-memory stream
     * ({@link Loopback}, emptied before each record), and the server's RecordLayer reads from it. Each
     * side has its own cipher and its own sequence number.
     */
    static class Tlslab {
        Loopback wire;
        RecordLayer client;
        RecordLayer server;
        byte[] plaintext;
        /** Where the server decrypts to, reused: the counterpart of SSLEngine's app buffer. */
        final byte[] app = new byte[RecordLayer.MAX_FRAGMENT];

        void init(int record, RecordCipher clientWrite, RecordCipher serverRead) {
            wire = new Loopback(Record.HEADER_LENGTH + record + 300);
            plaintext = new byte[record];
            new SecureRandom().nextBytes(plaintext);
            // The client never reads and the server never writes here: those ends go nowhere.
            client = new RecordLayer(InputStream.nullInputStream(), wire.output);
            server = new RecordLayer(wire.input, OutputStream.nullOutputStream());
            client.changeWriteCipher(clientWrite);
            server.changeReadCipher(serverRead);
        }

        /** One record written and read back into {@link #app}; fails unless it was one whole application-data record. */
        byte[] roundTrip() throws Exception {
            wire.reset();
            client.write(ContentType.APPLICATION_DATA, plaintext);
            RecordLayer.Received r = server.readInto(app, 0);
            if (r.type() != ContentType.APPLICATION_DATA || r.length() != plaintext.length || wire.unread() != 0) {
                throw new IllegalStateException("expected one whole application-data record: " + r);
            }
            return app;
        }
    }

    /** Two SSLEngines after a completed handshake; the client wraps into a net buffer, the server unwraps into an app buffer. */
    static class Jdk {
        SSLEngine client;
        SSLEngine server;
        ByteBuffer plaintext;
        ByteBuffer net;
        ByteBuffer app;

        void init(JdkTls jdk, int record) throws Exception {
            client = jdk.newClient();
            server = jdk.newServer();
            jdk.fullHandshake(client, server, new JdkTls.Buffers());
            String suite = client.getSession().getCipherSuite();
            if (!suite.equals(jdk.suite) || !client.getSession().getProtocol().equals(jdk.protocol)) {
                throw new IllegalStateException("JDK negotiated " + client.getSession().getProtocol() + " " + suite);
            }
            byte[] data = new byte[record];
            new SecureRandom().nextBytes(data);
            plaintext = ByteBuffer.wrap(data);
            net = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
            app = ByteBuffer.allocate(Math.max(server.getSession().getApplicationBufferSize(), 2 * record));
        }

        /** One record wrapped and unwrapped; fails unless it went as one whole record. */
        ByteBuffer roundTrip() throws Exception {
            plaintext.clear();
            net.clear();
            SSLEngineResult w = client.wrap(plaintext, net);
            JdkTls.check(w);
            net.flip();
            app.clear();
            SSLEngineResult r = server.unwrap(net, app);
            JdkTls.check(r);
            if (w.bytesConsumed() != plaintext.capacity() || r.bytesProduced() != plaintext.capacity()) {
                throw new IllegalStateException("expected one whole record: " + w + " / " + r);
            }
            return app;
        }
    }
}
