package tlslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tlslab.exercises.check.Exercise;

/**
 * Submissions that do not compile, loop, exit, crash, hog memory, scribble on the protocol, break
 * the rules or attack the grader: each gets a correct grade with a clear message, and the other
 * exercises of the same submission are graded as usual.
 */
@Timeout(120)
class RobustnessTest {
    static Grader grader;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        grader = new Grader(Grader.Options.defaults().withCallMillis(2_000).withBudgetMillis(60_000));
        System.out.println("sandbox " + grader.sandboxDescription());
    }

    @AfterAll
    static void stop() {
        grader.close();
    }

    static Report grade(Path submission, Exercise... only) throws Exception {
        Grader g = new Grader(Grader.Options.defaults().withCallMillis(2_000).withBudgetMillis(60_000).withOnly(EnumSet.of(only[0], only)));
        try {
            long t0 = System.nanoTime();
            Report r = g.grade(submission, tmp.resolve("out-" + submission.getFileName()));
            System.out.printf("%-12s %3d/%-3d %5.1f s%n", submission.getFileName(), r.score(), r.maxScore(), (System.nanoTime() - t0) / 1e9);
            return r;
        } finally {
            g.close();
        }
    }

    static void all(Report r, Exercise e, Predicate<TestResult> check, String what) {
        List<TestResult> ts = r.tests().stream().filter(t -> t.exercise() == e).toList();
        assertFalse(ts.isEmpty(), "no tests of " + e);
        for (TestResult t : ts) assertTrue(check.test(t), () -> what + ": " + t.number() + " " + t.fullName() + "\n" + t.output());
    }

    static void passes(Report r, Exercise e) {
        all(r, e, TestResult::passed, "should pass");
    }

    static void failsSaying(Report r, Exercise e, String text) {
        all(r, e, t -> !t.passed() && t.output().contains(text), "should fail saying \"" + text + "\"");
    }

    @Test
    void aFileThatDoesNotCompileCostsOnlyItsExercise() throws Exception {
        Report r = grade(Submissions.fixture(tmp, "nocompile", Map.of()), Exercise.SERVER_HELLO, Exercise.CLIENT_HELLO);
        failsSaying(r, Exercise.SERVER_HELLO, "did not compile");
        failsSaying(r, Exercise.SERVER_HELLO, "ServerHelloReader.java:10: error: ';' expected");
        passes(r, Exercise.CLIENT_HELLO);
        assertTrue(r.notes().contains("did not compile and were left out"), r.notes());
    }

    @Test
    void nothingToCompileGetsZeroWithAReason(@TempDir Path dir) throws Exception {
        Path garbage = Files.createDirectories(dir.resolve("garbage/src/main/java"));
        Files.writeString(garbage.resolve("Broken.java"), "class Broken { this is not Java }\n");
        Report r = grade(garbage.getParent().getParent().getParent(), Exercise.RSA, Exercise.PRF);
        assertEquals(0, r.score());
        failsSaying(r, Exercise.RSA, "class tlslab.exercises.ex01.TextbookRsaMath is not in your submission");
        failsSaying(r, Exercise.PRF, "Broken.java:1: error");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Report e = grade(empty, Exercise.RSA);
        assertEquals(0, e.score());
        assertEquals(e.maxScore(), 10);
        failsSaying(e, Exercise.RSA, "no .java files found");
    }

    @Test
    void anEndlessLoopIsStoppedAndCostsOnlyItsExercise() throws Exception {
        long t0 = System.nanoTime();
        Report r = grade(Submissions.fixture(tmp, "loops", Map.of()), Exercise.CLIENT_HELLO, Exercise.RSA);
        double seconds = (System.nanoTime() - t0) / 1e9;
        all(r, Exercise.CLIENT_HELLO, t -> !t.passed() && (t.output().contains("did not return within 2.0 s")
                || t.output().contains("2 earlier calls to exercise 3 ran out of time")), "stopped");
        assertEquals(2, r.tests().stream().filter(t -> t.output().contains("did not return within")).count(),
                "after two time-outs the exercise's other tests are not run");
        passes(r, Exercise.RSA);
        assertTrue(seconds < 40, "an endless loop must not hold up grading for long: " + seconds + " s");
    }

    @Test
    void systemExitAndHaltAreReported() throws Exception {
        Report r = grade(Submissions.fixture(tmp, "exits", Map.of()), Exercise.PRF, Exercise.FINISHED, Exercise.KEY_BLOCK);
        failsSaying(r, Exercise.PRF, "your code called System.exit(0)");
        failsSaying(r, Exercise.PRF, "giving up");   // what it printed before
        failsSaying(r, Exercise.FINISHED, "stopped with exit code 3");
        passes(r, Exercise.KEY_BLOCK);
    }

    @Test
    void throwingEverywhereScoresZeroEvenWhereTestsExpectExceptions(@TempDir Path dir) throws Exception {
        // the stubs, but throwing the exception that some tests expect for bad input
        Path sub = dir.resolve("throws");
        Grader.copyTree(Submissions.exercises().resolve("src/main/java"), sub.resolve("src/main/java"));
        try (var walk = Files.walk(sub)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!p.toString().endsWith(".java")) continue;
                Files.writeString(p, Files.readString(p).replace("new UnsupportedOperationException(\"not written yet",
                        "new IllegalArgumentException(\"nope"));
            }
        }
        Grader g = new Grader(Grader.Options.defaults().withCallMillis(5_000));
        try {
            Report r = g.grade(sub, dir.resolve("out"));
            assertEquals(0, r.score());
            for (TestResult t : r.tests()) {
                assertTrue(!t.passed() && t.output().contains("nope"), () -> t.fullName() + "\n" + t.output());
            }
        } finally {
            g.close();
        }
    }

    @Test
    void memoryHogsAndScribblersAndChatterboxes() throws Exception {
        Report m = grade(Submissions.fixture(tmp, "memory", Map.of()), Exercise.GCM, Exercise.TAMPERING);
        failsSaying(m, Exercise.GCM, "java.lang.OutOfMemoryError");
        passes(m, Exercise.TAMPERING);

        Report n = grade(Submissions.fixture(tmp, "noisy", Map.of()), Exercise.KEY_BLOCK, Exercise.FINISHED);
        passes(n, Exercise.KEY_BLOCK);
        all(n, Exercise.KEY_BLOCK, t -> t.output().contains("more bytes not shown") && t.output().length() < 20_000,
                "shows the start of what it printed");
        failsSaying(n, Exercise.FINISHED, "real standard output");
    }

    @Test
    void libraryCodeThatWouldDoTheExerciseIsRefused() throws Exception {
        Report r = grade(Submissions.fixture(tmp, "delegates", Map.of()), Exercise.PRF, Exercise.CERTIFICATES, Exercise.TAMPERING);
        failsSaying(r, Exercise.PRF, "tlslab.crypto.Prf.prf");
        failsSaying(r, Exercise.PRF, "in tlslab.exercises.ex05.Helper");
        failsSaying(r, Exercise.CERTIFICATES, "java.lang.Class.forName");
        passes(r, Exercise.TAMPERING);
    }

    @Test
    void withoutNamespacesARootGraderRunsStudentCodeAsAnUnprivilegedUid() throws Exception {
        Assumptions.assumeTrue(Sandbox.isRoot() && Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs root and setpriv");
        Grader g = new Grader(Grader.Options.defaults().withSandbox("user").withOnly(EnumSet.of(Exercise.RSA)));
        try {
            Report r = g.grade(Submissions.fixture(tmp, "whoami", Map.of()), tmp.resolve("out-whoami"));
            passes(r, Exercise.RSA);
            String said = r.tests().stream().map(TestResult::output).filter(o -> o.contains("running as uid")).findFirst().orElseThrow();
            int uid = Integer.parseInt(said.replaceAll("(?s).*running as uid (\\d+).*", "$1"));
            assertTrue(uid >= Sandbox.FIRST_UID, said);
            assertTrue(r.sandbox().startsWith("user:"), r.sandbox());
            assertTrue(g.letsStudentsMeet());
        } finally {
            g.close();
        }
    }

    @Test
    void hiddenTestsCannotBeReadAndTheGradeCannotBeForged() throws Exception {
        Assumptions.assumeTrue(!grader.letsStudentsMeet(), "needs the bwrap sandbox: " + grader.sandboxDescription());
        Path hidden = Submissions.solutions().resolve("src/hidden/java/tlslab/exercises/hidden/Ex05PrfHiddenTest.java");
        assertTrue(Files.isReadable(hidden), "the test needs the hidden test's source to exist: " + hidden);
        Path out = tmp.resolve("out-malicious");
        Report r = grade(Submissions.fixture(tmp, "malicious", Map.of("@@HIDDEN@@", hidden.toString(),
                "@@TESTSJAR@@", Grader.codeSource(Exercise.class).toString(), "@@OUT@@", out.toString())),
                Exercise.PRF, Exercise.RSA);
        for (TestResult t : r.tests()) assertFalse(t.output().contains("LEAK"), t.output());
        passes(r, Exercise.PRF);
        passes(r, Exercise.RSA);
        Thread.sleep(5_000);   // the forger's background job would have struck by now
        String json = Files.readString(out.resolve("results.json"));
        assertFalse(json.contains("1000"), json);
        assertEquals(r.score(), new ObjectMapper().readTree(json).get("score").intValue());
        assertFalse(Files.exists(Submissions.root().resolve("results.json")));
    }
}
