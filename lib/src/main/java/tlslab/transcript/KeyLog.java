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
 * Wireshark use): {@code CLIENT_RANDOM <client random> <master secret>}, one line per session.
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

    public synchronized void log(byte[] clientRandom, byte[] masterSecret) {
        try {
            Files.writeString(file, line(clientRandom, masterSecret) + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key log " + file, e);
        }
    }
}
