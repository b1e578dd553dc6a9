package tlslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        Grader.copyTree(Submissions.exercises().resolve("notebooks"), copy.resolve("notebooks"));
        Path f = copy.resolve("src/main/java/tlslab/exercises/ex05/Sha256Prf.java");
        Files.writeString(f, Files.readString(f).replace("not written yet", "not done"));
        Files.writeString(copy.resolve("src/main/java/Extra.java"), "class Extra {}\n");
        List<String> diff = ExerciseGenerator.differences(Submissions.solutions(), copy);
        assertEquals(2, diff.size(), diff.toString());
        assertTrue(diff.get(0).startsWith("exercises/src/main/java/Extra.java should not be there"), diff.get(0));
        assertTrue(diff.get(1).contains("ex05/Sha256Prf.java differs at line"), diff.get(1));
    }

    @Test
    void aDriftInTheNotebooksIsReportedToo(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("exercises");
        Grader.copyTree(Submissions.exercises().resolve("src"), copy.resolve("src"));
        Grader.copyTree(Submissions.exercises().resolve("notebooks"), copy.resolve("notebooks"));
        Path nb = copy.resolve("notebooks/05-prf.ipynb");
        Files.writeString(nb, Files.readString(nb).replace("Check.run(5, new Sha256Prf())", "Check.run(5, null)"));
        Files.delete(copy.resolve("notebooks/01-rsa.ipynb"));
        Files.writeString(copy.resolve("notebooks/99-mine.ipynb"), "{}");
        Path ran = copy.resolve("notebooks/02-pkcs1.ipynb");   // run and saved: outputs in it
        Files.writeString(ran, Files.readString(ran).replace("\"outputs\": []", "\"outputs\": [{\"name\": \"stdout\","
                + " \"output_type\": \"stream\", \"text\": \"hello\"}]").replace("\"execution_count\": null", "\"execution_count\": 3"));
        Files.createDirectories(copy.resolve("notebooks/.ipynb_checkpoints"));
        Files.writeString(copy.resolve("notebooks/.ipynb_checkpoints/05-prf-checkpoint.ipynb"), "{}");   // Jupyter's, ignored
        List<String> diff = ExerciseGenerator.differences(Submissions.solutions(), copy);
        assertEquals(4, diff.size(), diff.toString());
        assertEquals("exercises/notebooks/01-rsa.ipynb is missing", diff.get(0));
        assertEquals("exercises/notebooks/02-pkcs1.ipynb holds outputs or execution counts: the notebooks are committed as"
                + " generated, without them", diff.get(1));
        assertTrue(diff.get(2).startsWith("exercises/notebooks/05-prf.ipynb differs at line"), diff.get(2));
        assertTrue(diff.get(3).startsWith("exercises/notebooks/99-mine.ipynb should not be there"), diff.get(3));
    }

    @Test
    void everyExerciseHasANotebookWithOneTaggedCellHoldingItsStub() throws Exception {
        var files = ExerciseGenerator.generate(Submissions.solutions());
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (tlslab.exercises.check.Exercise e : tlslab.exercises.check.Exercise.values()) {
            var names = files.keySet().stream().filter(k -> k.startsWith("notebooks/" + e.id().substring(2) + "-")).toList();
            assertEquals(1, names.size(), "one notebook for exercise " + e.number + ": " + names);
            var nb = mapper.readTree(files.get(names.get(0)));
            assertEquals(4, nb.get("nbformat").intValue());
            assertEquals(e.number, nb.get("metadata").get("tlslab").get("exercise").intValue());
            String stub = new String(files.get("src/main/java/" + e.implementation.replace('.', '/') + ".java"));
            int tagged = 0, checks = 0;
            for (var cell : nb.get("cells")) {
                StringBuilder src = new StringBuilder();
                cell.get("source").forEach(l -> src.append(l.asText()));
                assertFalse(src.toString().contains("SOLUTION"), names.get(0));
                if (cell.get("metadata").path("tags").toString().contains("\"solution\"")) {
                    tagged++;
                    assertEquals(NotebookGenerator.classCell(stub), src.toString(), "the tagged cell is the stubbed class");
                    assertEquals(e.number, cell.get("metadata").get("tlslab").get("exercise").intValue());
                    assertTrue(cell.get("metadata").get("nbgrader").get("solution").booleanValue());
                }
                if (src.toString().contains("Check.run(" + e.number + ", new ")) checks++;
            }
            assertEquals(1, tagged, names.get(0));
            assertEquals(1, checks, names.get(0));
            assertTrue(new String(files.get(names.get(0))).contains("### How to hand in"), names.get(0));
        }
    }
}
