package tlslab.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import tlslab.exercises.check.Exercise;

/**
 * Makes the exercise notebooks ({@code exercises/notebooks/NN-name.ipynb}) from their templates
 * ({@code solutions/notebooks/NN-name.md}, see the README there) and the exercise classes: the cell
 * tagged {@value #TAG} holds the exercise's class as {@link ExerciseGenerator} wrote it for
 * {@code exercises/src} (its TODO stubs), without the package line, which the grader puts back
 * ({@link NotebookSubmission}). With {@code solved}, that cell holds the reference solution instead
 * (for tests, and for instructors who want to see every check pass).
 */
final class NotebookGenerator {
    /** The tag of the cell the student writes in, and the grader takes. */
    static final String TAG = "solution";
    static final String TEMPLATES = "notebooks";
    static final Pattern TEMPLATE_NAME = Pattern.compile("(\\d\\d)-[a-z0-9-]+\\.md");
    static final Pattern CELL = Pattern.compile("^<!-- cell: (markdown|setup|solution|check|code)( raises-exception)? -->\\s*$");
    static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+[\\w.]+\\s*;\\s*$");
    static final Pattern JUNIT = Pattern.compile("<junit\\.version>(5)\\.(\\d+\\.\\d+)</junit\\.version>");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private NotebookGenerator() {
    }

    /**
     * The notebooks, as paths under {@code exercises/} ("notebooks/05-prf.ipynb") to their bytes.
     * {@code classes}: each exercise's class source for its cell, by exercise.
     */
    static TreeMap<String, byte[]> generate(Path solutions, Map<Exercise, String> classes) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        Path dir = solutions.resolve(TEMPLATES);
        if (!Files.isDirectory(dir)) return out;
        String handIn = Files.readString(dir.resolve("hand-in.md"), StandardCharsets.UTF_8);
        String[] junit = junitVersions(solutions.toAbsolutePath().normalize().getParent().resolve("pom.xml"));
        List<Path> templates;
        try (Stream<Path> s = Files.list(dir)) {
            templates = s.filter(p -> TEMPLATE_NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        for (Path t : templates) {
            String file = t.getFileName().toString();
            Exercise e;
            try {
                e = Exercise.number(Integer.parseInt(file.substring(0, 2)));
            } catch (IllegalArgumentException x) {
                throw new IOException("solutions/notebooks/" + file + ": " + x.getMessage());
            }
            String source = classes.get(e);
            if (source == null) throw new IOException("solutions/notebooks/" + file + ": no class for exercise " + e.number);
            String name = file.replace(".md", ".ipynb");
            ObjectNode nb = notebook(e, name, Files.readString(t, StandardCharsets.UTF_8), handIn, classCell(source), junit);
            out.put("notebooks/" + name, json(nb).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The class as the notebook shows it: the source without its package line (and the blank lines after it). */
    static String classCell(String source) {
        String[] lines = source.split("\n", -1);
        int i = 0;
        while (i < lines.length && !PACKAGE.matcher(lines[i]).matches()) i++;
        if (i == lines.length) i = -1;   // no package line: everything
        int from = i + 1;
        while (from < lines.length && lines[from].isBlank()) from++;
        return String.join("\n", List.of(lines).subList(from, lines.length)).stripTrailing();
    }

    /** A reference solution with its region markers taken out (the code between them stays). */
    static String solved(String source) {
        StringBuilder out = new StringBuilder();
        for (String line : source.split("\n", -1)) {
            if (ExerciseGenerator.BEGIN.matcher(line).matches() || ExerciseGenerator.END.matcher(line).matches()) continue;
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** {"5.14.4", "1.14.4"}: JUnit Jupiter's version in the course's pom, and the platform's that goes with it. */
    private static String[] junitVersions(Path pom) throws IOException {
        Matcher m = JUNIT.matcher(Files.exists(pom) ? Files.readString(pom, StandardCharsets.UTF_8) : "");
        if (!m.find()) throw new IOException(pom + ": no <junit.version>5.x.y</junit.version> (the notebooks load that JUnit)");
        return new String[] {m.group(1) + "." + m.group(2), "1." + m.group(2)};
    }

    private static ObjectNode notebook(Exercise e, String name, String template, String handIn, String classCell, String[] junit)
            throws IOException {
        String simple = e.implementation.substring(e.implementation.lastIndexOf('.') + 1);
        Map<String, String> vars = Map.of("{N}", String.valueOf(e.number), "{NN}", e.id().substring(2), "{class}", simple,
                "{file}", "exercises/src/main/java/" + e.implementation.replace('.', '/') + ".java", "{test}", simple + "Test",
                "{notebook}", name);
        ArrayNode cells = JSON.arrayNode();
        String kind = null;
        boolean raises = false;
        StringBuilder text = new StringBuilder();
        int[] count = new int[5];   // markdown cells, setup, solution, check, code cells
        List<String> lines = new ArrayList<>(List.of(template.split("\n", -1)));
        lines.add("<!-- cell: end -->");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = CELL.matcher(line);
            boolean end = i == lines.size() - 1;
            if (!m.matches() && !end) {
                if (kind == null && !line.isBlank()) throw new IOException(name + ": text before the first <!-- cell: … --> line");
                text.append(line).append('\n');
                continue;
            }
            if (kind != null) {
                String body = fill(text.toString().strip(), vars);
                String id = e.id() + "-" + kind + "-" + (cells.size() + 1);
                switch (kind) {
                    case "markdown" -> {
                        if (count[0]++ == 0) body = body + "\n" + fill(handIn.stripTrailing(), vars);
                        cells.add(markdown(id, body));
                    }
                    case "setup" -> {
                        count[1]++;
                        cells.add(code(e.id() + "-setup", String.join("\n",
                                "%maven tlslab:tlslab-lib:1.0-SNAPSHOT",
                                "%maven tlslab:tlslab-exercises:jar:tests:1.0-SNAPSHOT",
                                "%maven org.junit.platform:junit-platform-launcher:" + junit[1],
                                "%maven org.junit.jupiter:junit-jupiter-engine:" + junit[0]), JSON.objectNode()));
                    }
                    case "solution" -> {
                        count[2]++;
                        ObjectNode meta = JSON.objectNode();
                        meta.put("deletable", false);
                        ObjectNode nbgrader = meta.putObject("nbgrader");
                        nbgrader.put("grade", false).put("grade_id", e.id() + "-solution").put("locked", false)
                                .put("schema_version", 3).put("solution", true).put("task", false);
                        meta.putArray("tags").add(TAG);
                        meta.putObject("tlslab").put("class", e.implementation).put("exercise", e.number);
                        cells.add(code(e.id() + "-solution", classCell, meta));
                    }
                    case "check" -> {
                        count[3]++;
                        cells.add(markdown(e.id() + "-check-text", fill("""
                                ## Check

                                Runs exercise {N}'s visible tests (`{test}`, the same as in `exercises/`) on a new `{class}`: one
                                line per test with its points; a failing test says what was expected, what your code gave and a
                                hint. After changing your code, run its cell again (**Shift+Enter**), then this one.""", vars)));
                        ObjectNode meta = JSON.objectNode();
                        meta.putArray("tags").add("check");
                        cells.add(code(e.id() + "-check", "var report = tlslab.exercises.check.Check.run(" + e.number + ", new "
                                + simple + "());", meta));
                    }
                    default -> {
                        count[4]++;
                        ObjectNode meta = JSON.objectNode();
                        if (raises) meta.putArray("tags").add("raises-exception");
                        cells.add(code(id, body, meta));
                    }
                }
                text.setLength(0);
            }
            if (!end) {
                kind = m.group(1);
                raises = m.group(2) != null;
            }
        }
        if (count[1] != 1 || count[2] != 1 || count[3] != 1 || count[0] == 0) {
            throw new IOException("solutions/notebooks/" + name.replace(".ipynb", ".md") + ": needs markdown, and exactly one"
                    + " setup, solution and check cell each (has " + count[1] + ", " + count[2] + ", " + count[3] + ")");
        }
        ObjectNode nb = JSON.objectNode();
        nb.set("cells", cells);
        ObjectNode meta = nb.putObject("metadata");
        meta.putObject("kernelspec").put("display_name", "Java (jjava)").put("language", "java").put("name", "java");
        meta.putObject("language_info").put("codemirror_mode", "java").put("file_extension", ".jshell")
                .put("mimetype", "text/x-java-source").put("name", "Java");
        meta.putObject("tlslab").put("exercise", e.number);
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 5);
        return nb;
    }

    private static String fill(String text, Map<String, String> vars) {
        for (Map.Entry<String, String> v : vars.entrySet()) text = text.replace(v.getKey(), v.getValue());
        return text;
    }

    private static ObjectNode markdown(String id, String source) {
        ObjectNode c = JSON.objectNode();
        c.put("cell_type", "markdown").put("id", id);
        c.putObject("metadata");
        c.set("source", lines(source));
        return c;
    }

    private static ObjectNode code(String id, String source, ObjectNode metadata) {
        ObjectNode c = JSON.objectNode();
        c.put("cell_type", "code");
        c.putNull("execution_count");
        c.put("id", id);
        c.set("metadata", metadata);
        c.putArray("outputs");
        c.set("source", lines(source));
        return c;
    }

    /** A cell's source the way Jupyter stores it: lines, each but the last ending with a newline. */
    private static ArrayNode lines(String text) {
        ArrayNode a = JSON.arrayNode();
        String[] ls = text.split("\n", -1);
        for (int i = 0; i < ls.length; i++) a.add(i < ls.length - 1 ? ls[i] + "\n" : ls[i]);
        if (text.isEmpty()) a.removeAll();
        return a;
    }

    /** JSON the way Jupyter writes a notebook (indent 1, keys sorted, UTF-8 as it is), so saving it again changes little. */
    static String json(JsonNode node) {
        StringBuilder s = new StringBuilder();
        write(node, s, 0);
        return s.append('\n').toString();
    }

    private static void write(JsonNode n, StringBuilder s, int depth) {
        if (n.isObject()) {
            if (n.isEmpty()) {
                s.append("{}");
                return;
            }
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                sorted.put(f.getKey(), f.getValue());
            }
            s.append("{\n");
            int k = 0;
            for (Map.Entry<String, JsonNode> f : sorted.entrySet()) {
                s.append(" ".repeat(depth + 1));
                string(f.getKey(), s);
                s.append(": ");
                write(f.getValue(), s, depth + 1);
                s.append(++k < sorted.size() ? ",\n" : "\n");
            }
            s.append(" ".repeat(depth)).append('}');
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                s.append("[]");
                return;
            }
            s.append("[\n");
            for (int i = 0; i < n.size(); i++) {
                s.append(" ".repeat(depth + 1));
                write(n.get(i), s, depth + 1);
                s.append(i < n.size() - 1 ? ",\n" : "\n");
            }
            s.append(" ".repeat(depth)).append(']');
        } else if (n.isTextual()) {
            string(n.textValue(), s);
        } else {
            s.append(n.toString());   // numbers, booleans, null
        }
    }

    private static void string(String text, StringBuilder s) {
        s.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '\b' -> s.append("\\b");
                case '\f' -> s.append("\\f");
                default -> {
                    if (c < 0x20) s.append(String.format("\\u%04x", (int) c));
                    else s.append(c);
                }
            }
        }
        s.append('"');
    }
}
