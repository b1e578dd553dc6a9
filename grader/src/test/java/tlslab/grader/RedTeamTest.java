package tlslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tlslab.crypto.KeySchedule;
import tlslab.crypto.Prf;
import tlslab.exercise.FinishedVerifyData;
import tlslab.exercises.check.Exercise;

/**
 * The red team (issue 7): every attack a determined cheating student made on the grader, as a
 * hostile submission (fixtures {@code grader/src/test/fixtures/redteam-*}: correct reference code
 * that also attacks). Each test asserts that the attack failed, with the evidence the student's code
 * printed (it reaches the report as "your code printed:") or the state of the host's files, sockets
 * and processes; that the exercise still gets the points its honest part earns; and that the report
 * says what happened. They need the default isolation (bubblewrap) and gcc.
 */
@Timeout(300)
class RedTeamTest {
    /** Put into every attack's files, processes and threads, so the host can be searched for them. */
    static final String MARKER = "redteam" + ProcessHandle.current().pid() + "x" + Long.toHexString(System.nanoTime());

    @TempDir
    static Path tmp;

    private static Batch batch;

    @AfterAll
    static void noAttackOutlivesTheSuite() {
        List<String> left = hostProcessesWith(MARKER);
        assertTrue(left.isEmpty(), "processes carrying the red team's marker outlived the suite: " + left);
    }

    // ------------------------------------------------------------------------------------------
    // 1. Leaving the sandbox

    @Test
    void nativeCodeCannotLeaveTheSandbox() throws Exception {
        Path hidden = Submissions.solutions().resolve("src/hidden/java/tlslab/exercises/hidden/Ex04ServerHelloHiddenTest.java");
        assertTrue(Files.isReadable(hidden), "the test needs the hidden test's source: " + hidden);
        Path out = Files.createDirectories(tmp.resolve("out-escape"));
        Path so = gcc(Submissions.root().resolve("grader/src/test/fixtures/redteam-native/escape.c"), tmp.resolve("escape.so"),
                "-DHIDDEN=\"" + hidden + "\"", "-DRESULTS=\"" + out + "\"");
        String hostTmp = System.getProperty("java.io.tmpdir");
        Path sub = Submissions.fixture(tmp, "redteam-escape", Map.of("@@SO_BASE64@@", Base64.getEncoder().encodeToString(Files.readAllBytes(so)),
                "@@HIDDEN@@", hidden.toString(), "@@RESULTS@@", out.toString(), "@@HOSTDIR@@", Submissions.root().toString(),
                "@@HOSTTMP@@", hostTmp, "@@MARKER@@", MARKER));
        Report r;
        List<String> survivors;
        try (Watch watch = new Watch()) {
            r = grade(sub, out, options(Exercise.SERVER_HELLO));
            survivors = watch.survivors();
        }
        String printed = printed(r, Exercise.SERVER_HELLO);
        // the library was loaded and ran (else nothing below would mean anything)
        assertContains(printed, "REDTEAM native loaded");
        assertContains(printed, "REDTEAM native uid=65534 euid=65534");
        // every escape failed
        for (String call : List.of("chroot /tmp/redteam-chroot rc=-1 errno=1 ", "chroot . rc=-1 errno=1 ", "fork rc=-1 errno=1 ",
                "vfork rc=-1 errno=1 ", "clone3 rc=-1 errno=38 ", "ptrace attach 1 rc=-1 errno=1 ", "unshare user rc=-1 errno=1 ",
                "unshare mount rc=-1 errno=1 ", "mount tmpfs rc=-1 errno=1 ", "setns rc=-1 errno=1 ")) {
            assertContains(printed, "REDTEAM native " + call);
        }
        assertContains(printed, "REDTEAM native open hidden rc=-1 ");
        assertContains(printed, "REDTEAM native open results rc=-1 ");
        assertContains(printed, "REDTEAM exec java refused: java.io.IOException");
        assertFalse(printed.contains("STARTED"), printed);
        // the host is not there, not even through another process's root
        assertFalse(printed.contains(" VISIBLE"), printed);
        assertFalse(printed.contains(" is folder "), "a file descriptor on a folder: a way out?\n" + printed);
        Matcher pids = Pattern.compile("REDTEAM pids (\\d+) ").matcher(printed);
        assertTrue(pids.find(), printed);
        assertTrue(Integer.parseInt(pids.group(1)) <= 3, "the sandbox sees the host's processes?\n" + printed);
        // nothing was written outside
        assertContains(printed, "REDTEAM could not write " + out.resolve("results.json"));
        assertFalse(Files.exists(Paths.get(hostTmp, MARKER + "-written")), "a file written in the sandbox reached the host's " + hostTmp);
        assertFalse(Files.exists(Submissions.root().resolve(MARKER + "-written")));
        assertEquals((double) r.score(), json(out.resolve("results.json")).get("score"));
        // the exercise itself is right, and graded as such
        passes(r, Exercise.SERVER_HELLO);
        assertTrue(survivors.isEmpty(), "left running: " + survivors);
    }

    // ------------------------------------------------------------------------------------------
    // 2. stderr

    @Test
    void seekingStderrTo3GiBHurtsNobody() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("stderr-batch"));
        Grader.copyTree(Submissions.solutions().resolve("src/main/java"), subs.resolve("alice/src/main/java"));
        Submissions.fixture(subs, "redteam-stderr", Map.of());
        Grader.copyTree(Submissions.solutions().resolve("src/main/java"), subs.resolve("zoe/src/main/java"));
        Path out = tmp.resolve("out-stderr-batch");
        Cli cli = Cli.run("--batch", subs.toString(), "--out", out.toString(), "--jobs", "1", "--exercises", "1,6", "--call-timeout", "2");
        assertEquals(0, cli.code, cli.toString());
        Map<String, List<String>> rows = csv(out.resolve("scores.csv"));
        assertEquals(Set.of("alice", "redteam-stderr", "zoe"), rows.keySet(), "one row per student: " + rows);
        for (String student : rows.keySet()) {
            List<String> row = rows.get(student);
            assertEquals("graded", row.get(7), student + ": " + row);
            assertEquals("20", row.get(1), student + " (its code is right): " + row);
            assertEquals(Double.parseDouble(row.get(1)), json(out.resolve(student).resolve("results.json")).get("score"), student);
        }
        String printed = testOutputs(out.resolve("redteam-stderr/results.json"), "ex06");
        assertContains(printed, "REDTEAM seek refused");   // stderr is a pipe, not a file on the grader's disk
        assertContains(printed, "REDTEAM wrote 20 MB to stderr");
        assertTrue(Files.size(out.resolve("redteam-stderr/results.json")) < 300_000);
    }

    // ------------------------------------------------------------------------------------------
    // 3, 4, 6a, 9: a batch of ten, five of them hostile

    /** Killing every process in sight, hunting for other graders' folders, the network, leaving things running. */
    @Test
    void aKillerInABatchHurtsNobody() throws Exception {
        Batch b = batch();
        String printed = testOutputs(b.out.resolve("s2-killer/results.json"), "ex03");
        Matcher seen = Pattern.compile("REDTEAM processes seen (\\d+), kill -9 sent to (\\d+)").matcher(printed);
        assertTrue(seen.find(), printed);
        assertTrue(Integer.parseInt(seen.group(1)) <= 3, "the killer saw the host's processes:\n" + printed);
        assertFalse(printed.contains("REDTEAM FOUND"), "the killer found another grader's folder:\n" + printed);
        assertFalse(b.hostGraderFolders.isEmpty(), "the host had grader folders to find while the killer ran (else the search proves nothing)");
        assertContains(printed, "REDTEAM connect: refused");
        assertContains(printed, "REDTEAM process refused");
        assertContains(printed, "REDTEAM java refused");
        assertContains(printed, "REDTEAM lingering thread started");
        assertEquals(0, b.connections.get(), "the killer reached the test's server on the host's loopback");
        assertTrue(b.survivors.isEmpty(), "left running after the batch: " + b.survivors);
        assertTrue(hostProcessesWith(MARKER).isEmpty(), "a process carrying the killer's marker is running");
        // the killer's code is right otherwise: all points; and everyone else is unharmed (see the batch test)
        assertEquals(b.rows.get("s2-killer").get(2), b.rows.get("s2-killer").get(1), "killer: " + b.rows.get("s2-killer"));
    }

    @Test
    void aSymlinkedSubmissionFolderIsRefused() throws Exception {
        Batch b = batch();
        List<String> mallory = b.rows.get("s5-mallory");
        assertEquals("0", mallory.get(1), mallory.toString());
        assertEquals("graded", mallory.get(7), mallory.toString());
        assertContains(mallory.get(8), "symbolic link");
        assertContains(mallory.get(8), "src -> ../s0-alice/src");
        assertContains((String) json(b.out.resolve("s5-mallory/results.json")).get("output"), "src -> ../s0-alice/src");
        assertEquals(b.rows.get("s0-alice").get(2), b.rows.get("s0-alice").get(1), "alice: " + b.rows.get("s0-alice"));
    }

    @Test
    void seekingStderrInABatchCostsNoRow() throws Exception {
        Batch b = batch();
        List<String> row = b.rows.get("s3-stderr");
        assertEquals("graded", row.get(7), row.toString());
        assertEquals(row.get(2), row.get(1), "its code is right: " + row);
        assertContains(testOutputs(b.out.resolve("s3-stderr/results.json"), "ex06"), "REDTEAM wrote 20 MB to stderr");
    }

    @Test
    void aSpoofedAnswerOnStdoutZeroesTheExercise() throws Exception {
        Batch b = batch();
        Map<String, Object> results = json(b.out.resolve("s6-spoofer/results.json"));
        assertContains((String) results.get("output"), "the runner protocol was violated");
        int ex07 = 0, others = 0, othersMax = 0;
        for (Map<String, Object> t : tests(results)) {
            double score = (Double) t.get("score");
            if (tag(t).equals("ex07")) {
                ex07 += score;
            } else {
                others += score;
                othersMax += (Double) t.get("max_score");
            }
        }
        assertEquals(0, ex07, "the spoofer's exercise 7");
        assertEquals(othersMax, others, "the spoofer's other exercises are right");
        assertContains(testOutputs(b.out.resolve("s6-spoofer/results.json"), "ex07"), "runner protocol was violated");
    }

    /** "A batch of 10 with 5 hostile students: the 5 honest scores are exactly what they get alone." */
    @Test
    void aBatchOfTenWithFiveHostileStudentsGradesTheHonestOnesExactly() throws Exception {
        Batch b = batch();
        assertEquals(0, b.cli.code, b.cli.toString());
        assertEquals(new TreeSet<>(b.folders), new TreeSet<>(b.rows.keySet()), "exactly one row per folder");
        assertEquals(b.folders.size() + 1, Files.readAllLines(b.out.resolve("scores.csv")).size(), "no extra rows");
        for (Map.Entry<String, Integer> honest : b.alone.entrySet()) {
            List<String> row = b.rows.get(honest.getKey());
            assertEquals("graded", row.get(7), honest.getKey() + ": " + row);
            assertEquals(String.valueOf(honest.getValue()), row.get(1), honest.getKey() + " alone got " + honest.getValue()
                    + ", in the batch " + row + "\n" + failures(b.out.resolve(honest.getKey()).resolve("results.json")));
        }
        for (String student : b.folders) {
            List<String> row = b.rows.get(student);
            assertEquals("graded", row.get(7), student + ": " + row);
            assertEquals(Double.parseDouble(row.get(1)), json(b.out.resolve(student).resolve("results.json")).get("score"),
                    student + ": scores.csv and results.json agree");
        }
        assertEquals(120, b.alone.get("s0-alice"));
        assertEquals(0, b.alone.get("s1-bob"));
    }

    /**
     * Two graders running at the same time (two instructors' batches, or {@code --batch --jobs 2},
     * whose workers are separate processes) must not let one student starve another: here a student
     * holds 100 threads in one grader process while an honest student is graded in this one.
     */
    @Test
    void aStudentInAnotherGraderProcessCannotStarveThisOne() throws Exception {
        requireIsolation();
        Path hog = Submissions.fixture(Files.createDirectories(tmp.resolve("starve")), "redteam-hog", Map.of());
        Path honest = tmp.resolve("starve/honest");
        Grader.copyTree(Submissions.solutions().resolve("src/main/java"), honest.resolve("src/main/java"));
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "-Dtlslab.root=" + Submissions.root(), Main.class.getName(), hog.toString(), "--out", tmp.resolve("out-hog").toString(),
                "--exercises", "1", "--call-timeout", "2"));
        Process other = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("hog.log").toFile()).start();
        try {
            // wait until the hog holds its threads (a process with more than 100 threads), then grade the honest student
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String holder = null;
            while (holder == null && other.isAlive() && System.nanoTime() < deadline) {
                holder = other.descendants().filter(p -> threads(p) > 100).map(p -> p.pid() + " uid " + uid(p)).findFirst().orElse(null);
                Thread.sleep(20);
            }
            assertNotNull(holder, "the hog never held its threads: " + Files.readString(tmp.resolve("hog.log")));
            Report r;
            Set<Integer> honestUids;
            try (Watch watch = new Watch()) {
                r = grade(honest, tmp.resolve("out-starve-honest"), Grader.Options.defaults().withCallMillis(2_000)
                        .withOnly(EnumSet.of(Exercise.RSA, Exercise.PKCS1, Exercise.CLIENT_HELLO)));
                watch.survivors();
                honestUids = watch.uids();
                honestUids.remove(0);   // root's own steps before the sandbox drops to the slot uid
            }
            System.out.println("hog: " + holder + "; honest student: " + r.score() + "/" + r.maxScore() + ", sandboxed as uids " + honestUids);
            assertEquals(r.maxScore(), r.score(), "an honest student graded while another grader process's student held 100 threads"
                    + " (hog: pid " + holder + "; the honest student's sandbox ran as uid " + honestUids + ": a uid shared by two"
                    + " sandboxes shares the kernel's per-user task limit)" + jvmLogHint(r.notes()) + ":\n" + r.notes() + "\n"
                    + firstFailure(r));
        } finally {
            other.waitFor(60, TimeUnit.SECONDS);
            other.destroyForcibly();
        }
    }

    // ------------------------------------------------------------------------------------------
    // 5. Getting round the bytecode rules

    @Test
    void ruleScanBypassesFindNothingToCall() throws Exception {
        // control: outside the grader, with the whole library there, the same code does compute the right answers
        Path fixture = Submissions.root().resolve("grader/src/test/fixtures/redteam-bypass");
        Path classes = javac(List.of(fixture.resolve("tlslab/exercises/ex05/Sha256Prf.java"),
                fixture.resolve("tlslab/exercises/ex07/FinishedCalculator.java")), tmp.resolve("bypass-control"));
        byte[] secret = "secret".getBytes(StandardCharsets.US_ASCII), seed = new byte[32];
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, RedTeamTest.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Prf.Function prf = (Prf.Function) loader.loadClass("tlslab.exercises.ex05.Sha256Prf").getConstructor().newInstance();
            assertEquals(hex(Prf.prf(secret, "test label", seed, 40)), hex(prf.prf(secret, "test label", seed, 40)),
                    "the MethodHandleProxies bypass does not even work with the library there: the test proves nothing");
            FinishedVerifyData fin = (FinishedVerifyData) loader.loadClass("tlslab.exercises.ex07.FinishedCalculator")
                    .getConstructor().newInstance();
            assertEquals(hex(KeySchedule.verifyData(secret, true, seed)), hex(fin.verifyData(secret, true, seed)),
                    "the java.beans bypass does not even work with the library there: the test proves nothing");
        } finally {
            Thread.currentThread().setContextClassLoader(context);
        }

        Report r = grade(Submissions.fixture(tmp, "redteam-bypass", Map.of()), tmp.resolve("out-bypass"),
                options(Exercise.PRF, Exercise.FINISHED, Exercise.KEY_BLOCK));
        all(r, Exercise.PRF, t -> !t.passed() && t.output().matches("(?s).*tlslab[./]crypto[./]Prf\\b.*"), "fails: Prf is not there");
        all(r, Exercise.FINISHED, t -> !t.passed() && t.output().matches("(?s).*tlslab[./](crypto[./]KeySchedule|handshake[./]Finished)\\b.*"),
                "fails: KeySchedule and Finished are not there");
        passes(r, Exercise.KEY_BLOCK);
    }

    // ------------------------------------------------------------------------------------------
    // 6b. Flooding the protocol

    @Test
    void fakeHugeAnswersAreCappedAndZeroTheExercise() throws Exception {
        Path out = tmp.resolve("out-flooder");
        Grader g = new Grader(options(Exercise.GCM, Exercise.KEY_BLOCK));
        try {
            requireIsolation(g);
            Report r = g.grade(Submissions.fixture(tmp, "redteam-flooder", Map.of()), out);
            all(r, Exercise.GCM, t -> !t.passed(), "fails");
            assertContains(r.notes(), "the runner protocol was violated");
            assertContains((String) json(out.resolve("results.json")).get("output"), "the runner protocol was violated");
            passes(r, Exercise.KEY_BLOCK);
            for (String f : List.of("results.json", "junit.xml", "summary.txt", "summary.html")) {
                assertTrue(Files.size(out.resolve(f)) < 300_000, f + " is " + Files.size(out.resolve(f)) + " bytes");
            }
            // the grader is fine: the same grader grades an honest submission right
            Path alice = tmp.resolve("after-flood/alice");
            Grader.copyTree(Submissions.solutions().resolve("src/main/java"), alice.resolve("src/main/java"));
            Report after = g.grade(alice, tmp.resolve("out-after-flood"));
            assertEquals(after.maxScore(), after.score(), after.notes());
        } finally {
            g.close();
        }
    }

    // ------------------------------------------------------------------------------------------
    // 7. Limits

    private static Report limits;

    /** One submission with three attacks on the limits, in exercises 1 (threads), 2 (memory) and 3 (disk). */
    static synchronized Report limits() throws Exception {
        if (limits == null) {
            limits = grade(Submissions.fixture(tmp, "redteam-limits", Map.of()), tmp.resolve("out-limits"),
                    options(Exercise.RSA, Exercise.PKCS1, Exercise.CLIENT_HELLO));
        }
        return limits;
    }

    @Test
    void threeThousandThreadsAreRefusedCleanly() throws Exception {
        Report r = limits();
        String threads = printed(r, Exercise.RSA);
        Matcher t = Pattern.compile("REDTEAM threads started: (\\d+) of 3000; stopped by: (.*)").matcher(threads);
        assertTrue(t.find(), () -> "the thread bomb did not report (did its JVM survive it?)" + jvmLogHint(describe(r, Exercise.RSA))
                + ":\n" + describe(r, Exercise.RSA));
        assertTrue(Integer.parseInt(t.group(1)) < 200, threads);
        assertTrue(t.group(2).contains("OutOfMemoryError"), threads);
        // the code is right otherwise, and the attack failed inside its own JVM: full points
        all(r, Exercise.RSA, TestResult::passed, "should pass" + jvmLogHint(describe(r, Exercise.RSA)));
    }

    @Test
    void memoryOutsideTheHeapIsLimited() throws Exception {
        Report r = limits();
        String memory = printed(r, Exercise.PKCS1);
        assertContains(memory, "REDTEAM 2 GiB refused: java.lang.OutOfMemoryError");
        Matcher m = Pattern.compile("REDTEAM got (\\d+) MB outside the heap").matcher(memory);
        assertTrue(m.find(), memory);
        System.out.println("memory outside the heap: " + m.group() + " (heap " + Grader.Options.defaults().memoryMb() + " MB)");
        assertTrue(Integer.parseInt(m.group(1)) <= 900, "more than the address-space limit allows: " + memory);
        passes(r, Exercise.PKCS1);
    }

    @Test
    void aHundredMegabyteFileIsRefused() throws Exception {
        Report r = limits();
        String disk = printed(r, Exercise.CLIENT_HELLO);
        Matcher d = Pattern.compile("REDTEAM wrote (\\d+) MB of 100 to /tmp; stopped by: (.*)").matcher(disk);
        assertTrue(d.find(), "the disk filler did not report (did its JVM survive it?):\n" + describe(r, Exercise.CLIENT_HELLO));
        System.out.println("disk: " + d.group());
        assertTrue(Integer.parseInt(d.group(1)) <= 32, disk);
        assertTrue(d.group(2).contains("IOException"), disk);
        passes(r, Exercise.CLIENT_HELLO);
    }

    @Test
    void aJavacBombIsStoppedWithEverythingItStarted() throws Exception {
        Path sub = Submissions.fixture(tmp, "redteam-javacbomb", Map.of());
        Report r;
        List<String> survivors;
        Set<String> compilers;
        long t0 = System.nanoTime();
        try (Watch watch = new Watch()) {
            r = grade(sub, tmp.resolve("out-javacbomb"), options(Exercise.TAMPERING, Exercise.RSA).withCompileMillis(5_000));
            survivors = watch.survivors();
            compilers = watch.commandLines("tlslab.grader.runner.Compile");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertFalse(compilers.isEmpty(), "javac was never seen running in the sandbox");
        assertContains(r.notes(), "the compiler did not finish within 5 s, so it was stopped");
        for (TestResult t : r.tests()) assertFalse(t.passed(), t.fullName());
        assertTrue(seconds < 30, "a javac bomb held grading up for " + seconds + " s");
        assertTrue(survivors.isEmpty(), "left running after grading: " + survivors);
    }

    // ------------------------------------------------------------------------------------------
    // 8. Report text

    @Test
    void escapeSequencesReachNoReportAndNoTerminal() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("escapes-batch"));
        Submissions.fixture(subs, "redteam-escapes", Map.of());
        // a submission whose symbolic link has a name and a target full of escape sequences
        Path linker = Files.createDirectories(subs.resolve("linker/src/main/java/tlslab/exercises/ex02"));
        Files.copy(Submissions.solutions().resolve("src/main/java/tlslab/exercises/ex02/Pkcs1v15.java"), linker.resolve("Pkcs1v15.java"));
        Files.createSymbolicLink(subs.resolve("linker/\u001b[2J\u001b[HALL TESTS PASSED"), Paths.get("\u001b[31m\u001b]0;pwned\u0007"));
        Path out = tmp.resolve("out-escapes-batch");
        Cli batchRun = Cli.run("--batch", subs.toString(), "--out", out.toString(), "--exercises", "2,6", "--call-timeout", "2");
        assertEquals(0, batchRun.code, batchRun.toString());
        Cli single = Cli.run(subs.resolve("linker").toString(), "--out", tmp.resolve("out-linker-single").toString(), "--exercises", "2,6");
        Cli single2 = Cli.run(subs.resolve("redteam-escapes").toString(), "--out", tmp.resolve("out-escapes-single").toString(),
                "--exercises", "2,6", "--call-timeout", "2");

        Map<String, List<String>> rows = csv(out.resolve("scores.csv"));
        for (String student : List.of("linker", "redteam-escapes")) {
            List<String> row = rows.get(student);
            assertNotNull(row, rows.toString());
            assertEquals("graded", row.get(7), student + ": " + row);
            assertEquals(Double.parseDouble(row.get(1)), json(out.resolve(student).resolve("results.json")).get("score"));
        }
        // the shouter's exercise 2 fails on its exception (and says so), exercise 6 is right
        assertEquals("10", rows.get("redteam-escapes").get(1), rows.get("redteam-escapes").toString());
        assertContains(testOutputs(out.resolve("redteam-escapes/results.json"), "ex02"), "ALL TESTS PASSED");
        assertContains(rows.get("linker").get(8), "symbolic link");

        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(out, tmp.resolve("out-linker-single"), tmp.resolve("out-escapes-single"))) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        assertTrue(files.size() >= 10, files.toString());
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            String text = strictUtf8(f);
            problems.addAll(controlCharacters(tmp.relativize(f).toString(), text));
            if (f.toString().endsWith(".json")) {
                problems.addAll(controlCharacters(tmp.relativize(f) + " (its JSON values)", String.valueOf(json(text))));
            }
        }
        for (Cli c : List.of(batchRun, single, single2)) {
            problems.addAll(controlCharacters("the terminal output of tlslab grade " + String.join(" ", c.args), c.out + c.err));
        }
        assertTrue(problems.isEmpty(), "student-controlled control characters reached the reports or the terminal:\n"
                + String.join("\n", problems));
    }

    @Test
    void cutEmojiBreakNoReport() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("emoji-batch"));
        Submissions.fixture(subs, "redteam-emoji", Map.of());
        Path out = tmp.resolve("out-emoji-batch");
        Cli cli = Cli.run("--batch", subs.toString(), "--out", out.toString(), "--exercises", "3,6", "--call-timeout", "2");
        assertEquals(0, cli.code, cli.toString());
        List<String> row = csv(out.resolve("scores.csv")).get("redteam-emoji");
        assertNotNull(row, cli.toString());
        assertEquals("graded", row.get(7), () -> row + "\nreport files written: " + listing(out.resolve("redteam-emoji")) + "\n" + cli);
        Map<String, Object> results = json(out.resolve("redteam-emoji/results.json"));
        assertEquals(Double.parseDouble(row.get(1)), results.get("score"), "scores.csv and results.json agree");
        assertEquals("10", row.get(1), "exercise 3 fails (it throws), exercise 6 is right: " + row);
        assertContains(testOutputs(out.resolve("redteam-emoji/results.json"), "ex03"), "\uD83D\uDE00");
        for (String f : List.of("results.json", "junit.xml", "summary.txt", "summary.html")) {
            Path p = out.resolve("redteam-emoji").resolve(f);
            assertTrue(Files.exists(p), f + " was not written");
            String text = strictUtf8(p);
            assertNoLoneSurrogate(f, text);
            if (f.endsWith(".json")) assertNoLoneSurrogate(f + " (parsed)", String.valueOf(json(text)));
        }
    }

    // ------------------------------------------------------------------------------------------
    // The batch of ten

    /** The shared batch: 5 honest students (graded alone first) and 5 hostile ones, graded with --jobs 2. */
    static final class Batch {
        final List<String> folders = new ArrayList<>();
        final Map<String, Integer> alone = new LinkedHashMap<>();
        Path out;
        Cli cli;
        Map<String, List<String>> rows;
        final AtomicInteger connections = new AtomicInteger();
        List<String> survivors;
        Set<String> hostGraderFolders = new TreeSet<>();
    }

    static synchronized Batch batch() throws Exception {
        if (batch != null) return batch;
        requireIsolation();
        Batch b = new Batch();
        Path dir = Files.createDirectories(tmp.resolve("batch"));
        Path solutions = Submissions.solutions().resolve("src/main/java");
        // honest: everything right, the untouched stubs, and three partial solutions
        Grader.copyTree(solutions, dir.resolve("s0-alice/src/main/java"));
        Grader.copyTree(Submissions.exercises().resolve("src/main/java"), dir.resolve("s1-bob/src/main/java"));
        partial(dir.resolve("s4-carol"), "ex04/ServerHelloReader");
        partial(dir.resolve("s7-dave"), "ex01/TextbookRsaMath", "ex07/FinishedCalculator");
        partial(dir.resolve("s8-erin"), "ex05/Sha256Prf", "ex09/ChainVerifier");
        // hostile
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    b.connections.incrementAndGet();
                } catch (IOException e) {
                    // closed
                }
            }
        }, "redteam-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        Map<String, String> killer = Map.of("@@MARKER@@", MARKER, "@@PORT@@", String.valueOf(server.getLocalPort()),
                "@@HOSTTMP@@", System.getProperty("java.io.tmpdir"));
        Files.move(Submissions.fixture(dir, "redteam-killer", killer), dir.resolve("s2-killer"));
        Files.move(Submissions.fixture(dir, "redteam-stderr", Map.of()), dir.resolve("s3-stderr"));
        Files.createDirectories(dir.resolve("s5-mallory"));
        Files.createSymbolicLink(dir.resolve("s5-mallory/src"), Paths.get("../s0-alice/src"));
        Files.move(Submissions.fixture(dir, "redteam-spoofer", Map.of()), dir.resolve("s6-spoofer"));
        Files.move(Submissions.fixture(dir, "redteam-hog", Map.of()), dir.resolve("s9-hog"));
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).sorted().forEach(b.folders::add);
        }
        assertEquals(10, b.folders.size(), b.folders.toString());

        // the honest ones alone, with the options the batch gets below
        Grader g = new Grader(Grader.Options.defaults().withCallMillis(2_000));
        try {
            requireIsolation(g);
            for (String honest : List.of("s0-alice", "s1-bob", "s4-carol", "s7-dave", "s8-erin")) {
                Report r = g.grade(dir.resolve(honest), tmp.resolve("alone").resolve(honest));
                b.alone.put(honest, r.score());
                System.out.printf("alone: %-10s %3d/%d%n", honest, r.score(), r.maxScore());
            }
            // this grader's folder stays on the host during the batch: something for the killer to find
            try (Stream<Path> s = Files.list(Paths.get(System.getProperty("java.io.tmpdir")))) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("tlslab-grader-")).forEach(b.hostGraderFolders::add);
            }
            b.out = tmp.resolve("out-batch");
            try (Watch watch = new Watch()) {
                b.cli = Cli.run("--batch", dir.toString(), "--out", b.out.toString(), "--jobs", "2", "--call-timeout", "2");
                b.survivors = watch.survivors();
            }
        } finally {
            g.close();
            server.close();
        }
        System.out.println(b.cli.out);
        b.rows = csv(b.out.resolve("scores.csv"));
        batch = b;
        return b;
    }

    /** The reference solutions with these classes ("ex04/ServerHelloReader") as the untouched stubs. */
    static void partial(Path sub, String... stubs) throws IOException {
        Grader.copyTree(Submissions.solutions().resolve("src/main/java"), sub.resolve("src/main/java"));
        for (String s : stubs) {
            String rel = "tlslab/exercises/" + s + ".java";
            Files.copy(Submissions.exercises().resolve("src/main/java").resolve(rel), sub.resolve("src/main/java").resolve(rel),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ------------------------------------------------------------------------------------------
    // helpers

    static Grader.Options options(Exercise... only) {
        return Grader.Options.defaults().withCallMillis(2_000).withBudgetMillis(60_000).withOnly(EnumSet.of(only[0], only));
    }

    /** Fails unless the default isolation is bubblewrap; skips (saying so) if -Dtlslab.sandbox asks for less. */
    static void requireIsolation() throws IOException {
        String asked = System.getProperty("tlslab.sandbox", "auto");
        Assumptions.assumeTrue(asked.equals("auto") || asked.equals("bwrap"),
                "the red team needs the default isolation (bubblewrap); -Dtlslab.sandbox=" + asked + " turns it off");
    }

    static void requireIsolation(Grader g) throws IOException {
        requireIsolation();
        if (g.letsStudentsMeet()) {
            fail("the red team needs the bwrap isolation level, but the grader chose: " + g.sandboxDescription()
                    + " (on Ubuntu 24.04: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0)");
        }
    }

    static Report grade(Path submission, Path out, Grader.Options o) throws Exception {
        requireIsolation();
        Grader g = new Grader(o);
        try {
            requireIsolation(g);
            long t0 = System.nanoTime();
            Report r = g.grade(submission, out);
            System.out.printf("%-22s %3d/%-3d %5.1f s%n", submission.getFileName(), r.score(), r.maxScore(), (System.nanoTime() - t0) / 1e9);
            return r;
        } finally {
            g.close();
        }
    }

    /** What the tests of exercise {@code e} said (messages and what the code printed), all together. */
    static String printed(Report r, Exercise e) {
        return r.tests().stream().filter(t -> t.exercise() == e).map(TestResult::output).collect(Collectors.joining("\n"));
    }

    static String describe(Report r, Exercise e) {
        return r.notes() + "\n" + r.tests().stream().filter(t -> t.exercise() == e)
                .map(t -> t.number() + " " + (t.passed() ? "passed" : "FAILED") + " " + t.fullName() + "\n" + t.output())
                .collect(Collectors.joining("\n"));
    }

    static String firstFailure(Report r) {
        return r.tests().stream().filter(t -> !t.passed()).findFirst().map(t -> t.number() + " " + t.fullName() + ": " + t.output())
                .orElse("");
    }

    static void all(Report r, Exercise e, java.util.function.Predicate<TestResult> check, String what) {
        List<TestResult> ts = r.tests().stream().filter(t -> t.exercise() == e).toList();
        assertFalse(ts.isEmpty(), "no tests of " + e);
        for (TestResult t : ts) assertTrue(check.test(t), () -> e + " " + what + ": " + t.number() + " " + t.fullName() + "\n" + t.output());
    }

    static void passes(Report r, Exercise e) {
        all(r, e, TestResult::passed, "should pass");
    }

    /** Explains a "not a frame (starts with 5b30…)": "[0." is how the JVM's own log lines start. */
    static String jvmLogHint(String text) {
        if (text == null || !text.contains("not a frame (starts with 5b3")) return "";
        return " [diagnosis: 5b 30 2e 3x is \"[0.\", the start of a HotSpot unified-logging line such as \"[0.061s][warning]"
                + "[os,thread] Failed to start thread ... pthread_create failed (EAGAIN)\": the JVM logs its warnings to stdout,"
                + " which is the grader's protocol pipe, so the JVM itself (out of threads), not the student's code, broke the protocol]";
    }

    static void assertContains(String text, String part) {
        assertTrue(text != null && text.contains(part), () -> "expected \"" + part + "\" in:\n" + text);
    }

    /**
     * The terminal control characters (ESC, BEL, C1 controls) and bidirectional overrides in {@code text},
     * one line per kind found, with where and a bit of context.
     */
    static List<String> controlCharacters(String where, String text) {
        Map<String, String> found = new LinkedHashMap<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String kind = c == 0x1b ? "ESC" : c == 0x07 ? "BEL" : c >= 0x80 && c <= 0x9f ? "a C1 control"
                    : (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ? "a bidirectional override" : null;
            if (kind != null && !found.containsKey(kind)) {
                String near = text.substring(Math.max(0, i - 50), Math.min(text.length(), i + 30));
                near = near.replace("\u001b", "<ESC>").replace("\u0007", "<BEL>").replace("\u202e", "<RLO>").replace("\u202c", "<PDF>")
                        .replace("\u009b", "<CSI>").replace('\n', ' ');
                found.put(kind, "  " + kind + String.format(" (U+%04X)", (int) c) + " in " + where + ", near: " + near);
            }
        }
        if (text.contains("\\u001b") || text.contains("\\u001B")) found.put("escaped", "  an escaped ESC (\\u001b) in " + where);
        return new ArrayList<>(found.values());
    }

    static void assertNoLoneSurrogate(String where, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                fail("a lone surrogate in " + where + " at " + i);
            }
        }
        Matcher m = Pattern.compile("\\\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\\\u[dD][c-fC-F])").matcher(text);
        assertFalse(m.find(), where + " holds an escaped lone high surrogate");
    }

    /** The file's text, failing if it is not valid UTF-8 (a lone surrogate cannot be encoded). */
    static String strictUtf8(Path f) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(f))).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(f + " is not valid UTF-8", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path f) throws IOException {
        return (Map<String, Object>) json(Files.readString(f, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> tests(Map<String, Object> results) {
        return (List<Map<String, Object>>) results.get("tests");
    }

    @SuppressWarnings("unchecked")
    static String tag(Map<String, Object> test) {
        return String.valueOf(((List<Object>) test.get("tags")).get(0));
    }

    /** The outputs of one exercise's tests in a results.json. */
    static String testOutputs(Path results, String exercise) throws IOException {
        return tests(json(results)).stream().filter(t -> tag(t).equals(exercise)).map(t -> String.valueOf(t.get("output")))
                .collect(Collectors.joining("\n"));
    }

    static String failures(Path results) throws IOException {
        if (!Files.exists(results)) return "(no results.json)";
        Map<String, Object> r = json(results);
        return r.get("output") + "\n" + tests(r).stream().filter(t -> !"passed".equals(t.get("status")))
                .map(t -> t.get("number") + " " + t.get("name") + ": " + String.valueOf(t.get("output")).lines().findFirst().orElse(""))
                .collect(Collectors.joining("\n"));
    }

    /** scores.csv by student. */
    static Map<String, List<String>> csv(Path f) throws IOException {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertEquals(Main.CSV_HEADER, lines.get(0));
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = parseCsv(line);
            assertTrue(rows.put(row.get(0), row) == null, "two rows for " + row.get(0));
        }
        return rows;
    }

    static String listing(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList().toString();
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x", x));
        return s.toString();
    }

    /** Compiles sources against the library into {@code dir}. */
    static Path javac(List<Path> sources, Path dir) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Files.createDirectories(dir);
        String cp = Grader.childClasspath().stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        List<String> args = new ArrayList<>(List.of("-d", dir.toString(), "-cp", cp, "-proc:none", "-nowarn"));
        sources.forEach(s -> args.add(s.toString()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, javac.run(null, err, err, args.toArray(new String[0])), err.toString());
        return dir;
    }

    /** Builds a shared library with gcc (which this suite needs: CI has it). */
    static Path gcc(Path source, Path so, String... defines) throws Exception {
        Path gcc = Stream.of("/usr/bin/gcc", "/usr/bin/cc", "/usr/local/bin/gcc").map(Paths::get).filter(Files::isExecutable).findFirst()
                .orElse(null);
        assertNotNull(gcc, "the red team needs gcc to build its native escape library (Debian/Ubuntu: apt-get install gcc)");
        List<String> cmd = new ArrayList<>(List.of(gcc.toString(), "-shared", "-fPIC", "-O1", "-s", "-o", so.toString()));
        cmd.addAll(List.of(defines));
        cmd.add(source.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "gcc failed: " + said);
        return so;
    }

    /** Every process on the host (but this JVM) whose command line contains {@code s}. */
    static List<String> hostProcessesWith(String s) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses().filter(p -> p.pid() != self)
                .filter(p -> p.info().commandLine().orElse("").contains(s) || cmdline(p).contains(s))
                .map(p -> p.pid() + " " + cmdline(p)).toList();
    }

    static String cmdline(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Paths.get("/proc", String.valueOf(p.pid()), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException | RuntimeException e) {
            return p.info().commandLine().orElse("");
        }
    }

    static int threads(ProcessHandle p) {
        return status(p, "Threads:");
    }

    static int uid(ProcessHandle p) {
        return status(p, "Uid:");
    }

    private static int status(ProcessHandle p, String field) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc", String.valueOf(p.pid()), "status"))) {
                if (line.startsWith(field)) return Integer.parseInt(line.substring(field.length()).strip().split("\\s+")[0]);
            }
        } catch (IOException | RuntimeException e) {
            // ended
        }
        return -1;
    }

    /**
     * Watches every process this JVM starts, and theirs (sandboxes, runner JVMs, javac, batch
     * workers), from start to close: {@link #survivors} are those still running afterwards.
     */
    static final class Watch implements AutoCloseable {
        private final Map<Long, ProcessHandle> seen = new ConcurrentHashMap<>();
        private final Map<Long, String> commands = new ConcurrentHashMap<>();
        private final Map<Long, Integer> uids = new ConcurrentHashMap<>();
        private final Set<Long> before = new java.util.HashSet<>();
        private volatile boolean stop;
        private final Thread thread;

        Watch() {
            ProcessHandle.current().descendants().forEach(p -> before.add(p.pid()));
            thread = new Thread(() -> {
                while (!stop) {
                    ProcessHandle.current().descendants().filter(p -> !before.contains(p.pid())).forEach(p -> {
                        if (seen.putIfAbsent(p.pid(), p) == null || !commands.containsKey(p.pid())) {
                            String c = cmdline(p);
                            if (!c.isEmpty()) commands.put(p.pid(), c);
                            int uid = uid(p);
                            if (uid >= 0) uids.put(p.pid(), uid);
                        }
                    });
                    try {
                        Thread.sleep(25);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "redteam-watch");
            thread.setDaemon(true);
            thread.start();
        }

        /** The uids (outside any namespace) the processes seen ran as. */
        Set<Integer> uids() {
            return new TreeSet<>(uids.values());
        }

        /** The command lines seen that contain {@code s}. */
        Set<String> commandLines(String s) {
            return commands.values().stream().filter(c -> c.contains(s)).collect(Collectors.toCollection(TreeSet::new));
        }

        /** Processes seen that are still running (waiting up to 10 s for them to end). */
        List<String> survivors() throws InterruptedException {
            stop = true;
            thread.join();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<ProcessHandle> alive;
            do {
                alive = seen.values().stream().filter(ProcessHandle::isAlive).toList();
                if (!alive.isEmpty()) Thread.sleep(100);
            } while (!alive.isEmpty() && System.nanoTime() < deadline);
            return alive.stream().map(p -> p.pid() + " " + commands.getOrDefault(p.pid(), "?")).toList();
        }

        @Override
        public void close() {
            stop = true;
        }
    }

    /** One run of {@code ./tlslab grade} (Main.run) with its exit code and output. */
    record Cli(List<String> args, int code, String out, String err) {
        static Cli run(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Cli(List.of(args), code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "tlslab grade " + String.join(" ", args) + " -> exit " + code + "\n" + out + err;
        }
    }

    /** JSON as maps and lists, every number a Double (as the CSV's numbers are compared). */
    static Object json(String text) throws java.io.IOException {
        return doubles(new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, Object.class));
    }

    private static Object doubles(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        if (o instanceof List<?> l) return l.stream().map(RedTeamTest::doubles).toList();
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, doubles(v)));
            return out;
        }
        return o;
    }

    /** One line of scores.csv (RFC 4180 quoting). */
    static List<String> parseCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                f.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }
}
