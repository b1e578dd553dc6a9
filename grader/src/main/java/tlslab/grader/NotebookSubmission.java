package tlslab.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import tlslab.exercises.check.Exercise;

/**
 * A submission's notebooks turned into the exercise classes the grader compiles. The cell tagged
 * {@value NotebookGenerator#TAG} holds an exercise's class as {@link NotebookGenerator} wrote it:
 * everything of {@code Class.java} but the package line. The grader writes
 * {@code tlslab/exercises/exNN/Class.java} as that package line, on the same line JShell's default
 * imports (the notebook's code can use {@code List} without importing it), then the cell, so that
 * line L of the cell is line L + 1 of the file and the compiler's messages can name the cell's lines.
 *
 * <p>A submission is a notebook, or a folder holding notebooks (anywhere but in hidden folders such
 * as {@code .ipynb_checkpoints}) and perhaps {@code .java} files. When an exercise is in a notebook
 * and in a {@code .java} file, the one with fewer unwritten TODOs is graded (the notebook on a tie),
 * and the report says so; an unchanged copy of the class in a notebook yields to the file.
 * Everything wrong with a notebook becomes a message naming the notebook and the cell, never an
 * exception: a notebook that is not JSON, not nbformat 4, without a tagged cell, with two tagged
 * cells for one exercise, or with a tagged cell that does not declare the exercise's class.
 */
final class NotebookSubmission {
    static final long MAX_NOTEBOOK_BYTES = 16L << 20;
    static final long MAX_TOTAL_BYTES = 64L << 20;
    static final int MAX_NOTEBOOKS = 100;
    static final String NOT_WRITTEN = "not written yet";
    /** What JShell imports by itself, so code that compiles in the notebook compiles here too. */
    static final String JSHELL_IMPORTS = "import java.io.*; import java.math.*; import java.net.*; import java.nio.file.*;"
            + " import java.util.*; import java.util.concurrent.*; import java.util.function.*; import java.util.prefs.*;"
            + " import java.util.regex.*; import java.util.stream.*;";
    private static final Pattern NAME_NUMBER = Pattern.compile("^(\\d\\d)-.*\\.ipynb$");
    private static final Pattern PACKAGE_LINE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;\\s*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a generated source came from. {@code cell} counts every cell of the notebook from 1. */
    record Origin(String notebook, int cell) {
    }

    /**
     * What to compile ({@code folder}: the submission itself when it has no notebooks), a problem that
     * leaves nothing to grade ({@code fatal}, or null), exercises that are not graded and why, notes for
     * the report, and the origins of the sources made from notebooks (by path under the source root).
     */
    record Prepared(Path folder, String fatal, Map<Exercise, String> problems, List<String> notes, Map<String, Origin> origins) {
        static Prepared asItIs(Path submission) {
            return new Prepared(submission, null, Map.of(), List.of(), Map.of());
        }

        /** The compiler's messages with the sources made from notebooks named by notebook, cell and line. */
        String explain(String message) {
            String out = message;
            for (Map.Entry<String, Origin> o : origins.entrySet()) {
                Matcher m = Pattern.compile(Pattern.quote(o.getKey()) + ":(\\d+):").matcher(out);
                StringBuilder s = new StringBuilder();
                while (m.find()) {
                    int line = Math.max(1, Integer.parseInt(m.group(1)) - 1);
                    m.appendReplacement(s, Matcher.quoteReplacement(o.getValue().notebook() + ", cell " + o.getValue().cell()
                            + " (tagged " + NotebookGenerator.TAG + "), line " + line + ":"));
                }
                m.appendTail(s);
                out = s.toString();
            }
            return out;
        }

        /** The compiler's result, explained. */
        SourceCompiler.Result explain(SourceCompiler.Result r) {
            if (origins.isEmpty()) return r;
            Map<String, String> errors = new LinkedHashMap<>();
            r.errors().forEach((file, text) -> errors.put(file, explain(text)));
            return new SourceCompiler.Result(errors, r.fatal() == null ? null : explain(r.fatal()));
        }
    }

    /** One tagged cell. */
    private record Tagged(Exercise exercise, String notebook, int cell, String source) {
        String where() {
            return notebook + ", cell " + cell;
        }
    }

    private NotebookSubmission() {
    }

    /** Reads the submission's notebooks, if any, and lays out what to compile in {@code work}. */
    static Prepared prepare(Path submission, Path work) throws IOException {
        List<Path> notebooks;
        Path base;
        Path javaRoot = null;
        String fileName = submission.getFileName() == null ? "" : submission.getFileName().toString();
        if (Files.isSymbolicLink(submission)) return Prepared.asItIs(submission);   // refused, naming the link, when compiled
        if (Files.isRegularFile(submission, LinkOption.NOFOLLOW_LINKS)) {
            if (!fileName.toLowerCase(Locale.ROOT).endsWith(".ipynb")) {
                return new Prepared(submission, fileName + " is neither a folder nor a notebook (.ipynb): hand in the exercises"
                        + " folder, .java files in a folder, or notebooks", Map.of(), List.of(), Map.of());
            }
            notebooks = List.of(submission);
            base = submission.getParent();
        } else if (Files.isDirectory(submission, LinkOption.NOFOLLOW_LINKS)) {
            if (SourceCompiler.firstSymlink(submission) != null) return Prepared.asItIs(submission);
            notebooks = find(submission);
            if (notebooks.isEmpty()) return Prepared.asItIs(submission);
            base = submission;
            javaRoot = SourceCompiler.sourceRoot(submission);
        } else {
            return Prepared.asItIs(submission);
        }
        if (notebooks.size() > MAX_NOTEBOOKS) {
            return new Prepared(submission, "the submission holds " + notebooks.size() + " notebooks; the grader reads at most "
                    + MAX_NOTEBOOKS, Map.of(), List.of(), Map.of());
        }

        List<String> notes = new ArrayList<>();
        Map<Exercise, List<String>> trouble = new EnumMap<>(Exercise.class);   // per exercise: what is wrong with its notebook
        Map<Exercise, List<Tagged>> cells = new EnumMap<>(Exercise.class);
        long total = 0;
        for (Path nb : notebooks) {
            String name = base.relativize(nb).toString().replace('\\', '/');
            try {
                total += Files.size(nb);
                if (total > MAX_TOTAL_BYTES) {
                    notes.add(name + " and the notebooks after it were not read: together the notebooks are over "
                            + (MAX_TOTAL_BYTES >> 20) + " MB (clear their outputs)");
                    break;
                }
                read(nb, name, cells, trouble, notes);
            } catch (IOException | RuntimeException | StackOverflowError e) {   // unreadable: a message, never a crash
                notes.add(name + " could not be read: " + Text.line(String.valueOf(e.getMessage()), 200));
            }
        }

        Map<Exercise, Path> javaFiles = new EnumMap<>(Exercise.class);
        List<Path> javaSources = javaRoot == null ? List.of() : SourceCompiler.sources(javaRoot);
        for (Path rel : javaSources) {
            for (Exercise e : Exercise.values()) {
                if (javaFiles.containsKey(e) || !rel.getFileName().toString().equals(simpleName(e) + ".java")) continue;
                String text = readText(javaRoot.resolve(rel));
                if (text != null && text.contains("package " + e.packageName() + ";")) javaFiles.put(e, rel);
            }
        }

        Map<Exercise, String> problems = new EnumMap<>(Exercise.class);
        Map<String, String> generated = new LinkedHashMap<>();
        Map<String, Origin> origins = new LinkedHashMap<>();
        List<Path> leftOut = new ArrayList<>();
        for (Exercise e : Exercise.values()) {
            List<Tagged> tagged = cells.getOrDefault(e, List.of());
            Path java = javaFiles.get(e);
            String javaName = java == null ? null : base.relativize(javaRoot.resolve(java)).toString().replace('\\', '/');
            String problem = null;
            if (tagged.size() > 1) {
                problem = "exercise " + e.number + " was not graded: " + tagged.size() + " cells are tagged " + NotebookGenerator.TAG
                        + " for it (" + tagged.stream().map(Tagged::where).collect(Collectors.joining(", ")) + "). Keep your code in"
                        + " one of them and take the tag off the others (a copied cell keeps its tags).";
                if (java != null) leftOut.add(java);   // which of the three is meant is anyone's guess: none is graded
                problems.put(e, problem);
                continue;
            }
            if (tagged.size() == 1) {
                Tagged t = tagged.get(0);
                Pattern declares = Pattern.compile("\\b(class|record|enum)\\s+" + Pattern.quote(simpleName(e)) + "\\b");
                if (!declares.matcher(withoutComments(t.source())).find()) {
                    problem = "exercise " + e.number + " was not graded: " + t.where() + " (tagged " + NotebookGenerator.TAG
                            + ") does not declare class " + simpleName(e) + ", which is what the grader grades: keep the class's"
                            + " name as the notebook gave it";
                } else {
                    if (java != null) {
                        String javaText = readText(javaRoot.resolve(java));
                        if (javaText != null && same(NotebookGenerator.classCell(javaText), t.source())) continue;   // an untouched copy
                        int inCell = count(t.source()), inFile = javaText == null ? Integer.MAX_VALUE : count(javaText);
                        if (inCell > inFile) {
                            notes.add("exercise " + e.number + ": graded " + javaName + ", not " + t.where() + " (the file has fewer"
                                    + " unwritten TODOs: " + inFile + " against " + inCell + ")");
                            continue;
                        }
                        notes.add("exercise " + e.number + ": graded " + t.where() + " (tagged " + NotebookGenerator.TAG + "), not "
                                + javaName + " (the notebook has " + (inCell == inFile ? "as few" : "fewer") + " unwritten TODOs: "
                                + inCell + " against " + inFile + ")");
                        leftOut.add(java);
                    }
                    String path = e.implementation.replace('.', '/') + ".java";
                    generated.put(path, source(e, t.source()));
                    origins.put(path, new Origin(t.notebook(), t.cell()));
                    continue;
                }
            }
            List<String> wrong = new ArrayList<>(trouble.getOrDefault(e, List.of()));
            if (problem != null) wrong.add(0, problem);
            if (wrong.isEmpty()) continue;
            if (java != null) {
                notes.add(String.join("\n", wrong) + "\n(exercise " + e.number + " was graded from " + javaName + ")");
            } else {
                String why = String.join("\n", wrong);
                problems.put(e, why.startsWith("exercise ") ? why : "exercise " + e.number + " was not graded: " + why);
            }
        }

        Path folder = work.resolve("from-notebooks");
        Path src = Files.createDirectories(folder.resolve("src/main/java"));
        int files = 0;
        for (Path rel : javaSources) {
            if (leftOut.contains(rel) || generated.containsKey(rel.toString().replace('\\', '/'))) continue;
            Path to = src.resolve(rel.toString());
            Files.createDirectories(to.getParent());
            Files.copy(javaRoot.resolve(rel), to, LinkOption.NOFOLLOW_LINKS);
            files++;
        }
        for (Map.Entry<String, String> g : generated.entrySet()) {
            Path to = src.resolve(g.getKey());
            Files.createDirectories(to.getParent());
            Files.writeString(to, g.getValue(), StandardCharsets.UTF_8);
            files++;
        }
        if (files == 0) {
            List<String> all = new ArrayList<>();
            problems.values().forEach(w -> all.add(w.replaceFirst("^exercise \\d+ was not graded: ", "")));
            all.addAll(notes);
            String why = all.isEmpty() ? "no cell tagged " + NotebookGenerator.TAG + " and no .java files found" : String.join("\n", all);
            return new Prepared(folder, "nothing to grade in " + fileName + ":\n" + why, Map.of(), List.of(), Map.of());
        }
        return new Prepared(folder, null, problems, notes, origins);
    }

    /** The notebooks in a folder: regular files, not in hidden folders (Jupyter keeps old copies in .ipynb_checkpoints). */
    private static List<Path> find(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder, 30)) {
            return walk.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ipynb"))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> {
                        for (Path part : folder.relativize(p)) if (part.toString().startsWith(".")) return false;
                        return true;
                    })
                    .sorted().toList();
        }
    }

    /** Reads one notebook: its tagged cells into {@code cells}, what is wrong with it into {@code trouble} or {@code notes}. */
    private static void read(Path file, String name, Map<Exercise, List<Tagged>> cells, Map<Exercise, List<String>> trouble,
                             List<String> notes) throws IOException {
        Exercise guess = null;
        Matcher byName = NAME_NUMBER.matcher(file.getFileName().toString());
        if (byName.matches()) {
            try {
                guess = Exercise.number(Integer.parseInt(byName.group(1)));
            } catch (IllegalArgumentException ignored) {
                // not an exercise's number: the notebook's metadata or cells may say
            }
        }
        long size = Files.size(file);
        if (size > MAX_NOTEBOOK_BYTES) {
            complain(guess, name + " is too big to read (" + size / (1 << 20) + " MB; at most " + (MAX_NOTEBOOK_BYTES >> 20)
                    + " MB): clear its outputs (Edit → Clear Outputs of All Cells), save it and hand it in again", trouble, notes);
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            complain(guess, name + " is not a notebook: it is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ": " + jsonProblem(e) + ")")
                    + ". Was it saved completely? Open it in Jupyter: if it opens, save it again; if not, copy your code into a"
                    + " fresh copy of the exercise's notebook", trouble, notes);
            return;
        }
        if (root == null || !root.isObject()) {
            complain(guess, name + " is not a notebook: its JSON is not an object with cells", trouble, notes);
            return;
        }
        JsonNode tl = root.path("metadata").path("tlslab").path("exercise");
        Exercise declared = exercise(tl);
        if (declared != null) guess = declared;
        JsonNode format = root.get("nbformat");
        if (format == null || !format.canConvertToInt() || format.asInt() != 4) {
            complain(guess, name + " is " + (format == null ? "not a Jupyter notebook (no nbformat)" : "in notebook format "
                    + Text.line(format.toString(), 20)) + "; the grader reads nbformat 4, what Jupyter (Notebook 4 and later,"
                    + " JupyterLab) saves: open it in JupyterLab, save it, and hand it in again", trouble, notes);
            return;
        }
        JsonNode list = root.get("cells");
        if (list == null || !list.isArray()) {
            complain(guess, name + " is not a notebook: it has no list of cells", trouble, notes);
            return;
        }
        int found = 0;
        for (int i = 0; i < list.size(); i++) {
            JsonNode cell = list.get(i);
            boolean tagged = false;
            for (JsonNode tag : cell.path("metadata").path("tags")) tagged |= NotebookGenerator.TAG.equals(tag.asText());
            if (!tagged) continue;
            String where = name + ", cell " + (i + 1);
            if (!"code".equals(cell.path("cell_type").asText())) {
                notes.add(where + " is tagged " + NotebookGenerator.TAG + " but is a " + Text.line(cell.path("cell_type").asText("?"), 20)
                        + " cell, not code: it was left out");
                continue;
            }
            String source = source(cell.get("source"));
            if (source == null) {
                complain(guess, where + " (tagged " + NotebookGenerator.TAG + ") has no readable source (it should be text)", trouble, notes);
                continue;
            }
            Exercise e = exercise(cell.path("metadata").path("tlslab").path("exercise"));
            if (e == null) e = declared;
            if (e == null) e = byClassName(source);
            if (e == null) e = guess;
            if (e == null) {
                notes.add(where + " is tagged " + NotebookGenerator.TAG + ", but it is not clear which exercise it is: it declares"
                        + " none of the exercises' classes, and neither the notebook nor the cell says (it was left out)");
                continue;
            }
            cells.computeIfAbsent(e, x -> new ArrayList<>()).add(new Tagged(e, name, i + 1, source));
            found++;
        }
        if (found == 0) {
            complain(guess, name + " has no code cell tagged " + NotebookGenerator.TAG + " (the tag marks the cell the grader takes)."
                    + " Put the tag back on the cell with your class (JupyterLab: select the cell, open the gear icon in the right"
                    + " sidebar, add the tag " + NotebookGenerator.TAG + "), or copy your class into a fresh copy of the"
                    + " exercise's notebook", trouble, notes);
        }
    }

    /** Jackson's message without its pointers into the parser's source ("start marker at [Source: …"). */
    private static String jsonProblem(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        int cut = m.indexOf(" (start marker at");
        if (cut < 0) cut = m.indexOf(" at [Source");
        if (cut >= 0) m = m.substring(0, cut);
        return Text.line(m, 120);
    }

    private static void complain(Exercise e, String what, Map<Exercise, List<String>> trouble, List<String> notes) {
        if (e != null) trouble.computeIfAbsent(e, x -> new ArrayList<>()).add(what);
        else notes.add(what);
    }

    private static Exercise exercise(JsonNode n) {
        if (n == null || !n.canConvertToInt()) return null;
        try {
            return Exercise.number(n.asInt());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Exercise byClassName(String source) {
        String code = withoutComments(source);
        for (Exercise e : Exercise.values()) {
            if (Pattern.compile("\\bclass\\s+" + Pattern.quote(simpleName(e)) + "\\b").matcher(code).find()) return e;
        }
        return null;
    }

    /** A cell's source: a string, or a list of strings (Jupyter's lines); null if neither. */
    private static String source(JsonNode n) {
        if (n == null) return null;
        if (n.isTextual()) return n.textValue();
        if (!n.isArray()) return null;
        StringBuilder s = new StringBuilder();
        for (JsonNode line : n) {
            if (!line.isTextual()) return null;
            s.append(line.textValue());
        }
        return s.toString();
    }

    /** The Java file: package and JShell's imports on line 1, the cell from line 2 on (a package line in it blanked). */
    static String source(Exercise e, String cell) {
        String[] lines = cell.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PACKAGE_LINE.matcher(lines[i]);
            if (m.matches() && m.group(1).equals(e.packageName())) {
                lines[i] = "";
                break;
            }
        }
        return "package " + e.packageName() + "; " + JSHELL_IMPORTS + "\n" + String.join("\n", lines) + "\n";
    }

    static String simpleName(Exercise e) {
        return e.implementation.substring(e.implementation.lastIndexOf('.') + 1);
    }

    private static int count(String text) {
        int n = 0;
        for (int i = text.indexOf(NOT_WRITTEN); i >= 0; i = text.indexOf(NOT_WRITTEN, i + 1)) n++;
        return n;
    }

    private static boolean same(String a, String b) {
        return normal(a).equals(normal(b));
    }

    private static String normal(String s) {
        return s.replace("\r\n", "\n").lines().map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
    }

    /** Rough: block and line comments out (so a Javadoc that mentions a class does not count as declaring it). */
    private static String withoutComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
    }

    private static String readText(Path p) {
        try {
            if (Files.size(p) > SourceCompiler.MAX_BYTES) return null;
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {   // not UTF-8, unreadable: it is compiled (and reported) as it is
            return null;
        }
    }
}
