package tlslab.engine;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import tlslab.alert.AlertDescription;
import tlslab.handshake.ClientHello;
import tlslab.handshake.Extension;
import tlslab.handshake.Handshake;
import tlslab.handshake.HandshakeMessage;
import tlslab.handshake.HandshakeType;
import tlslab.transport.Pipe;
import tlslab.wire.Writer;

/**
 * A hand-driven client for conformance tests: it sends exactly the records a test builds (no
 * checks, no state) to a real server {@link Connection} over a {@link Pipe}, and reports what the
 * server answered first: a ServerHello, or an alert.
 */
final class RawClient implements AutoCloseable {
    /** The server's first answer: "ServerHello" or the alert's RFC name; {@code records} are all it sent. */
    record Answer(String what, List<byte[]> records) {
        boolean isServerHello() {
            return what.equals("ServerHello");
        }
    }

    private final Pipe pipe = new Pipe();
    private final OutputStream out;
    private final DataInputStream in;
    final CompletableFuture<Void> server;
    private boolean serverHungUp;

    RawClient(TlsConfig config) throws IOException {
        Connection s = Connection.server(pipe.serverEnd(), config);
        server = CompletableFuture.runAsync(() -> {
            try {
                s.handshake();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        out = pipe.clientEnd().output();
        in = new DataInputStream(pipe.clientEnd().input());
    }

    /**
     * Sends one record. A server that has already hung up (after its alert) makes the write fail;
     * that is ignored, as a conformance client does, because the test judges what the server sent.
     */
    RawClient record(int type, int version, byte[] body) throws IOException {
        if (serverHungUp) return this;
        try {
            out.write(new Writer().u8(type).u16(version).opaque16(body).toByteArray());
            out.flush();
        } catch (IOException e) {
            serverHungUp = true;
        }
        return this;
    }

    /** Sends {@code m} in as many records as it needs (2^14 bytes at most each, RFC 5246 §6.2.1). */
    RawClient handshake(HandshakeMessage m) throws IOException {
        byte[] all = m.encode();
        for (int at = 0; at < all.length; at += 1 << 14) {
            record(22, 0x0303, Arrays.copyOfRange(all, at, Math.min(all.length, at + (1 << 14))));
        }
        return this;
    }

    /** Reads records until an alert or a handshake record that starts with ServerHello. */
    Answer answer() throws IOException {
        List<byte[]> seen = new ArrayList<>();
        try {
            while (true) {
                int type = in.readUnsignedByte();
                in.readUnsignedShort();
                byte[] body = new byte[in.readUnsignedShort()];
                in.readFully(body);
                seen.add(body);
                if (type == 21 && body.length == 2) {
                    AlertDescription d = AlertDescription.of(body[1] & 0xff);
                    return new Answer(d == null ? "alert " + (body[1] & 0xff) : d.rfcName(), seen);
                }
                if (type == 22 && body.length > 0 && body[0] == 2) return new Answer("ServerHello", seen);
            }
        } catch (EOFException e) {
            return new Answer("closed without an alert", seen);
        }
    }

    /** The next handshake message of this type the server sends (one per record), decoded; fails on an alert. */
    HandshakeMessage next(HandshakeType type) throws IOException {
        while (true) {
            int t = in.readUnsignedByte();
            in.readUnsignedShort();
            byte[] body = new byte[in.readUnsignedShort()];
            in.readFully(body);
            if (t == 21) throw new AssertionError("the server sent alert " + AlertDescription.of(body[1] & 0xff));
            if (t == 22 && (body[0] & 0xff) == type.code) return Handshake.decode(body);
        }
    }

    /** A TLS 1.2 ClientHello offering ECDHE and RSA AES-128-GCM, with these extensions. */
    static ClientHello hello(List<Extension> extensions) {
        return hello(0x0303, List.of(0xC02F, 0x009C), extensions);
    }

    static ClientHello hello(int version, List<Integer> suites, List<Extension> extensions) {
        byte[] random = new byte[32];
        for (int i = 0; i < 32; i++) random[i] = (byte) i;
        return new ClientHello(version, random, new byte[0], suites, new byte[] {0}, extensions);
    }

    /** What the server answers to one ClientHello. */
    static Answer answer(TlsConfig server, ClientHello hello) throws IOException {
        try (RawClient c = new RawClient(server)) {
            return c.handshake(hello).answer();
        }
    }

    /** Hangs up our side (no close_notify); what the server sends can still be read. */
    void closeOutput() throws IOException {
        out.close();
    }

    @Override
    public void close() throws IOException {
        pipe.clientEnd().close();
    }
}
