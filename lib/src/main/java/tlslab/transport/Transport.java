package tlslab.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** A byte stream in both directions: a TCP socket, or one end of an in-memory {@link Pipe}. */
public interface Transport extends Closeable {

    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** A human-readable description of the peer, for messages. */
    String peer();

    static Transport of(Socket socket) {
        return new Transport() {
            @Override
            public InputStream input() throws IOException {
                return socket.getInputStream();
            }

            @Override
            public OutputStream output() throws IOException {
                return socket.getOutputStream();
            }

            @Override
            public String peer() {
                return socket.getRemoteSocketAddress().toString();
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }
}
