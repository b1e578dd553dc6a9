package tlslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
        for (String s : List.of("alice", "bob", "carol")) assertTrue(Files.exists(dir.resolve("out").resolve(s).resolve("results.json")));
        assertTrue(out.toString().contains("per minute"), out.toString());
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
