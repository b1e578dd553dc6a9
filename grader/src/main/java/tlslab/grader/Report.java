package tlslab.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tlslab.exercises.check.Exercise;

/** One submission's grade and the files that carry it: results.json, junit.xml, summary.txt and summary.html. */
record Report(String submission, List<TestResult> tests, String notes, double seconds, String sandbox) {

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

    void write(Path dir, String hiddenVisibility) throws IOException {
        Files.createDirectories(dir);
        writeAtomically(dir.resolve("results.json"), gradescope(hiddenVisibility));
        writeAtomically(dir.resolve("junit.xml"), junitXml());
        writeAtomically(dir.resolve("summary.txt"), table(true));
        writeAtomically(dir.resolve("summary.html"), html());
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/). */
    String gradescope(String hiddenVisibility) {
        Json j = new Json();
        j.open('{');
        j.field("score").number(score());
        j.field("execution_time").number(Math.round(seconds));
        j.field("output").string(headline() + (notes.isEmpty() ? "" : "\n\n" + notes));
        j.field("stdout_visibility").string("hidden");
        j.field("extra_data").open('{');
        j.field("max_score").number(maxScore());
        j.field("sandbox").string(sandbox);
        j.close('}');
        j.field("tests").open('[');
        for (TestResult t : tests) {
            j.open('{');
            j.field("name").string(t.fullName());
            j.field("number").string(t.number());
            j.field("score").number(t.points());
            j.field("max_score").number(t.maxPoints());
            j.field("status").string(t.passed() ? "passed" : "failed");
            j.field("output").string(t.passed() ? "passed" + (t.output().isBlank() ? "" : "\n\n" + t.output()) : t.output());
            j.field("output_format").string("text");
            j.field("tags").open('[').string(t.exercise() == null ? "other" : t.exercise().id()).close(']');
            j.field("visibility").string(t.hidden() ? hiddenVisibility : "visible");
            j.close('}');
        }
        j.close(']');
        j.close('}');
        return j.toString() + "\n";
    }

    String headline() {
        return String.format(Locale.ROOT, "%d of %d points (%.0f%%) — %d of %d tests passed", score(), maxScore(),
                maxScore() == 0 ? 0.0 : 100.0 * score() / maxScore(), tests.stream().filter(TestResult::passed).count(), tests.size());
    }

    /** JUnit's XML report (one testsuite per test class); points and visibility go in properties. */
    String junitXml() {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long failures = tests.stream().filter(t -> !t.passed()).count();
        x.append(String.format(Locale.ROOT, "<testsuites name=\"%s\" tests=\"%d\" failures=\"%d\" time=\"%.3f\">\n",
                xml(submission), tests.size(), failures, seconds));
        Map<String, List<TestResult>> byClass = new LinkedHashMap<>();
        for (TestResult t : tests) byClass.computeIfAbsent(t.className(), c -> new java.util.ArrayList<>()).add(t);
        for (Map.Entry<String, List<TestResult>> e : byClass.entrySet()) {
            List<TestResult> ts = e.getValue();
            x.append(String.format(Locale.ROOT, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" time=\"%.3f\">\n", xml(e.getKey()),
                    ts.size(), ts.stream().filter(t -> !t.passed()).count(), ts.stream().mapToDouble(TestResult::seconds).sum()));
            for (TestResult t : ts) {
                x.append(String.format(Locale.ROOT, "    <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">\n", xml(t.className()),
                        xml(t.name()), t.seconds()));
                x.append("      <properties><property name=\"points\" value=\"").append(t.points())
                        .append("\"/><property name=\"max_points\" value=\"").append(t.maxPoints())
                        .append("\"/><property name=\"visibility\" value=\"").append(t.hidden() ? "hidden" : "visible")
                        .append("\"/></properties>\n");
                if (!t.passed()) {
                    x.append("      <failure message=\"").append(xml(TestRun.firstLine(t.output()))).append("\">")
                            .append(xml(t.output())).append("</failure>\n");
                }
                x.append("    </testcase>\n");
            }
            x.append("  </testsuite>\n");
        }
        return x.append("</testsuites>\n").toString();
    }

    /** The terminal table: per exercise, then every failed test with the first line of its message. */
    String table(boolean withFailures) {
        StringBuilder s = new StringBuilder();
        s.append("Submission: ").append(submission).append('\n');
        s.append(String.format("%-52s %8s%n", "Exercise", "Points"));
        for (Map.Entry<Exercise, int[]> e : byExercise().entrySet()) {
            String title = e.getKey() == null ? "(other)" : e.getKey().label();
            s.append(String.format("%-52s %4d/%-3d%s%n", cut(title, 52), e.getValue()[0], e.getValue()[1],
                    e.getValue()[0] == e.getValue()[1] ? "" : "  ✗"));
        }
        s.append(String.format("%-52s %4d/%-3d%n", "Total", score(), maxScore()));
        if (withFailures) {
            boolean first = true;
            for (TestResult t : tests) {
                if (t.passed()) continue;
                if (first) s.append("\nFailed tests:\n");
                first = false;
                s.append(String.format("  %-5s %s%s: %s%n", t.number(), cut(t.name(), 60), t.hidden() ? " (hidden)" : "",
                        cut(TestRun.firstLine(t.output()), 110)));
            }
        }
        if (!notes.isEmpty()) s.append('\n').append(notes).append('\n');
        s.append(String.format(Locale.ROOT, "%n%s; graded in %.1f s (sandbox: %s)%n", headline(), seconds, sandbox));
        return s.toString();
    }

    static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
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

    static String xml(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') b.append('?');   // not allowed in XML 1.0
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }
}
