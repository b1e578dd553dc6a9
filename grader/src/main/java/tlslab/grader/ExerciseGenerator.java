package tlslab.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tlslab.exercises.check.Exercise;

/**
 * Makes {@code exercises/src} from {@code solutions/src}: main sources with every solution region
 * replaced by a TODO that throws, the visible tests copied as they are, the hidden tests
 * ({@code src/hidden}) left out. Markers, each alone on its line:
 *
 * <pre>
 *     // BEGIN SOLUTION Name.method: a hint for the TODO line
 *     … the reference code …
 *     // END SOLUTION
 * </pre>
 *
 * becomes {@code // TODO: a hint for the TODO line} and
 * {@code throw new UnsupportedOperationException("not written yet: Name.method");}.
 * {@code // BEGIN SOLUTION REMOVE} … {@code // END SOLUTION} disappears without a trace (helpers).
 *
 * <p>The exercise notebooks ({@code exercises/notebooks/*.ipynb}) are generated too, from
 * {@code solutions/notebooks/*.md} and the stubbed classes ({@link NotebookGenerator}), and checked
 * for drift with the rest.
 */
public final class ExerciseGenerator {
    static final Pattern BEGIN = Pattern.compile("^(\\s*)// BEGIN SOLUTION(?:\\s+(.*?))?\\s*$");
    static final Pattern END = Pattern.compile("^\\s*// END SOLUTION\\s*$");

    private ExerciseGenerator() {
    }

    /** The generated files: path under exercises/ ("src/main/java/…", "notebooks/….ipynb") to content. */
    static TreeMap<String, byte[]> generate(Path solutions) throws IOException {
        return generate(solutions, false);
    }

    /**
     * The same; with {@code solved}, the notebooks' tagged cells hold the reference solutions (what a
     * student who solved everything hands in).
     */
    static TreeMap<String, byte[]> generate(Path solutions, boolean solved) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        Map<Exercise, String> classes = new EnumMap<>(Exercise.class);
        Path main = solutions.resolve("src/main/java");
        Path test = solutions.resolve("src/test/java");
        if (!Files.isDirectory(main)) throw new IOException(main + " not found: is " + solutions + " the solutions folder?");
        for (Path p : files(main)) {
            String rel = "main/java/" + main.relativize(p).toString().replace('\\', '/');
            byte[] bytes = Files.readAllBytes(p);
            if (!rel.endsWith(".java")) {
                out.put("src/" + rel, bytes);
                continue;
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            String stubbed = stub(rel, text);
            out.put("src/" + rel, stubbed.getBytes(StandardCharsets.UTF_8));
            for (Exercise e : Exercise.values()) {
                if (rel.equals("main/java/" + e.implementation.replace('.', '/') + ".java")) {
                    classes.put(e, solved ? NotebookGenerator.solved(text) : stubbed);
                }
            }
        }
        for (Path p : files(test)) {
            String rel = "test/java/" + test.relativize(p).toString().replace('\\', '/');
            String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
            if (text.contains("BEGIN SOLUTION") || text.contains("END SOLUTION")) {
                throw new IOException(rel + ": solution markers belong in src/main only (tests are copied as they are)");
            }
            if (rel.contains("/tlslab/exercises/hidden/")) {
                throw new IOException(rel + ": hidden tests go in src/hidden/java, never in src/test/java");
            }
            out.put("src/" + rel, Files.readAllBytes(p));
        }
        out.putAll(NotebookGenerator.generate(solutions, classes));
        return out;
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The student's version of one source file. */
    static String stub(String name, String source) throws IOException {
        String[] lines = source.split("\n", -1);
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        boolean remove = false;
        int begunAt = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher b = BEGIN.matcher(line);
            if (b.matches()) {
                if (inside) throw new IOException(name + ":" + (i + 1) + ": BEGIN SOLUTION inside the region begun at line " + begunAt);
                inside = true;
                begunAt = i + 1;
                String text = b.group(2) == null ? "" : b.group(2).strip();
                remove = text.equals("REMOVE");
                if (!remove) {
                    String indent = b.group(1);
                    String what = text;
                    String hint = "";
                    int colon = text.indexOf(": ");
                    if (colon >= 0) {
                        what = text.substring(0, colon).strip();
                        hint = text.substring(colon + 2).strip();
                    }
                    out.append(indent).append("// TODO").append(hint.isEmpty() ? "" : ": " + hint).append('\n');
                    out.append(indent).append("throw new UnsupportedOperationException(\"not written yet")
                            .append(what.isEmpty() ? "" : ": " + what.replace("\\", "\\\\").replace("\"", "\\\"")).append("\");\n");
                }
                continue;
            }
            if (END.matcher(line).matches()) {
                if (!inside) throw new IOException(name + ":" + (i + 1) + ": END SOLUTION without BEGIN SOLUTION");
                inside = false;
                // a removed helper leaves no double blank line, nor a blank line before the closing brace
                if (remove && i + 1 < lines.length && out.toString().endsWith("\n\n")) {
                    if (lines[i + 1].strip().equals("}")) out.setLength(out.length() - 1);
                    else if (lines[i + 1].isBlank()) i++;
                }
                continue;
            }
            if (line.contains("BEGIN SOLUTION") || line.contains("END SOLUTION")) {
                throw new IOException(name + ":" + (i + 1) + ": a solution marker must be alone on its line: " + line.strip());
            }
            if (inside) continue;
            out.append(line);
            if (i < lines.length - 1) out.append('\n');
        }
        if (inside) throw new IOException(name + ":" + begunAt + ": BEGIN SOLUTION without END SOLUTION");
        return out.toString();
    }

    /**
     * Rewrites {@code exercises/src} and the notebooks in {@code exercises/notebooks} from {@code solutions}:
     * deletes what is not generated, writes the rest.
     */
    public static int write(Path solutions, Path exercises) throws IOException {
        TreeMap<String, byte[]> files = generate(solutions);
        Path src = exercises.resolve("src");
        if (Files.isDirectory(src)) Grader.deleteQuietly(src);
        for (Path nb : notebooks(exercises)) Files.delete(nb);
        for (var e : files.entrySet()) {
            Path p = exercises.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        return files.size();
    }

    /** The notebooks in {@code exercises/notebooks} (not its sub-folders, such as Jupyter's .ipynb_checkpoints). */
    private static List<Path> notebooks(Path exercises) throws IOException {
        Path dir = exercises.resolve("notebooks");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ipynb") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** The differences between {@code exercises/} and what {@link #generate} makes; empty if in sync. */
    public static List<String> differences(Path solutions, Path exercises) throws IOException {
        TreeMap<String, byte[]> expected = generate(solutions);
        TreeMap<String, byte[]> actual = new TreeMap<>();
        for (Path p : files(exercises.resolve("src"))) actual.put(exercises.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        for (Path p : notebooks(exercises)) actual.put(exercises.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        List<String> out = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>(expected.keySet());
        all.addAll(actual.keySet());
        for (String f : all) {
            byte[] want = expected.get(f), got = actual.get(f);
            String from = f.startsWith("notebooks/") ? "solutions/notebooks" : "solutions/src";
            if (got == null) out.add("exercises/" + f + " is missing");
            else if (want == null) out.add("exercises/" + f + " should not be there (nothing in " + from + " makes it)");
            else if (!Arrays.equals(want, got)) {
                out.add("exercises/" + f + (f.endsWith(".ipynb") && sameWithoutOutputs(want, got)
                        ? " holds outputs or execution counts: the notebooks are committed as generated, without them"
                        : " differs" + firstDifferentLine(want, got)));
            }
        }
        return out;
    }

    /** Whether two notebooks are the same but for what running them adds (outputs, execution counts, the kernel's version). */
    private static boolean sameWithoutOutputs(byte[] a, byte[] b) {
        try {
            return withoutOutputs(a).equals(withoutOutputs(b));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode withoutOutputs(byte[] notebook) throws IOException {
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(notebook);
        for (var cell : root.path("cells")) {
            if (cell instanceof com.fasterxml.jackson.databind.node.ObjectNode c) {
                c.remove("outputs");
                c.remove("execution_count");
            }
        }
        if (root.path("metadata") instanceof com.fasterxml.jackson.databind.node.ObjectNode m) m.remove("language_info");
        return root;
    }

    private static String firstDifferentLine(byte[] want, byte[] got) {
        String[] a = new String(want, StandardCharsets.UTF_8).split("\n", -1);
        String[] b = new String(got, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(end of file)";
            String y = i < b.length ? b[i] : "(end of file)";
            if (!x.equals(y)) return " at line " + (i + 1) + ":\n    generated: " + x.strip() + "\n    committed: " + y.strip();
        }
        return "";
    }
}
