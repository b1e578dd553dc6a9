package tlslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tlslab.exercises.check.Exercise;

/** {@code ./tlslab grade --batch} and the command line. */
@Timeout(120)
class BatchAndCliTest {

    static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void batchWritesOneCsvRowPerStudent(@TempDir Path dir) throws Exception {
        Path subs = Files.createDirectories(dir.resolve("submissions"));
        Grader.copyTree(Submissions.solutions().resolve("src/main/java"), subs.resolve("alice/src/main/java"));
        Grader.copyTree(Submissions.exercises().resolve("src/main/java"), subs.resolve("bob/src/main/java"));
        Files.createDirectories(subs.resolve("carol"));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = run(out, err, "--batch", subs.toString(), "--out", dir.resolve("out").toString(), "--exercises", "1,6",
                "--call-timeout", "5");
        assertEquals(0, code, err.toString());
        List<String> csv = Files.readAllLines(dir.resolve("out/scores.csv"));
        assertEquals("student,score,max_score,percent,tests_passed,tests,seconds,status,note", csv.get(0));
        assertEquals(4, csv.size(), csv.toString());
        assertTrue(csv.get(1).startsWith("alice,20,20,100.0,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("bob,0,20,0.0,"), csv.get(2));
        assertTrue(csv.get(3).startsWith("carol,0,20,0.0,") && csv.get(3).contains("no .java files"), csv.get(3));
        assertScoresAgree(dir.resolve("out"), 3);
        assertTrue(out.toString().contains("per minute"), out.toString());
    }

    /** scores.csv has one row per student, and each graded row says what the student's results.json says. */
    static void assertScoresAgree(Path out, int students) throws Exception {
        List<String> csv = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals(students + 1, csv.size(), csv.toString());
        for (String row : csv.subList(1, csv.size())) {
            String[] f = row.split(",", -1);
            Path json = out.resolve(f[0]).resolve("results.json");
            if (f[7].equals("grader-error")) {
                assertFalse(Files.exists(json), "a grader-error row, but a results.json with a score: " + row);
                continue;
            }
            assertEquals("graded", f[7], row);
            JsonNode j = new ObjectMapper().readTree(json.toFile());
            assertEquals(Integer.parseInt(f[1]), j.get("score").intValue(), row);
            assertEquals(Integer.parseInt(f[2]), j.get("extra_data").get("max_score").intValue(), row);
        }
    }

    static int deeper(int n) {
        return deeper(n + 1) + 1;
    }

    /**
     * Issue 7: an Error while grading one submission (e.g. OutOfMemoryError reading a huge file) lost
     * rows of scores.csv. Now it is that student's grader-error row, and everyone else is graded.
     */
    @ParameterizedTest(name = "--jobs {0}")
    @ValueSource(ints = {1, 2})
    void anErrorOnOneSubmissionCostsNoOneElseTheirGrade(int jobs, @TempDir Path dir) throws Exception {
        Path subs = Files.createDirectories(dir.resolve("submissions"));
        Grader.copyTree(Submissions.solutions().resolve("src/main/java"), subs.resolve("alice/src/main/java"));
        Grader.copyTree(Submissions.exercises().resolve("src/main/java"), subs.resolve("bob/src/main/java"));
        Grader.copyTree(Submissions.solutions().resolve("src/main/java"), subs.resolve("mallory/src/main/java"));
        Grader.copyTree(Submissions.solutions().resolve("src/main/java"), subs.resolve("trudy/src/main/java"));
        Main.Grading failing = (grader, sub, out) -> {
            String name = sub.getFileName().toString();
            if (name.equals("trudy")) deeper(0);   // a real StackOverflowError
            Report r = grader.grade(sub, out);
            if (name.equals("mallory")) throw new OutOfMemoryError("Java heap space (after results.json was written)");
            return r;
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Path o = dir.resolve("out");
        int code = Main.batch(Grader.Options.defaults().withOnly(EnumSet.of(Exercise.RSA)), subs, o, jobs, failing,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString());
        List<String> csv = Files.readAllLines(o.resolve("scores.csv"));
        assertEquals(5, csv.size(), csv.toString());
        assertTrue(csv.get(1).startsWith("alice,10,10,100.0,6,6,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("bob,0,10,0.0,0,6,"), csv.get(2));
        assertEquals("mallory,,,,,,,grader-error,java.lang.OutOfMemoryError: Java heap space (after results.json was written)", csv.get(3));
        assertEquals("trudy,,,,,,,grader-error,java.lang.StackOverflowError", csv.get(4));
        assertScoresAgree(o, 4);
        assertTrue(err.toString().contains("mallory: GRADER ERROR java.lang.OutOfMemoryError"), err.toString());
        String index = Files.readString(o.resolve("index.html"));
        assertTrue(index.contains("grader-error") && index.contains("alice/summary.html"), index);
    }

    /** Issue 7: escape sequences in a message or a folder name reach neither the terminal nor any report. */
    @Test
    void escapeSequencesReachNoTerminalAndNoReport(@TempDir Path dir) throws Exception {
        String esc = "\u001b";
        Path subs = Files.createDirectories(dir.resolve("submissions"));
        Path eve = subs.resolve("eve" + esc + "[31m" + esc + "]0;title\u0007");
        Grader.copyTree(Submissions.exercises().resolve("src/main/java"), eve.resolve("src/main/java"));
        Path rsa = eve.resolve("src/main/java/tlslab/exercises/ex01/TextbookRsaMath.java");
        // Java unicode escapes in the source: its strings hold the real ESC and BEL
        Files.writeString(rsa, Files.readString(rsa)
                .replace("throw new UnsupportedOperationException(\"not written yet",
                        "System.out.print(\"\\u001b]0;owned\\u0007\\u001b[31mred\"); throw new UnsupportedOperationException("
                                + "\"\\u001b[2J\\u001b[HALL TESTS PASSED \\u202e"));
        // a file that does not compile: javac quotes its line, raw ESC included, in the notes
        Files.writeString(eve.resolve("src/main/java/Broken.java"), "class Broken { int x = \"" + esc + "[2JALL TESTS PASSED\"; }\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Path o = dir.resolve("out");
        assertEquals(0, run(out, err, "--batch", subs.toString(), "--out", o.toString(), "--exercises", "1"), err.toString());
        assertEquals(0, run(out, err, eve.toString(), "--out", dir.resolve("single").toString(), "--exercises", "1"), err.toString());
        List<String> texts = new ArrayList<>(List.of(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)));
        try (Stream<Path> walk = Stream.concat(Files.walk(o), Files.walk(dir.resolve("single")))) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) texts.add(Files.readString(f));
        }
        assertEquals(2 + 6 + 4, texts.size(), "terminal, scores.csv, index.html and eve's four reports, twice");
        for (String t : texts) {
            assertFalse(t.contains(esc) || t.contains("\u0007") || t.contains("\u202e") || t.toLowerCase().matches("(?s).*\\\\u(001b|0007|202e).*"), t);
        }
        for (String f : List.of("summary.txt", "summary.html", "results.json", "junit.xml")) {
            assertTrue(Files.readString(dir.resolve("single").resolve(f)).contains("ALL TESTS PASSED"), f + " shows the message, cleaned");
        }
        assertTrue(Files.readString(dir.resolve("single/results.json")).contains("your code printed:\\n  red"));
        assertTrue(Files.readString(o.resolve("scores.csv")).contains("\neve,0,10,0.0,0,6,"), Files.readString(o.resolve("scores.csv")));
    }

    @Test
    void usageErrorsExitWithTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        assertEquals(2, run(out, err, "--frobnicate"));
        assertTrue(err.toString().contains("Unknown option: '--frobnicate'"), err.toString());
        assertEquals(2, run(out, err));
        assertEquals(0, run(out, err, "--help"));
        assertTrue(out.toString().contains("--batch DIR"));
    }

    @Test
    void checkExercisesPassesOnTheCommittedTree() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        assertEquals(0, run(out, err, "--check-exercises"), err.toString());
    }
}
