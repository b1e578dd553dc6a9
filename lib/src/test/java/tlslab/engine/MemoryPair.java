package tlslab.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tlslab.transport.Interceptor;
import tlslab.transport.Pipe;

/** Client and server over an in-memory pipe, each handshaking on its own thread. */
public final class MemoryPair {
    private MemoryPair() {
    }

    public static Connection[] connect(TlsConfig client, TlsConfig server) throws Exception {
        return connect(client, server, Interceptor.NONE);
    }

    /** Both connections after a successful handshake; otherwise the client's exception (or the server's). */
    public static Connection[] connect(TlsConfig client, TlsConfig server, Interceptor mitm) throws Exception {
        Pipe pipe = new Pipe(mitm);
        Connection s = Connection.server(pipe.serverEnd(), server);
        Connection c = Connection.client(pipe.clientEnd(), client);
        CompletableFuture<Void> serverSide = CompletableFuture.runAsync(() -> {
            try {
                s.handshake();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        try {
            c.handshake();
        } finally {
            try {
                serverSide.get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the client's exception is the one reported
            }
        }
        serverSide.get(30, TimeUnit.SECONDS);
        return new Connection[] {c, s};
    }
}
