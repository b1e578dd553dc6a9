package tlslab.grader;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

import tlslab.exercises.check.Exercise;
import tlslab.exercises.check.Impl;

/**
 * Runs the exercises' tests (visible and hidden, from the grader's own class path, never the
 * submission's) in this JVM with the JUnit Platform Launcher, and turns each outcome into a
 * {@link TestResult} with a message for the student.
 */
final class TestRun {
    /** A test as discovered, before it runs. */
    record Planned(TestIdentifier id, Exercise exercise, String className, String classTitle, boolean hidden, int points) {
    }

    private TestRun() {
    }

    static LauncherDiscoveryRequest request(Set<Exercise> only, boolean visibleOnly) {
        List<String> ids = new ArrayList<>();
        for (Exercise e : Exercise.values()) {
            if (only.isEmpty() || only.contains(e)) ids.add(e.id().substring(2));
        }
        String nn = String.join("|", ids);
        String pattern = "^tlslab\\.exercises\\.(?:ex(?:" + nn + ")\\.[A-Za-z0-9_]+Test"
                + (visibleOnly ? "" : "|hidden\\.Ex(?:" + nn + ")[A-Za-z0-9_]*Test") + ")$";
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("tlslab.exercises"))
                .filters(includeClassNamePatterns(pattern))
                .configurationParameter("junit.jupiter.testclass.order.default", ExerciseOrder.class.getName())
                .configurationParameter("junit.jupiter.execution.timeout.default", "60 s")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
    }

    /** Every test of the suite, in the order they run, with points and visibility. */
    static List<Planned> plan(TestPlan plan) {
        List<Planned> out = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) collect(plan, root, null, out);
        return out;
    }

    /** {@code cls}: the innermost test class {@code id} is in. */
    private static void collect(TestPlan plan, TestIdentifier id, TestIdentifier cls, List<Planned> out) {
        if (id.getSource().orElse(null) instanceof ClassSource) cls = id;
        if (id.isTest()) {
            String className = cls == null ? "?" : ((ClassSource) cls.getSource().get()).getClassName();
            out.add(new Planned(id, Exercise.ofTestClass(className), className, cls == null ? "?" : cls.getDisplayName(),
                    Exercise.isHidden(className), points(id)));
        }
        for (TestIdentifier child : plan.getChildren(id)) collect(plan, child, cls, out);
    }

    static int points(TestIdentifier id) {
        return id.getTags().stream().map(TestTag::getName).filter(t -> t.matches("points=\\d{1,6}"))
                .mapToInt(t -> Integer.parseInt(t.substring("points=".length()))).findFirst().orElse(0);
    }

    /** The graded tests, and junit.xml as the JUnit Platform's legacy XML listener wrote it. */
    record Outcome(List<TestResult> tests, String junitXml) {
    }

    /**
     * Runs the tests with the session's proxies as the exercises' implementations (for this thread and
     * the threads the tests start, so that several runs can go on at once in a batch).
     */
    static Outcome run(Session session, Set<Exercise> only, boolean visibleOnly) throws IOException {
        Launcher launcher = LauncherFactory.create();
        TestPlan plan = launcher.discover(request(only, visibleOnly));
        List<Planned> planned = plan(plan);
        Map<String, Planned> byId = new LinkedHashMap<>();
        for (Planned p : planned) byId.put(p.id().getUniqueId(), p);
        Map<String, Ran> results = new HashMap<>();   // null: skipped
        Map<String, String> containerFailures = new HashMap<>();
        Path xmlDir = Files.createTempDirectory("tlslab-junit-");
        StringWriter xmlErrors = new StringWriter();
        LegacyXmlReportGeneratingListener xml = new LegacyXmlReportGeneratingListener(xmlDir, new PrintWriter(xmlErrors, true));
        // the XML is written when the engine finishes: held back until every test's points are published
        Map<TestIdentifier, TestExecutionResult> roots = new LinkedHashMap<>();
        Impl.useProvider(session::proxy);
        try {
            launcher.execute(plan, new TestExecutionListener() {
                @Override
                public void testPlanExecutionStarted(TestPlan p) {
                    xml.testPlanExecutionStarted(p);
                }

                @Override
                public void executionStarted(TestIdentifier id) {
                    if (id.isTest()) session.testStarted();
                    xml.executionStarted(id);
                }

                @Override
                public void executionSkipped(TestIdentifier id, String reason) {
                    if (byId.containsKey(id.getUniqueId())) results.put(id.getUniqueId(), null);
                    containerFailures.put(id.getUniqueId(), "not run: " + reason);
                    xml.executionSkipped(id, Text.clean(reason));
                }

                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                    boolean ok = r.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                    String message = ok ? "" : explain(session, r.getThrowable().orElse(null));
                    if (byId.containsKey(id.getUniqueId())) {
                        String printed = session.takeOutput();
                        if (!printed.isBlank()) {
                            message += (message.isEmpty() ? "" : "\n\n") + "your code printed:\n" + indent(printed.strip());
                        }
                        results.put(id.getUniqueId(), new Ran(ok, message));
                    } else if (!ok && !id.isTest()) {
                        containerFailures.put(id.getUniqueId(), message);
                    }
                    if (id.getParentIdObject().isEmpty()) roots.put(id, ok ? r : shown(message));
                    else xml.executionFinished(id, ok ? r : shown(message));
                }
            });
        } finally {
            Impl.useProvider(null);
        }
        Map<Exercise, Integer> numbers = new HashMap<>();   // "5.1", "5.2", … per exercise, in run order, as Gradescope shows them
        List<TestResult> ordered = new ArrayList<>();
        Map<Exercise, String> violations = session.violations();   // the runs are over: read once
        for (Planned p : planned) {
            Ran ran = results.get(p.id().getUniqueId());
            if (ran == null) {
                String why = "this test did not run";
                for (Optional<String> parent = p.id().getParentId(); parent.isPresent(); ) {
                    String f = containerFailures.get(parent.get());
                    if (f != null) {
                        why = "this test could not start: " + f;
                        break;
                    }
                    parent = plan.getTestIdentifier(parent.get()).getParentId();
                }
                ran = new Ran(false, why);
                if (!results.containsKey(p.id().getUniqueId())) {   // neither finished nor skipped: not a pass in junit.xml either
                    xml.executionStarted(p.id());
                    xml.executionFinished(p.id(), shown(why));
                }
            }
            String violation = violations.get(p.exercise());
            if (violation != null && ran.ok()) {   // a pass from a runner that broke the protocol counts for nothing
                ran = new Ran(false, violation + "\n\n" + ran.message());
                xml.executionFinished(p.id(), shown(ran.message()));
            }
            String number = (p.exercise() == null ? 0 : p.exercise().number) + "." + numbers.merge(p.exercise(), 1, Integer::sum);
            TestResult r = new TestResult(number, p.exercise(), p.classTitle(), p.id().getDisplayName(), p.hidden(), p.points(),
                    ran.ok(), ran.message());
            ordered.add(r);
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("points", String.valueOf(r.points()));
            entry.put("max_points", String.valueOf(r.maxPoints()));
            entry.put("visibility", r.hidden() ? "hidden" : "visible");
            xml.reportingEntryPublished(p.id(), ReportEntry.from(entry));
        }
        roots.forEach(xml::executionFinished);
        xml.testPlanExecutionFinished(plan);
        return new Outcome(ordered, junitXml(xmlDir, xmlErrors));
    }

    /** How a test went, before it gets its number. */
    private record Ran(boolean ok, String message) {
    }

    /**
     * A failure as junit.xml shows it: the student's message as results.json has it (cleaned), not the
     * exception the test saw (its text is the student's, its stack trace the grader's).
     */
    static TestExecutionResult shown(String message) {
        return TestExecutionResult.failed(new Failure(Text.clean(message)));
    }

    /** junit.xml's failure: message attribute the first line, content the whole text, no stack trace. */
    static final class Failure extends AssertionError {
        private final String text;

        Failure(String text) {
            super(Text.line(text, 200));
            this.text = text;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The XML file the listener wrote, without the grader's system properties (they name its paths). */
    private static String junitXml(Path dir, StringWriter errors) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Path file = files.filter(f -> f.getFileName().toString().endsWith(".xml")).findFirst()
                    .orElseThrow(() -> new IOException("no JUnit XML report: " + errors));
            return Files.readString(file, StandardCharsets.UTF_8).replaceFirst("(?s)<properties>.*?</properties>\n?", "");
        } finally {
            Grader.deleteQuietly(dir);
        }
    }

    /** What a student should read about a failed test. */
    static String explain(Session session, Throwable t) {
        if (t == null) return "failed";
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StudentCodeError s) return s.getMessage();
        }
        if (t instanceof TimeoutException || String.valueOf(t.getMessage()).contains("timed out after")) {
            return "the test did not finish in time (" + t.getMessage() + "): your code is too slow, or it waits forever";
        }
        if (t instanceof AssertionError) {
            StringBuilder s = new StringBuilder(String.valueOf(t.getMessage()));
            Throwable cause = t.getCause();
            if (cause != null && session.isRemote(cause)) s.append('\n').append(stack(cause));
            return s.toString();
        }
        if (session.isRemote(t)) return "your code threw " + stack(t);
        return "the test stopped with " + t + " — usually because your code returned something unusable"
                + " (null, or an array of the wrong size)";
    }

    /** An exception from the student's code with its frames (they are the student's own). */
    static String stack(Throwable t) {
        StringBuilder s = new StringBuilder(t.toString());
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < frames.length && i < 8; i++) s.append("\n    at ").append(frames[i]);
        for (Throwable x : t.getSuppressed()) {
            if (x instanceof RemoteException r) s.append('\n').append(r.getMessage().replaceFirst("^details: ", ""));
        }
        return s.toString();
    }

    static String indent(String s) {
        return "  " + s.replace("\n", "\n  ");
    }
}
