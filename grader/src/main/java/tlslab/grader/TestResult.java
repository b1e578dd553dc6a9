package tlslab.grader;

import tlslab.exercises.check.Exercise;

/** One graded test, as every report shows it. */
record TestResult(String number, Exercise exercise, String className, String classTitle, String name, boolean hidden,
                  int maxPoints, boolean passed, String output, double seconds) {

    /** This test failed after all, for {@code why} (shown before what it said). */
    TestResult failed(String why) {
        return new TestResult(number, exercise, className, classTitle, name, hidden, maxPoints, false,
                why + (output.isBlank() ? "" : "\n\n" + output), seconds);
    }

    int points() {
        return passed ? maxPoints : 0;
    }

    /** "Exercise 5 · The TLS 1.2 PRF (P_SHA256) › a real handshake (client side) runs on your PRF" */
    String fullName() {
        return classTitle + " › " + name;
    }
}
