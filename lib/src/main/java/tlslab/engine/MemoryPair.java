package tlslab.engine;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tlslab.transport.Interceptor;
import tlslab.transport.Pipe;

/**
 * A client and a server connected by an in-memory {@link Pipe}, the server handshaking on its own
 * thread: the quickest way to run a whole handshake (tests, notebooks, benchmarks).
 */
public final class MemoryPair {
    private MemoryPair() {
    }

    public static Connection[] connect(TlsConfig client, TlsConfig server) throws IOException {
        return connect(client, server, Interceptor.NONE);
    }

    /** Both connections after a successful handshake; otherwise the client's exception (or the server's). */
    public static Connection[] connect(TlsConfig client, TlsConfig server, Interceptor mitm) throws IOException {
        Pipe pipe = new Pipe(mitm);
        Connection s = Connection.server(pipe.serverEnd(), server);
        Connection c = Connection.client(pipe.clientEnd(), client);
        FutureTask<Void> serverSide = new FutureTask<>(() -> {
            s.handshake();
            return null;
        });
        Thread t = new Thread(serverSide, "tlslab-memory-server");
        t.setDaemon(true);
        t.start();
        try {
            c.handshake();
        } catch (IOException e) {
            awaitQuietly(serverSide);
            throw e;
        }
        try {
            serverSide.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException("server side failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IOException("server side did not finish its handshake: " + e, e);
        }
        return new Connection[] {c, s};
    }

    private static void awaitQuietly(FutureTask<Void> task) {
        try {
            task.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException ignored) {
            // the client's exception is the one reported
        }
    }
}
