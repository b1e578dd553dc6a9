package tlslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tlslab.exercises.check.Exercise;

/**
 * Notebooks as submissions: the generated notebook with the reference solution in its tagged cell
 * scores full marks, the untouched one 0, and every way a notebook can be broken ends in a clear
 * message naming the notebook and the cell, never a crash. Three grader runs in all (solved,
 * untouched, and one folder holding every broken case, one exercise each), on one grader.
 */
@Timeout(180)
class NotebookGradingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Grader grader;
    static TreeMap<String, byte[]> solved;
    static TreeMap<String, byte[]> untouched;
    @TempDir
    static Path tmp;
    /** The folder of broken notebooks, graded once. */
    static Report broken;

    @BeforeAll
    static void start() throws Exception {
        grader = new Grader(Grader.Options.defaults().withCallMillis(10_000));
        solved = ExerciseGenerator.generate(Submissions.solutions(), true);
        untouched = ExerciseGenerator.generate(Submissions.solutions(), false);
        broken = grade(brokenNotebooks(tmp.resolve("broken")), "broken");
    }

    @AfterAll
    static void stop() {
        grader.close();
    }

    static Report grade(Path submission, String name) throws Exception {
        long t0 = System.nanoTime();
        Report r = grader.grade(submission, tmp.resolve("out-" + name));
        System.out.printf("%-10s %3d/%-3d %5.1f s%n", name, r.score(), r.maxScore(), (System.nanoTime() - t0) / 1e9);
        return r;
    }

    static String notebookName(Exercise e) {
        return untouched.keySet().stream().filter(k -> k.startsWith("notebooks/" + e.id().substring(2) + "-")).findFirst()
                .orElseThrow().substring("notebooks/".length());
    }

    static ObjectNode notebook(TreeMap<String, byte[]> from, Exercise e) throws Exception {
        return (ObjectNode) JSON.readTree(from.get("notebooks/" + notebookName(e)));
    }

    static void write(Path dir, String name, String text) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    static int solutionCell(ObjectNode nb) {
        ArrayNode cells = (ArrayNode) nb.get("cells");
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).path("metadata").path("tags").toString().contains("\"solution\"")) return i;
        }
        throw new AssertionError("no tagged cell");
    }

    static void setSource(ObjectNode nb, int cell, String source) {
        ((ObjectNode) nb.get("cells").get(cell)).put("source", source);
    }

    static String source(ObjectNode nb, int cell) {
        StringBuilder s = new StringBuilder();
        nb.get("cells").get(cell).get("source").forEach(l -> s.append(l.asText()));
        return s.toString();
    }

    /**
     * One folder, one case per exercise: 1 not JSON, 2 nbformat 3, 3 no tag, 4 two tagged cells,
     * 5 a compile error, 6 solved (graded beside the broken ones, with Jupyter's checkpoint copy of it
     * beside it), 7 the class renamed, 8 a solved
     * notebook beside the untouched .java file, 9 the solved .java file beside the untouched notebook.
     */
    static Path brokenNotebooks(Path dir) throws Exception {
        write(dir, notebookName(Exercise.RSA), "{\"cells\": [ {\"cell_type\": \"code\", \"source\": \"class TextbookRsaMath {\"");

        ObjectNode two = notebook(solved, Exercise.PKCS1);
        two.put("nbformat", 3);
        write(dir, notebookName(Exercise.PKCS1), NotebookGenerator.json(two));

        ObjectNode three = notebook(solved, Exercise.CLIENT_HELLO);
        for (JsonNode c : three.get("cells")) ((ObjectNode) c.get("metadata")).remove("tags");
        write(dir, notebookName(Exercise.CLIENT_HELLO), NotebookGenerator.json(three));

        ObjectNode four = notebook(solved, Exercise.SERVER_HELLO);
        int at = solutionCell(four);
        ((ArrayNode) four.get("cells")).insert(at + 1, four.get("cells").get(at).deepCopy());
        write(dir, notebookName(Exercise.SERVER_HELLO), NotebookGenerator.json(four));

        ObjectNode five = notebook(solved, Exercise.PRF);
        int cell5 = solutionCell(five);
        String code5 = source(five, cell5);
        assertTrue(code5.contains("int done = 0;"), code5);
        setSource(five, cell5, code5.replace("int done = 0;", "int done = 0"));
        write(dir, notebookName(Exercise.PRF), NotebookGenerator.json(five));

        write(dir, notebookName(Exercise.KEY_BLOCK), new String(solved.get("notebooks/" + notebookName(Exercise.KEY_BLOCK)),
                StandardCharsets.UTF_8));
        // Jupyter's old copy of it: not a second tagged cell (hidden folders are not read)
        write(dir.resolve(".ipynb_checkpoints"), notebookName(Exercise.KEY_BLOCK).replace(".ipynb", "-checkpoint.ipynb"),
                new String(untouched.get("notebooks/" + notebookName(Exercise.KEY_BLOCK)), StandardCharsets.UTF_8));

        ObjectNode seven = notebook(solved, Exercise.FINISHED);
        int cell7 = solutionCell(seven);
        setSource(seven, cell7, source(seven, cell7).replace("class FinishedCalculator", "class MyFinished"));
        write(dir, notebookName(Exercise.FINISHED), NotebookGenerator.json(seven));

        write(dir, notebookName(Exercise.GCM), new String(solved.get("notebooks/" + notebookName(Exercise.GCM)), StandardCharsets.UTF_8));
        String gcm = "src/main/java/tlslab/exercises/ex08/GcmRecordCipher.java";
        Files.createDirectories(dir.resolve(gcm).getParent());
        Files.write(dir.resolve(gcm), untouched.get(gcm));

        write(dir, notebookName(Exercise.CERTIFICATES), new String(untouched.get("notebooks/" + notebookName(Exercise.CERTIFICATES)),
                StandardCharsets.UTF_8));
        String chain = "tlslab/exercises/ex09/ChainVerifier.java";
        Files.createDirectories(dir.resolve("src/main/java/" + chain).getParent());
        Files.copy(Submissions.solutions().resolve("src/main/java/" + chain), dir.resolve("src/main/java/" + chain));
        return dir;
    }

    static void all(Report r, Exercise e, Predicate<TestResult> check, String what) {
        List<TestResult> ts = r.tests().stream().filter(t -> t.exercise() == e).toList();
        assertFalse(ts.isEmpty(), "no tests of " + e);
        for (TestResult t : ts) assertTrue(check.test(t), () -> what + ": " + t.number() + " " + t.fullName() + "\n" + t.output());
    }

    static void failsSaying(Report r, Exercise e, String... texts) {
        for (String text : texts) all(r, e, t -> !t.passed() && t.output().contains(text), "should fail saying \"" + text + "\"");
        all(r, e, t -> !t.output().contains("at tlslab.grader") && !t.output().contains("Exception in thread"), "no stack trace");
    }

    static void passes(Report r, Exercise e) {
        all(r, e, TestResult::passed, "should pass");
    }

    @Test
    void theSolvedNotebooksScoreFullMarks() throws Exception {
        Path dir = tmp.resolve("solved");
        for (Map.Entry<String, byte[]> f : solved.entrySet()) {
            if (!f.getKey().startsWith("notebooks/")) continue;
            Files.createDirectories(dir);
            Files.write(dir.resolve(f.getKey().substring("notebooks/".length())), f.getValue());
        }
        Report r = grade(dir, "solved");
        for (TestResult t : r.tests()) assertTrue(t.passed(), () -> t.number() + " " + t.fullName() + ":\n" + t.output());
        assertEquals(120, r.maxScore());
        assertEquals(120, r.score());
        assertTrue(r.notes().isEmpty(), r.notes());
    }

    @Test
    void theUntouchedNotebooksScoreZero() throws Exception {
        Report r = grade(Submissions.exercises().resolve("notebooks"), "untouched");
        assertEquals(0, r.score());
        assertEquals(120, r.maxScore());
        for (TestResult t : r.tests()) {
            assertFalse(t.passed(), () -> t.number() + " " + t.fullName());
            assertTrue(t.output().contains("not written yet"), () -> "the TODO's exception, not a grading problem: " + t.output());
        }
    }

    @Test
    void oneSolvedNotebookAloneScoresItsExercise() throws Exception {
        // a notebook file, not a folder, is a submission too (the other exercises are not in it)
        Path nb = tmp.resolve("alone").resolve(notebookName(Exercise.PRF));
        write(nb.getParent(), nb.getFileName().toString(), new String(solved.get("notebooks/" + notebookName(Exercise.PRF)),
                StandardCharsets.UTF_8));
        NotebookSubmission.Prepared p = NotebookSubmission.prepare(nb, Files.createDirectories(tmp.resolve("alone-work")));
        assertEquals(null, p.fatal());
        assertTrue(p.problems().isEmpty() && p.notes().isEmpty(), p.toString());
        String java = Files.readString(p.folder().resolve("src/main/java/tlslab/exercises/ex05/Sha256Prf.java"));
        assertTrue(java.startsWith("package tlslab.exercises.ex05; import java.io.*;"), java);
        assertTrue(java.lines().skip(1).findFirst().orElse("").startsWith("import tlslab.crypto.Prf;"),
                "the cell starts on line 2, so its line numbers are the file's minus one: " + java);
    }

    @Test
    void aNotebookThatIsNotJsonIsNamed() {
        failsSaying(broken, Exercise.RSA, "exercise 1 was not graded", "01-rsa.ipynb is not a notebook: it is not valid JSON (line 1");
    }

    @Test
    void aNotebookOfAnotherFormatIsNamed() {
        failsSaying(broken, Exercise.PKCS1, "02-pkcs1.ipynb is in notebook format 3; the grader reads nbformat 4");
    }

    @Test
    void aNotebookWithoutTheTagIsNamed() {
        failsSaying(broken, Exercise.CLIENT_HELLO, "03-client-hello.ipynb has no code cell tagged solution", "add the tag solution");
    }

    @Test
    void twoTaggedCellsForOneExerciseAreNamed() {
        failsSaying(broken, Exercise.SERVER_HELLO, "exercise 4 was not graded: 2 cells are tagged solution for it"
                + " (04-server-hello.ipynb, cell 4, 04-server-hello.ipynb, cell 5)");
    }

    @Test
    void aCellThatDoesNotCompileIsNamedWithItsLine() throws Exception {
        ObjectNode five = notebook(solved, Exercise.PRF);
        String code = source(five, solutionCell(five));
        int line = (int) code.substring(0, code.indexOf("int done = 0;")).lines().count();
        failsSaying(broken, Exercise.PRF, "did not compile", "05-prf.ipynb, cell " + (solutionCell(five) + 1)
                + " (tagged solution), line " + line + ": error: ';' expected");
        assertFalse(broken.notes().contains("Sha256Prf.java:"), "the notebook's cell, not the grader's file: " + broken.notes());
    }

    @Test
    void aCellWithTheClassRenamedIsNamed() {
        failsSaying(broken, Exercise.FINISHED, "07-finished.ipynb, cell 4 (tagged solution) does not declare class FinishedCalculator");
    }

    @Test
    void brokenNotebooksCostOnlyTheirOwnExercise() {
        passes(broken, Exercise.KEY_BLOCK);
        passes(broken, Exercise.GCM);
        passes(broken, Exercise.CERTIFICATES);
        assertTrue(broken.notes().contains("exercise 8: graded 08-gcm-records.ipynb, cell 4 (tagged solution), not"
                + " src/main/java/tlslab/exercises/ex08/GcmRecordCipher.java (the notebook has fewer unwritten TODOs: 0 against 4)"),
                broken.notes());
        assertTrue(broken.notes().contains("exercise 9: graded src/main/java/tlslab/exercises/ex09/ChainVerifier.java, not"
                + " 09-certificate-chain.ipynb, cell 4 (the file has fewer unwritten TODOs: 0 against 1)"), broken.notes());
        assertFalse(broken.notes().contains("start marker") || broken.notes().contains("[Source"), broken.notes());
        failsSaying(broken, Exercise.TAMPERING, "class tlslab.exercises.ex10.TamperDetector is not in your submission");
    }

    @Test
    void aBatchTakesNotebooksHandedInAloneAsStudents() throws Exception {
        Path subs = Files.createDirectories(tmp.resolve("batch"));
        write(subs.resolve("alice"), "05-prf.ipynb", "{}");
        write(subs, "bob.ipynb", "{}");
        write(subs, "notes.txt", "not a student");
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Main.Grading fake = (g, sub, out) -> {   // which submissions the batch hands out, not their grades
            seen.add(sub.getFileName().toString());
            return new Report(sub.getFileName().toString(), List.of(), "", 0, "none", "");
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.batch(Grader.Options.defaults(), subs, tmp.resolve("batch-out"), 1, fake,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("alice", "bob.ipynb"), seen);
        List<String> csv = Files.readAllLines(tmp.resolve("batch-out/scores.csv"));
        assertEquals(3, csv.size(), csv.toString());
        assertTrue(csv.get(2).startsWith("bob.ipynb,"), csv.toString());
    }

    @Test
    void theCommandLineTakesANotebookAndSaysWhatIsWrongWithIt() throws Exception {
        Path bad = tmp.resolve("cli").resolve("05-prf.ipynb");
        write(bad.getParent(), "05-prf.ipynb", "not a notebook at all");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {bad.toString(), "--out", tmp.resolve("cli-out").toString(), "--exercises", "5"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("0/10"), printed);
        JsonNode results = JSON.readTree(tmp.resolve("cli-out/results.json").toFile());
        String output = results.get("tests").get(0).get("output").asText();
        assertTrue(output.contains("05-prf.ipynb is not a notebook: it is not valid JSON"), output);
        assertNotNull(results.get("score"));
        assertEquals(0, results.get("score").intValue());
    }
}
