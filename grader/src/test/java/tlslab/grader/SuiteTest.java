package tlslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;

import tlslab.exercises.check.Exercise;

/** The suite's own rules: points and a time limit on every test, hidden tests never shipped. */
class SuiteTest {

    @Test
    void everyTestHasPointsATimeoutAndAnExercise() throws Exception {
        TestPlan plan = LauncherFactory.create().discover(TestRun.request(Set.of(), false));
        List<TestRun.Planned> tests = TestRun.plan(plan);
        assertTrue(tests.size() >= 40, "tests found: " + tests.size());
        Set<String> names = new HashSet<>();
        Set<Exercise> visible = new HashSet<>(), hidden = new HashSet<>();
        for (TestRun.Planned t : tests) {
            String id = t.className() + " " + t.id().getDisplayName();
            assertTrue(t.points() > 0, "no @Tag(\"points=N\") on " + id);
            assertNotNull(t.exercise(), "no exercise for " + id + " (visible tests go in tlslab.exercises.exNN,"
                    + " hidden ones are named tlslab.exercises.hidden.ExNN…Test)");
            Class<?> c = Class.forName(t.className());
            assertNotNull(c.getAnnotation(Timeout.class), "no @Timeout on " + t.className());
            assertTrue(names.add(t.classTitle() + " › " + t.id().getDisplayName()), "two tests named " + id);
            (t.hidden() ? hidden : visible).add(t.exercise());
            // hidden tests must not be in the students' folder
            String file = t.className().replace('.', '/') + ".java";
            assertEquals(!t.hidden(), Files.exists(Submissions.exercises().resolve("src/test/java").resolve(file)),
                    (t.hidden() ? "hidden test shipped to students: " : "visible test missing from exercises/: ") + file);
        }
        assertEquals(Set.of(Exercise.values()), visible, "every exercise has visible tests");
        assertEquals(Set.of(Exercise.values()), hidden, "every exercise has hidden tests");
        int total = tests.stream().mapToInt(TestRun.Planned::points).sum();
        assertEquals(120, total, "points of all tests: 12 exercises of 10");
    }

    @Test
    void studentJvmClassPathHoldsNoTests() throws Exception {
        for (var entry : Grader.childClasspath()) {
            assertFalse(Grader.containsTests(entry), entry.toString());
        }
        assertTrue(Grader.containsTests(Grader.codeSource(Exercise.class)), "the check itself finds the tests jar");
    }
}
