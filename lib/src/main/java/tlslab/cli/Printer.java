package tlslab.cli;

import java.io.PrintStream;

import tlslab.transcript.Entry;
import tlslab.wire.Field;
import tlslab.wire.Hex;

/** Prints each message of a handshake as it happens, with its fields explained. */
final class Printer {
    private final PrintStream out;
    private final String prefix;
    private final boolean brief;

    Printer(PrintStream out, String prefix, boolean brief) {
        this.out = out;
        this.prefix = prefix;
        this.brief = brief;
    }

    synchronized void print(Entry e) {
        int n = e.bytes().length;
        out.printf("%s%s  %s  (%d byte%s%s)%n", prefix, e.direction().arrow, e.name(), n, n == 1 ? "" : "s",
                e.encrypted() ? ", encrypted on the wire" : "");
        if (brief) return;
        if (e.message() == null) {
            if (e.name().startsWith("Alert") || e.name().equals("ChangeCipherSpec")) {
                out.printf("%s      bytes %s%n", prefix, Hex.of(e.bytes()));
            }
            return;
        }
        for (Field f : e.fields()) {
            out.printf("%s    %4d %4d  %-34s %s%s%n", prefix, f.offset(), f.length(), f.name(), Hex.abbreviate(f.bytes(), 16),
                    f.meaning().isEmpty() ? "" : "  " + f.meaning());
        }
    }
}
