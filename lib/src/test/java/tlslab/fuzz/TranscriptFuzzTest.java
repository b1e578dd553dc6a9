package tlslab.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import tlslab.alert.AlertDescription;
import tlslab.alert.AbruptCloseException;
import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.RandomSource;
import tlslab.engine.Connection;
import tlslab.engine.MemoryPair;
import tlslab.engine.TestPki;
import tlslab.engine.TlsConfig;
import tlslab.transcript.Direction;
import tlslab.transcript.Transcript;
import tlslab.transport.Transport;

/**
 * Replays recorded valid handshakes with one mutation (flipped byte, truncation, inserted or
 * deleted bytes) into a real endpoint: only the library's own errors may come out, never an
 * internal error, NullPointerException or IndexOutOfBounds.
 */
class TranscriptFuzzTest {
    private static final CipherSuite[] SUITES = CipherSuite.values();
    private static final List<List<byte[]>> CLIENT_FLIGHTS = new ArrayList<>();
    private static final List<List<byte[]>> SERVER_FLIGHTS = new ArrayList<>();

    static {
        try {
            for (CipherSuite suite : SUITES) {
                Connection[] cs = MemoryPair.connect(client(suite), server());
                Transcript t = cs[0].transcript();
                CLIENT_FLIGHTS.add(records(t, Direction.CLIENT_TO_SERVER));
                SERVER_FLIGHTS.add(records(t, Direction.SERVER_TO_CLIENT));
            }
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static TlsConfig client(CipherSuite suite) {
        return TestPki.client().cipherSuites(suite).random(RandomSource.seeded("fuzz-client"));
    }

    static TlsConfig server() {
        return TestPki.server().random(RandomSource.seeded("fuzz-server"));
    }

    static List<byte[]> records(Transcript t, Direction d) {
        return t.records().stream().filter(r -> r.direction() == d).map(r -> r.record().wire()).toList();
    }

    /** One change to one record. */
    record Mutation(int suite, int record, int kind, int position, int value) {
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, SUITES.length - 1), Arbitraries.integers().between(0, 20),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 5000),
                Arbitraries.integers().between(0, 255)).as(Mutation::new);
    }

    @Property(tries = 300)
    void serverSurvivesMutatedClientRecords(@ForAll("mutations") Mutation m) throws Exception {
        replay(CLIENT_FLIGHTS.get(m.suite()), m, true);
    }

    @Property(tries = 300)
    void clientSurvivesMutatedServerRecords(@ForAll("mutations") Mutation m) throws Exception {
        replay(SERVER_FLIGHTS.get(m.suite()), m, false);
    }

    @net.jqwik.api.Example
    void unmutatedReplaysSucceed() throws Exception {
        for (int i = 0; i < SUITES.length; i++) {
            assertEquals(null, run(concat(CLIENT_FLIGHTS.get(i)), true, i));
            assertEquals(null, run(concat(SERVER_FLIGHTS.get(i)), false, i));
        }
    }

    private void replay(List<byte[]> flight, Mutation m, boolean toServer) throws Exception {
        List<byte[]> records = new ArrayList<>(flight);
        int which = m.record() % records.size();
        records.set(which, mutate(records.get(which), m));
        IOException e = run(concat(records), toServer, m.suite());
        if (e instanceof TlsException t) {
            assertNotEquals(AlertDescription.INTERNAL_ERROR, t.alert(), () -> "internal error for " + m + ": " + e);
        }
    }

    /** Runs one endpoint against the scripted bytes; the library's exception, or null if the handshake completed. */
    private IOException run(byte[] input, boolean asServer, int suite) throws Exception {
        Transport scripted = new Transport() {
            final InputStream in = new ByteArrayInputStream(input);
            final OutputStream out = OutputStream.nullOutputStream();

            @Override
            public InputStream input() {
                return in;
            }

            @Override
            public OutputStream output() {
                return out;
            }

            @Override
            public String peer() {
                return "scripted";
            }

            @Override
            public void close() {
            }
        };
        Connection c = asServer ? Connection.server(scripted, server()) : Connection.client(scripted, client(SUITES[suite]));
        try {
            c.handshake();
            return null;
        } catch (TlsException e) {
            return e;
        } catch (AbruptCloseException e) {   // the script ran out: the peer "hung up"
            return e;
        } catch (IOException | RuntimeException e) {
            fail("not a library error: " + e, e);
            return null;
        }
    }

    private static byte[] mutate(byte[] r, Mutation m) {
        int pos = m.position() % r.length;
        return switch (m.kind()) {
            case 0 -> {
                byte[] c = r.clone();
                c[pos] ^= (byte) (m.value() == 0 ? 1 : m.value());
                yield c;
            }
            case 1 -> java.util.Arrays.copyOf(r, pos);
            case 2 -> {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.write(r, 0, pos);
                b.write(m.value());
                b.write(r, pos, r.length - pos);
                yield b.toByteArray();
            }
            default -> {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.write(r, 0, pos);
                b.write(r, pos + 1, r.length - pos - 1);
                yield b.toByteArray();
            }
        };
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        parts.forEach(b::writeBytes);
        return b.toByteArray();
    }
}
