package tlslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exercises/ is what the generator makes from solutions/, so the two cannot drift. */
class GeneratorTest {

    @Test
    void exercisesAreInSyncWithSolutions() throws Exception {
        List<String> diff = ExerciseGenerator.differences(Submissions.solutions(), Submissions.exercises());
        assertTrue(diff.isEmpty(), () -> "exercises/ is out of sync with solutions/; run ./tlslab grade --generate-exercises"
                + " and commit the result. First difference: " + diff.get(0) + (diff.size() > 1 ? " (and " + (diff.size() - 1)
                + " more)" : ""));
    }

    @Test
    void noSolutionCodeReachesTheStudents() throws Exception {
        try (var walk = Files.walk(Submissions.exercises().resolve("src"))) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(p)) continue;
                String text = Files.readString(p);
                assertTrue(!text.contains("BEGIN SOLUTION") && !text.contains("END SOLUTION"), p.toString());
                assertTrue(!p.toString().contains("hidden"), "hidden tests in exercises/: " + p);
            }
        }
    }

    @Test
    void regionsBecomeThrowingTodos() throws Exception {
        String src = "class A {\n    int f() {\n        // BEGIN SOLUTION A.f: add them up\n        return 1 + 2;\n"
                + "        // END SOLUTION\n    }\n\n    // BEGIN SOLUTION REMOVE\n    static int helper() {\n        return 3;\n    }\n"
                + "    // END SOLUTION\n}\n";
        assertEquals("class A {\n    int f() {\n        // TODO: add them up\n"
                + "        throw new UnsupportedOperationException(\"not written yet: A.f\");\n    }\n}\n",
                ExerciseGenerator.stub("A.java", src));
    }

    @Test
    void aRemovedHelperInTheMiddleLeavesOneBlankLine() throws Exception {
        String src = "class A {\n    int a;\n\n    // BEGIN SOLUTION REMOVE\n    int b;\n    // END SOLUTION\n\n    int c;\n}\n";
        assertEquals("class A {\n    int a;\n\n    int c;\n}\n", ExerciseGenerator.stub("A.java", src));
    }

    @Test
    void brokenMarkersAreRefusedWithTheirLine() {
        IOException unclosed = assertThrows(IOException.class,
                () -> ExerciseGenerator.stub("A.java", "class A {\n  // BEGIN SOLUTION\n  int x;\n}\n"));
        assertTrue(unclosed.getMessage().contains("A.java:2"), unclosed.getMessage());
        IOException stray = assertThrows(IOException.class, () -> ExerciseGenerator.stub("B.java", "class B {\n// END SOLUTION\n}\n"));
        assertTrue(stray.getMessage().contains("B.java:2"), stray.getMessage());
        IOException nested = assertThrows(IOException.class, () -> ExerciseGenerator.stub("C.java",
                "// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION\n// END SOLUTION\n"));
        assertTrue(nested.getMessage().contains("C.java:2"), nested.getMessage());
    }

    @Test
    void aDriftIsReportedWithTheFirstDifferingFile(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("exercises");
        Grader.copyTree(Submissions.exercises().resolve("src"), copy.resolve("src"));
        Path f = copy.resolve("src/main/java/tlslab/exercises/ex05/Sha256Prf.java");
        Files.writeString(f, Files.readString(f).replace("not written yet", "not done"));
        Files.writeString(copy.resolve("src/main/java/Extra.java"), "class Extra {}\n");
        List<String> diff = ExerciseGenerator.differences(Submissions.solutions(), copy);
        assertEquals(2, diff.size(), diff.toString());
        assertTrue(diff.get(0).startsWith("exercises/src/main/java/Extra.java should not be there"), diff.get(0));
        assertTrue(diff.get(1).contains("ex05/Sha256Prf.java differs at line"), diff.get(1));
    }
}
