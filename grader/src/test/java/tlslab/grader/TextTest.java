package tlslab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslab.exercises.check.Exercise;

/** Student-controlled text is made safe before it reaches a terminal or a report. */
class TextTest {
    static final String ESC = "\u001b";
    static final String EMOJI = "\uD83D\uDE00";   // 😀, two chars

    @Test
    void escapeSequencesAndControlsAreStripped() {
        assertEquals("ALL TESTS PASSED", Text.clean(ESC + "[2J" + ESC + "[HALL TESTS PASSED"));
        assertEquals("red, plain", Text.clean(ESC + "[1;31mred" + ESC + "[0m, plain"));
        assertEquals("title gone", Text.clean(ESC + "]0;pwned\u0007title " + ESC + "]8;;http://x" + ESC + "\\gone"));
        assertEquals("ab", Text.clean("a" + ESC + "(B" + ESC + "cb"));
        assertEquals("csi", Text.clean("\u009b2Jcsi\u009d0;t\u0007"));   // one-character C1 forms
        assertEquals("a\nb\tc", Text.clean("a\r\nb\tc\u0000\u0008\u007f\u0085"));
        assertEquals("txt.exe", Text.clean("\u202etxt.exe\u202c\u2066\u2069"));   // bidi overrides and isolates
        assertEquals("x\nnext line", Text.clean("x" + ESC + "]0;never ended\nnext line"));
        assertEquals("end", Text.clean("end" + ESC));
        assertEquals("a\uFFFDb\uFFFD", Text.clean("a\uD800b\uDC00"));   // lone surrogates
        String fine = "é ✗ › … " + EMOJI + " 中文";
        assertEquals(fine, Text.clean(fine));
        assertEquals("", Text.clean(null));
    }

    @Test
    void cutsOnCodePointsAndMarksTheCut() {
        assertEquals("abc", Text.cut("abc", 3));
        assertEquals("ab…", Text.cut("abcd", 3));
        String s = "x".repeat(4) + EMOJI + EMOJI;
        assertEquals(s, Text.cut(s, 6));
        assertEquals("xxxx…", Text.cut(s, 5));
        assertEquals("xxxx" + EMOJI + "…", Text.cut(s + "y", 6));
        assertEquals("first line", Text.line("\n  first line\nsecond", 80));
    }

    /**
     * Issue 7: a message cut in the middle of an emoji made summary.txt fail to write (the student
     * became grader-error in scores.csv while results.json said 99).
     */
    @Test
    void aCutEmojiNoLongerBreaksTheReports(@TempDir Path dir) throws Exception {
        // the old table cut this message to 109 chars: the emoji's first half
        String message = "x".repeat(108) + EMOJI.repeat(3) + " and more";
        Report r = new Report("alice " + EMOJI, List.of(
                new TestResult("1.1", Exercise.RSA, "Exercise 1", "passes", false, 99, true, ""),
                new TestResult("1.2", Exercise.RSA, "Exercise 1", "t" + EMOJI.repeat(40), false, 1, false, message)),
                "", 1.0, "off", null);
        r.write(dir, "after_due_date");
        for (String f : List.of("summary.txt", "summary.html", "results.json")) {
            // strict decoding: a lone surrogate would have been written as something undecodable
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(dir.resolve(f))));
        }
        String table = Files.readString(dir.resolve("summary.txt"));
        assertTrue(table.contains("x".repeat(108) + EMOJI + "…"), table);
        assertEquals(99, new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("score").intValue());
    }

    @Test
    void reportsCarryNoEscapes(@TempDir Path dir) throws Exception {
        String evil = ESC + "[2J" + ESC + "[HALL TESTS PASSED\u202e";
        Report r = new Report("eve" + ESC + "[31m", List.of(
                new TestResult("1.1", Exercise.RSA, "Exercise 1", "t", false, 10, false, evil + "\nyour code printed:\n" + evil)),
                "Broken.java:1: " + evil, 1.0, "off", null);
        r.write(dir, "after_due_date");
        for (String text : List.of(r.table(), Files.readString(dir.resolve("summary.txt")),
                Files.readString(dir.resolve("summary.html")), Files.readString(dir.resolve("results.json")))) {
            assertFalse(text.contains(ESC) || text.contains("\u202e") || text.toLowerCase().matches("(?s).*\\\\u(001b|202e).*"), text);
            assertTrue(text.contains("ALL TESTS PASSED"), text);
        }
    }
}
