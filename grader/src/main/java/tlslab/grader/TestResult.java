package tlslab.grader;

import tlslab.exercises.check.Exercise;

/** One graded test, as every report shows it. */
record TestResult(String number, Exercise exercise, String classTitle, String name, boolean hidden, int maxPoints, boolean passed,
                  String output) {
    /** A test's output is the student's (messages, what the code printed): made safe once, here, for every report. */
    static final int MAX_OUTPUT = 50_000;

    TestResult {
        name = Text.clean(name);
        classTitle = Text.clean(classTitle);
        output = Text.cut(Text.clean(output), MAX_OUTPUT);
    }

    int points() {
        return passed ? maxPoints : 0;
    }

    /** "Exercise 5 · The TLS 1.2 PRF (P_SHA256) › a real handshake (client side) runs on your PRF" */
    String fullName() {
        return classTitle + " › " + name;
    }
}
