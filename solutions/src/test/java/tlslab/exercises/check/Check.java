package tlslab.exercises.check;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The check cell of a notebook: runs an exercise's visible tests (the same ones {@code mvn test}
 * runs) against an object written in the notebook, and prints a table of what passed, with the
 * failure messages and hints.
 *
 * <pre>
 * Prf.Function mine = (secret, label, seed, length) -&gt; { … };
 * Check.run(5, mine);
 * </pre>
 */
public final class Check {
    private Check() {
    }

    /** One test's outcome. */
    public record Row(String name, boolean passed, int points, String message) {
    }

    /** All of one exercise's outcomes; {@code toString()} is the table. */
    public record Report(Exercise exercise, List<Row> rows) {
        public int points() {
            return rows.stream().filter(Row::passed).mapToInt(Row::points).sum();
        }

        public int maxPoints() {
            return rows.stream().mapToInt(Row::points).sum();
        }

        public boolean allPassed() {
            return !rows.isEmpty() && rows.stream().allMatch(Row::passed);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            long passed = rows.stream().filter(Row::passed).count();
            s.append(exercise.label()).append(": ").append(passed).append(" of ").append(rows.size())
                    .append(" checks pass (").append(points()).append(" of ").append(maxPoints()).append(" points)\n");
            for (Row r : rows) {
                s.append(r.passed ? "  PASS " : "  FAIL ").append(String.format("%d/%d  ", r.passed ? r.points : 0, r.points))
                        .append(r.name).append('\n');
                if (!r.passed && r.message != null) {
                    for (String line : r.message.split("\n")) s.append("         ").append(line).append('\n');
                }
            }
            if (allPassed()) s.append("All checks pass.\n");
            return s.toString();
        }
    }

    /** Runs exercise {@code number}'s visible tests on {@code impl}, prints the table and returns it. */
    public static Report run(int number, Object impl) {
        return run(Exercise.number(number), impl);
    }

    public static Report run(Exercise exercise, Object impl) {
        Report report = test(exercise, impl);
        System.out.print(report);
        return report;
    }

    /** The same without printing. */
    public static Report test(Exercise exercise, Object impl) {
        Impl.override(exercise, impl);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Notebook kernels load jars through their own class loader: let JUnit search that one.
        thread.setContextClassLoader(Check.class.getClassLoader());
        List<Row> rows = new ArrayList<>();
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectPackage(exercise.packageName()))
                    .filters(includeClassNamePatterns(".*Test"))
                    .configurationParameter("junit.jupiter.execution.timeout.default", "60 s")
                    .build();
            LauncherFactory.create().execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (!id.isTest()) return;
                    boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                    String message = result.getThrowable().map(Check::describe).orElse(null);
                    rows.add(new Row(id.getDisplayName(), ok, points(id), message));
                }
            });
        } finally {
            thread.setContextClassLoader(previous);
            Impl.clear(exercise);
        }
        return new Report(exercise, rows);
    }

    static int points(TestIdentifier id) {
        for (TestTag t : id.getTags()) {
            if (t.getName().startsWith("points=")) return Integer.parseInt(t.getName().substring(7));
        }
        return 0;
    }

    /** The failure as a student should see it: our messages as they are, anything else with where it came from. */
    static String describe(Throwable t) {
        if (t instanceof AssertionError) return String.valueOf(t.getMessage());
        StringBuilder s = new StringBuilder("your code threw ").append(t);
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("tlslab.exercises.check") || e.getClassName().startsWith("org.junit")) break;
            s.append("\n  at ").append(e);
            if (e.getClassName().endsWith("Test")) break;
        }
        return s.toString();
    }
}
