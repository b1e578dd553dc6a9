package tlslab.transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import tlslab.wire.Hex;

/**
 * Writes session secrets in the NSS key log format (the SSLKEYLOGFILE that browsers and
 * Wireshark use). TLS 1.2: {@code CLIENT_RANDOM <client random> <master secret>}, one line per
 * session. TLS 1.3 has no single master secret for the records, so it logs each traffic secret:
 * {@code CLIENT_HANDSHAKE_TRAFFIC_SECRET}, {@code SERVER_HANDSHAKE_TRAFFIC_SECRET},
 * {@code CLIENT_TRAFFIC_SECRET_0} and {@code SERVER_TRAFFIC_SECRET_0}, each with the client random.
 * Whoever holds this file can decrypt the recorded traffic: that is the point, and the danger.
 */
public final class KeyLog {
    private final Path file;

    public KeyLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public static String line(byte[] clientRandom, byte[] masterSecret) {
        return "CLIENT_RANDOM " + Hex.of(clientRandom) + " " + Hex.of(masterSecret);
    }

    /** A TLS 1.3 line: {@code label} is one of the four names above. */
    public static String line(String label, byte[] clientRandom, byte[] secret) {
        return label + " " + Hex.of(clientRandom) + " " + Hex.of(secret);
    }

    public void log(byte[] clientRandom, byte[] masterSecret) {
        append(line(clientRandom, masterSecret));
    }

    public void log(String label, byte[] clientRandom, byte[] secret) {
        append(line(label, clientRandom, secret));
    }

    private synchronized void append(String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key log " + file, e);
        }
    }
}
