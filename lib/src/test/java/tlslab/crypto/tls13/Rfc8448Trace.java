package tlslab.crypto.tls13;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tlslab.wire.Hex;

/**
 * RFC 8448's traces (public for the handshake message tests too), read from ../shared/vectors/ beside the repository (the file stays as published;
 * tests take their expected values from it rather than from hex pasted into code). The text is a list
 * of steps per section:
 * <pre>
 *   {server}  derive secret "tls13 c hs traffic":
 *
 *      PRK (32 octets):  f2 c6 6e 28 …
 *         c0 58 51 4f …
 * </pre>
 * A value runs over as many indented hex lines as its octet count needs, across page breaks.
 */
public final class Rfc8448Trace {
    static final String FILE_NAME = "rfc8448-tls13-traces.txt";

    private static final Pattern SECTION = Pattern.compile("^(\\d+)\\.\\s+\\S.*");
    private static final Pattern STEP = Pattern.compile("^   \\{(client|server)\\}\\s+(.*?):?\\s*$");
    private static final Pattern VALUE = Pattern.compile("^      (\\S.*?) \\((\\d+) octets\\):\\s*(.*)$");
    private static final Pattern HEX_LINE = Pattern.compile("^\\s+[0-9a-f]{2}( [0-9a-f]{2})*\\s*$");

    private static Rfc8448Trace loaded;

    private final Map<String, List<Step>> sections = new LinkedHashMap<>();

    /** One "{actor}  title" step and its values by label ("PRK", "expanded", "ClientHello", …). */
    public record Step(String section, String actor, String title, int line, Map<String, byte[]> values) {
        public byte[] value(String label) {
            byte[] v = values.get(label);
            if (v == null) {
                throw new AssertionError(this + " has no \"" + label + "\" value (it has " + values.keySet() + ")");
            }
            return v.clone();
        }

        @Override
        public String toString() {
            return "RFC 8448 §" + section + " {" + actor + "} " + title + " (line " + line + ")";
        }
    }

    /** The trace, parsed once per test JVM. */
    public static synchronized Rfc8448Trace get() {
        if (loaded == null) {
            Path file = locate();
            try {
                loaded = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AssertionError("cannot read " + file + ": " + e, e);
            }
        }
        return loaded;
    }

    /** ../shared/vectors/ from the repository root (the directory holding lib/pom.xml). */
    static Path locate() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("lib/pom.xml"))) dir = dir.getParent();
        if (dir == null) {
            throw new AssertionError("cannot find the repository root (a directory with lib/pom.xml) above "
                    + System.getProperty("user.dir"));
        }
        Path file = dir.resolve("../shared/vectors").resolve(FILE_NAME).normalize();
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("RFC 8448 trace missing: expected " + file + " (the shared/ directory"
                    + " must sit beside the clone, as in CI: ../shared/vectors/" + FILE_NAME + ")");
        }
        return file;
    }

    static Rfc8448Trace parse(List<String> lines) {
        Rfc8448Trace trace = new Rfc8448Trace();
        String section = null;
        Step step = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replace("\f", "");
            Matcher m;
            if ((m = SECTION.matcher(line)).matches()) {
                section = m.group(1);
                step = null;
            } else if (section != null && (m = STEP.matcher(line)).matches()) {
                step = new Step(section, m.group(1), m.group(2), i + 1, new LinkedHashMap<>());
                trace.sections.computeIfAbsent(section, k -> new ArrayList<>()).add(step);
            } else if (step != null && (m = VALUE.matcher(line)).matches()) {
                int count = Integer.parseInt(m.group(2));
                StringBuilder hex = new StringBuilder(count == 0 ? "" : m.group(3));
                while (hex.toString().replace(" ", "").length() < 2 * count) {
                    if (++i >= lines.size()) throw new IllegalStateException("file ends inside " + step);
                    String next = lines.get(i).replace("\f", "");
                    if (next.isBlank() || !Character.isWhitespace(next.charAt(0))) continue; // page break
                    if (!HEX_LINE.matcher(next).matches()) {
                        throw new IllegalStateException("line " + (i + 1) + ": expected hex for " + m.group(1)
                                + " in " + step + ", got: " + next.strip());
                    }
                    hex.append(' ').append(next.strip());
                }
                byte[] bytes = Hex.parse(hex.toString());
                if (bytes.length != count) {
                    throw new IllegalStateException(step + ": " + m.group(1) + " has " + bytes.length
                            + " bytes, the trace says " + count);
                }
                if (step.values.put(m.group(1), bytes) != null) {
                    throw new IllegalStateException(step + " has two \"" + m.group(1) + "\" values");
                }
            }
        }
        return trace;
    }

    /**
     * The server's RSA key from §2 ("modulus (public):", "prime1:", …), printed there as labelled hex
     * rather than as a step. Each value runs from its label to the next line with a colon, over page breaks.
     */
    public static RSAPrivateCrtKeySpec serverRsaKey() {
        List<String> lines;
        try {
            lines = Files.readAllLines(locate(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read the RFC 8448 trace: " + e, e);
        }
        String[] labels = {"modulus (public)", "public exponent", "private exponent", "prime1", "prime2", "exponent1", "exponent2",
                "coefficient"};
        BigInteger[] v = new BigInteger[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int at = 0;
            while (at < lines.size() && !lines.get(at).startsWith("   " + labels[i] + ":")) at++;
            if (at == lines.size()) throw new AssertionError("RFC 8448 §2 has no \"" + labels[i] + ":\"");
            StringBuilder hex = new StringBuilder(lines.get(at).substring(lines.get(at).indexOf(':') + 1));
            for (int j = at + 1; j < lines.size() && !lines.get(j).contains(":") && !SECTION.matcher(lines.get(j)).matches(); j++) {
                if (HEX_LINE.matcher(lines.get(j)).matches()) hex.append(' ').append(lines.get(j));
            }
            v[i] = new BigInteger(1, Hex.parse(hex.toString().replaceAll("\\s+", "")));
        }
        return new RSAPrivateCrtKeySpec(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    /** Every step of a section, in the order printed (for tests that walk a whole handshake). */
    public List<Step> steps(String section) {
        List<Step> found = sections.get(section);
        if (found == null) throw new AssertionError("RFC 8448 has no section " + section);
        return List.copyOf(found);
    }

    /** Every step of a section with this actor and title (the title without its trailing colon). */
    public List<Step> steps(String section, String actor, String title) {
        List<Step> found = new ArrayList<>();
        for (Step s : sections.getOrDefault(section, List.of())) {
            if (s.actor.equals(actor) && s.title.equals(title)) found.add(s);
        }
        if (found.isEmpty()) {
            throw new AssertionError("RFC 8448 §" + section + " has no step {" + actor + "} " + title);
        }
        return found;
    }

    /** The one step with this actor and title; two would make the test ambiguous. */
    public Step step(String section, String actor, String title) {
        List<Step> found = steps(section, actor, title);
        if (found.size() > 1) throw new AssertionError("RFC 8448 §" + section + " has " + found.size() + " steps " + title);
        return found.get(0);
    }
}
