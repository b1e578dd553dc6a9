package tlslab.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import tlslab.exercises.check.Exercise;

/**
 * One submission's grade and the files that carry it: results.json, junit.xml (made by {@link TestRun}
 * while the tests ran; null: none), summary.txt and summary.html.
 */
record Report(String submission, List<TestResult> tests, String notes, double seconds, String sandbox, String junitXml) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    Report {
        // the folder's name and the notes (compiler messages quote the source) are the student's
        submission = Text.clean(submission);
        notes = Text.cut(Text.clean(notes), TestResult.MAX_OUTPUT);
        sandbox = Text.clean(sandbox);
        tests = List.copyOf(tests);
    }

    int score() {
        return tests.stream().mapToInt(TestResult::points).sum();
    }

    int maxScore() {
        return tests.stream().mapToInt(TestResult::maxPoints).sum();
    }

    /** Points per exercise: {earned, max}. */
    Map<Exercise, int[]> byExercise() {
        Map<Exercise, int[]> m = new LinkedHashMap<>();
        for (TestResult t : tests) {
            int[] s = m.computeIfAbsent(t.exercise(), e -> new int[2]);
            s[0] += t.points();
            s[1] += t.maxPoints();
        }
        return m;
    }

    /** Writes the reports; results.json last, so that a failure on the way never leaves a grade behind. */
    void write(Path dir, String hiddenVisibility) throws IOException {
        Files.createDirectories(dir);
        if (junitXml != null) writeAtomically(dir.resolve("junit.xml"), junitXml);
        writeAtomically(dir.resolve("summary.txt"), table());
        writeAtomically(dir.resolve("summary.html"), html());
        writeAtomically(dir.resolve("results.json"), gradescope(hiddenVisibility));
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/). */
    String gradescope(String hiddenVisibility) throws IOException {
        ObjectNode j = JSON.createObjectNode();
        j.put("score", score());
        j.put("execution_time", Math.round(seconds));
        j.put("output", headline() + (notes.isEmpty() ? "" : "\n\n" + notes));
        j.put("stdout_visibility", "hidden");
        j.putObject("extra_data").put("max_score", maxScore()).put("sandbox", sandbox);
        ArrayNode list = j.putArray("tests");
        for (TestResult t : tests) {
            ObjectNode o = list.addObject();
            o.put("name", t.fullName());
            o.put("number", t.number());
            o.put("score", t.points());
            o.put("max_score", t.maxPoints());
            o.put("status", t.passed() ? "passed" : "failed");
            o.put("output", t.passed() ? "passed" + (t.output().isBlank() ? "" : "\n\n" + t.output()) : t.output());
            o.put("output_format", "text");
            o.putArray("tags").add(t.exercise() == null ? "other" : t.exercise().id());
            o.put("visibility", t.hidden() ? hiddenVisibility : "visible");
        }
        return JSON.writeValueAsString(j) + "\n";
    }

    String headline() {
        return String.format(Locale.ROOT, "%d of %d points (%.0f%%) — %d of %d tests passed", score(), maxScore(),
                maxScore() == 0 ? 0.0 : 100.0 * score() / maxScore(), tests.stream().filter(TestResult::passed).count(), tests.size());
    }

    /** The terminal table: per exercise, then every failed test with the first line of its message. */
    String table() {
        StringBuilder s = new StringBuilder();
        s.append("Submission: ").append(submission).append('\n');
        s.append(String.format("%-52s %8s%n", "Exercise", "Points"));
        for (Map.Entry<Exercise, int[]> e : byExercise().entrySet()) {
            String title = e.getKey() == null ? "(other)" : e.getKey().label();
            s.append(String.format("%-52s %4d/%-3d%s%n", Text.cut(title, 52), e.getValue()[0], e.getValue()[1],
                    e.getValue()[0] == e.getValue()[1] ? "" : "  ✗"));
        }
        s.append(String.format("%-52s %4d/%-3d%n", "Total", score(), maxScore()));
        if (tests.stream().anyMatch(t -> !t.passed())) s.append("\nFailed tests:\n");
        for (TestResult t : tests) {
            if (t.passed()) continue;
            s.append(String.format("  %-5s %s%s: %s%n", t.number(), Text.cut(t.name(), 60), t.hidden() ? " (hidden)" : "",
                    Text.line(t.output(), 110)));
        }
        if (!notes.isEmpty()) s.append('\n').append(notes).append('\n');
        s.append(String.format(Locale.ROOT, "%n%s; graded in %.1f s (sandbox: %s)%n", headline(), seconds, sandbox));
        return s.toString();
    }

    String html() {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(esc(submission)).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}"
                        + ".pass{color:#176317}.fail{color:#a11}pre{white-space:pre-wrap;margin:0;font-size:90%}</style></head><body>\n");
        h.append("<h1>").append(esc(submission)).append("</h1>\n<p><b>").append(esc(headline())).append("</b> — graded in ")
                .append(String.format(Locale.ROOT, "%.1f", seconds)).append(" s, sandbox: ").append(esc(sandbox)).append("</p>\n");
        if (!notes.isEmpty()) h.append("<pre>").append(esc(notes)).append("</pre>\n");
        h.append("<table><tr><th>Exercise</th><th>Points</th></tr>\n");
        for (Map.Entry<Exercise, int[]> e : byExercise().entrySet()) {
            h.append("<tr><td>").append(esc(e.getKey() == null ? "(other)" : e.getKey().label())).append("</td><td class=\"")
                    .append(e.getValue()[0] == e.getValue()[1] ? "pass" : "fail").append("\">").append(e.getValue()[0]).append(" / ")
                    .append(e.getValue()[1]).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Tests</h2>\n<table><tr><th>#</th><th>Test</th><th>Visibility</th><th>Points</th><th>Result</th></tr>\n");
        for (TestResult t : tests) {
            h.append("<tr><td>").append(esc(t.number())).append("</td><td>").append(esc(t.fullName())).append("</td><td>")
                    .append(t.hidden() ? "hidden" : "visible").append("</td><td>").append(t.points()).append(" / ").append(t.maxPoints())
                    .append("</td><td class=\"").append(t.passed() ? "pass\">pass" : "fail\">fail<pre>" + esc(t.output()) + "</pre>")
                    .append("</td></tr>\n");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
