package tlslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tests mean something: the reference solutions score 100%, the untouched exercises score 0
 * on every graded test, and the reports are what Gradescope and CI read.
 */
@Timeout(180)
class GradeReferenceAndStubsTest {
    static Grader grader;

    @BeforeAll
    static void start() throws Exception {
        grader = new Grader(Grader.Options.defaults().withCallMillis(10_000));
    }

    @AfterAll
    static void stop() {
        grader.close();
    }

    @Test
    void referenceSolutionsScoreFullMarks(@TempDir Path out) throws Exception {
        long t0 = System.nanoTime();
        Report r = grader.grade(Submissions.solutions(), out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("reference solutions: %d/%d in %.1f s (%s)%n", r.score(), r.maxScore(), seconds, r.sandbox());
        for (TestResult t : r.tests()) assertTrue(t.passed(), () -> t.number() + " " + t.fullName() + ":\n" + t.output());
        assertEquals(120, r.maxScore(), "the course's twelve exercises are worth 120 points, 10 each");
        assertEquals(r.maxScore(), r.score());
        assertTrue(r.tests().size() >= 40, "visible and hidden tests are all there: " + r.tests().size());
        assertTrue(r.tests().stream().anyMatch(TestResult::hidden) && r.tests().stream().anyMatch(t -> !t.hidden()));

        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(120, json.get("score").intValue());
        assertEquals(120, json.get("extra_data").get("max_score").intValue());
        JsonNode tests = json.get("tests");
        assertEquals(r.tests().size(), tests.size());
        for (JsonNode t : tests) {
            for (String k : List.of("name", "number", "score", "max_score", "status", "output", "visibility", "tags")) {
                assertTrue(t.has(k), "results.json test without " + k + ": " + t);
            }
            assertTrue(List.of("visible", "after_due_date").contains(t.get("visibility").asText()), t.toString());
            assertEquals(t.get("max_score").intValue(), t.get("score").intValue(), t.toString());
        }
        var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile());
        assertEquals(r.tests().size(), xml.getElementsByTagName("testcase").getLength());
        assertEquals(0, xml.getElementsByTagName("failure").getLength());
        String junit = Files.readString(out.resolve("junit.xml"));
        // points and visibility ride along as report entries; the grader's system properties (its paths) do not
        assertTrue(junit.contains("- max_points: ") && junit.contains("- visibility: hidden"), junit);
        assertFalse(junit.contains("<property") || junit.contains("java.class.path") || junit.contains("user.dir"), junit);
        assertTrue(Files.readString(out.resolve("summary.html")).contains("120 of 120 points"));
    }

    @Test
    void untouchedExercisesScoreZeroOnEveryTest(@TempDir Path out) throws Exception {
        Report r = grader.grade(Submissions.exercises(), out);
        for (TestResult t : r.tests()) {
            assertFalse(t.passed(), () -> "passes on the untouched exercises, so it proves nothing: " + t.number() + " "
                    + t.fullName());
            assertFalse(t.output().isBlank(), () -> "a failed test without a message: " + t.fullName());
        }
        assertEquals(0, r.score());
        assertEquals(120, r.maxScore());
        assertTrue(r.tests().stream().allMatch(t -> t.output().contains("not written yet")),
                "every failure names the TODO that is not done yet");
        var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile());
        assertEquals(r.tests().size(), xml.getElementsByTagName("failure").getLength());
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("not written yet") && junit.contains("- points: 0"), junit);
        assertFalse(junit.contains("at tlslab.grader."), "the grader's stack traces stay out of junit.xml");
    }
}
