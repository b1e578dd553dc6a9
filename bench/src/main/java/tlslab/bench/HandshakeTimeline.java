package tlslab.bench;

import java.util.concurrent.Future;

import tlslab.engine.Connection;
import tlslab.transport.Pipe;

/**
 * Not a JMH benchmark: where the wall-clock time of one {@code handshake_tlslab} goes. The pipe's
 * interceptor stamps the time of every record either side writes, so each gap is the work (and the
 * wait) between two records on the handshake's critical path. Averages over each round.
 *
 * <pre>java -cp bench/target/benchmarks.jar tlslab.bench.HandshakeTimeline [handshakes per round] [rounds]</pre>
 */
public final class HandshakeTimeline {
    /** The records of a full TLS_RSA handshake in the order they are written, and who writes them. */
    private static final String[] RECORDS = {
        "client ClientHello", "server ServerHello", "server Certificate", "server ServerHelloDone",
        "client ClientKeyExchange", "client ChangeCipherSpec", "client Finished",
        "server ChangeCipherSpec", "server Finished"};

    private HandshakeTimeline() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        TlsBenchmark.TlslabHandshake s = new TlsBenchmark.TlslabHandshake();
        s.setup();
        int steps = RECORDS.length + 2;   // then the client's handshake() returns, then the server's
        try {
            for (int r = 1; r <= rounds; r++) {
                long[] total = new long[steps];
                long wall = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long[] stamps = new long[RECORDS.length];
                    int[] written = {0};
                    Pipe pipe = new Pipe((fromClient, bytes) -> {
                        if (written[0] < stamps.length) stamps[written[0]++] = System.nanoTime();
                        return bytes;
                    });
                    long start = System.nanoTime();
                    Connection server = Connection.server(pipe.serverEnd(), s.server);
                    Connection client = Connection.client(pipe.clientEnd(), s.client);
                    Future<Connection> serverDone = s.serverThread.submit(server::handshake);
                    client.handshake();
                    long clientDone = System.nanoTime();
                    serverDone.get();
                    long end = System.nanoTime();
                    if (written[0] != RECORDS.length) throw new IllegalStateException(written[0] + " records, expected " + RECORDS.length);
                    long previous = start;
                    for (int k = 0; k < RECORDS.length; k++) {
                        total[k] += stamps[k] - previous;
                        previous = stamps[k];
                    }
                    total[RECORDS.length] += clientDone - previous;
                    total[RECORDS.length + 1] += end - clientDone;
                }
                wall = System.nanoTime() - wall;
                System.out.printf("round %d: %.0f µs per handshake (the first rounds are warm-up)%n", r, wall / 1e3 / n);
                if (r == rounds) {
                    for (int k = 0; k < steps; k++) {
                        String what = k < RECORDS.length ? RECORDS[k] + " written"
                                : k == RECORDS.length ? "client's handshake() returns" : "server's handshake() returns";
                        System.out.printf("  %6.0f µs until %s%n", total[k] / 1e3 / n, what);
                    }
                }
            }
        } finally {
            s.tearDown();
        }
    }
}
