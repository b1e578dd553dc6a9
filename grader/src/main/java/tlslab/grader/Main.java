package tlslab.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import tlslab.exercises.check.Exercise;

/** {@code ./tlslab grade}: see {@link #USAGE}. */
@Command(name = "tlslab grade")
public final class Main {
    static final String USAGE = """
            Usage:
              ./tlslab grade SUBMISSION_DIR [--out DIR] [options]   grade one submission (a copy of exercises/)
              ./tlslab grade NOTEBOOK.ipynb [--out DIR] [options]   grade a notebook (or a folder of them, with .java files or not)
              ./tlslab grade --batch DIR [--out DIR] [options]      grade every sub-folder (and .ipynb) of DIR, write scores.csv
              ./tlslab grade --generate-exercises                   rewrite exercises/src and exercises/notebooks from solutions/
              ./tlslab grade --check-exercises                      fail if exercises/ differs from what that makes
              ./tlslab grade --solved-notebooks DIR                 write the exercise notebooks with the reference solutions

            Options:
              --out DIR                 where reports go (default: grade-out/NAME); on Gradescope: /autograder/results
              --call-timeout SECONDS    time limit for one call of the student's code (default 5)
              --time-limit SECONDS      time limit for all of a submission's calls together (default 120)
              --memory MB               heap of the JVM running the student's code (default 256)
              --sandbox auto|bwrap|user|off
                                        how student code is walled off (default auto: the best that works
                                        here): bwrap (bubblewrap namespaces, seccomp, limits), user (as
                                        root: a uid of its own with limits), off (nothing); every report
                                        says which was used
              --hidden-visibility V     Gradescope visibility of hidden tests: after_due_date (default),
                                        after_published, hidden or visible
              --visible-only            run only the tests students have (a dry run of what they see)
              --exercises 3,5           grade only these exercises
              --jobs N                  with --batch: grade N submissions at once (default 1; one per core)
              --allow-weak-isolation    with --batch: run even where the isolation lets students see each other

            Writes results.json (Gradescope), junit.xml, summary.txt and summary.html for each submission.
            """;

    private final Grader.Options defaults = Grader.Options.defaults();

    @Parameters(arity = "0..1", paramLabel = "SUBMISSION_DIR") private Path single;
    @Option(names = "--batch", paramLabel = "DIR") private Path batch;
    @Option(names = "--out", paramLabel = "DIR") private Path out;
    @Option(names = "--generate-exercises") private boolean generate;
    @Option(names = "--check-exercises") private boolean check;
    @Option(names = "--solved-notebooks", paramLabel = "DIR") private Path solvedNotebooks;
    @Option(names = "--call-timeout", paramLabel = "SECONDS") private double callTimeout = defaults.callMillis() / 1000.0;
    @Option(names = "--time-limit", paramLabel = "SECONDS") private double timeLimit = defaults.budgetMillis() / 1000.0;
    @Option(names = "--memory", paramLabel = "MB") private int memoryMb = defaults.memoryMb();
    @Option(names = "--sandbox") private String sandbox = defaults.sandbox();
    @Option(names = "--hidden-visibility") private String hiddenVisibility = defaults.hiddenVisibility();
    @Option(names = "--visible-only") private boolean visibleOnly;
    @Option(names = "--exercises", split = ",") private List<Integer> exercises = new ArrayList<>();
    @Option(names = "--jobs") private int jobs = 1;
    @Option(names = "--allow-weak-isolation") private boolean allowWeakIsolation;
    @Option(names = {"-h", "--help"}, usageHelp = true) private boolean help;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream stdout, PrintStream err) {
        Main m = new Main();
        Grader.Options options;
        try {
            CommandLine cl = new CommandLine(m);
            cl.parseArgs(args);
            if (cl.isUsageHelpRequested()) {
                stdout.print(USAGE);
                return 0;
            }
            options = m.options(cl);
            if (!m.generate && !m.check && m.solvedNotebooks == null && (m.single == null) == (m.batch == null)) {
                throw new ParameterException(cl, "give a submission (a folder or a notebook) or --batch DIR");
            }
        } catch (ParameterException e) {
            err.println("tlslab grade: " + Text.clean(e.getMessage()));
            err.print(USAGE);
            return 2;
        }
        Path root = Paths.get(System.getProperty("tlslab.root", ".")).toAbsolutePath().normalize();
        try {
            if (m.generate) {
                int n = ExerciseGenerator.write(root.resolve("solutions"), root.resolve("exercises"));
                stdout.println("tlslab grade: wrote " + n + " files to exercises/src and exercises/notebooks from solutions/"
                        + " (hidden tests left out)");
                return 0;
            }
            if (m.solvedNotebooks != null) {
                Path dir = Files.createDirectories(m.solvedNotebooks);
                int n = 0;
                for (var e : ExerciseGenerator.generate(root.resolve("solutions"), true).entrySet()) {
                    if (!e.getKey().startsWith("notebooks/")) continue;
                    Files.write(dir.resolve(e.getKey().substring("notebooks/".length())), e.getValue());
                    n++;
                }
                stdout.println(Text.clean("tlslab grade: wrote " + n + " notebooks with the reference solutions to " + dir
                        + " (instructors only: do not hand them out)"));
                return 0;
            }
            if (m.check) {
                List<String> diff = ExerciseGenerator.differences(root.resolve("solutions"), root.resolve("exercises"));
                if (diff.isEmpty()) {
                    stdout.println("tlslab grade: exercises/ is in sync with solutions/");
                    return 0;
                }
                err.println("tlslab grade: exercises/ is out of sync with solutions/ (run ./tlslab grade --generate-exercises):");
                diff.stream().limit(20).forEach(d -> err.println("  " + d));
                return 1;
            }
            if (m.batch != null) {
                Path dir = m.batch.toAbsolutePath().normalize();
                Path o = m.out != null ? m.out : defaultOut(dir.getFileName() + "-batch");
                return batch(options, dir, o, m.jobs, Grader::grade, stdout, err);
            }
            try (Grader grader = new Grader(options)) {
                if (grader.exposure() != null) err.println("tlslab grade: " + grader.exposure() + " (sandbox " + grader.sandboxDescription() + ")");
                Path sub = m.single.toAbsolutePath().normalize();
                Path o = m.out != null ? m.out : defaultOut(sub.getFileName().toString().replaceFirst("(?i)\\.ipynb$", ""));
                Report r = grader.grade(sub, o);
                stdout.print(r.table());
                stdout.println(Text.clean("Reports: " + o.toAbsolutePath().resolve("results.json") + " (Gradescope), junit.xml, summary.html"));
                return 0;
            }
        } catch (IOException e) {
            err.println("tlslab grade: " + Text.clean(e.getMessage()));
            return 1;
        }
    }

    /** The options as the grader takes them, checked. */
    private Grader.Options options(CommandLine cl) {
        if (jobs < 1 || jobs > 64) throw new ParameterException(cl, "--jobs 1..64");
        if (callTimeout <= 0 || timeLimit <= 0) throw new ParameterException(cl, "a time limit must be positive");
        if (memoryMb < 16) throw new ParameterException(cl, "--memory: at least 16 (MB)");
        if (!List.of("auto", "bwrap", "required", "user", "off").contains(sandbox)) {
            throw new ParameterException(cl, "--sandbox auto|bwrap|user|off");
        }
        if (!List.of("after_due_date", "after_published", "hidden", "visible").contains(hiddenVisibility)) {
            throw new ParameterException(cl, "--hidden-visibility after_due_date|after_published|hidden|visible");
        }
        Set<Exercise> only = EnumSet.noneOf(Exercise.class);
        for (int n : exercises) {
            try {
                only.add(Exercise.number(n));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, "--exercises: " + e.getMessage());
            }
        }
        return new Grader.Options(Math.round(callTimeout * 1000), Math.round(timeLimit * 1000), memoryMb, sandbox, visibleOnly,
                hiddenVisibility, defaults.compileMillis(), defaults.startMillis(), only, allowWeakIsolation);
    }

    static final String CSV_HEADER = "student,score,max_score,percent,tests_passed,tests,seconds,status,note";

    /** How a batch grades one submission: {@link Grader#grade}, or in tests one that fails on purpose. */
    interface Grading {
        Report grade(Grader grader, Path submission, Path out) throws IOException;
    }

    /** One student's line of scores.csv and index.html: their report, or why the grader failed on it. */
    record Row(String name, Report report, String error) {
        String csv() {
            Report r = report;
            if (r == null) return String.join(",", Main.csv(name), "", "", "", "", "", "", "grader-error", Main.csv(error));
            return String.join(",", Main.csv(name), String.valueOf(r.score()), String.valueOf(r.maxScore()), percent(),
                    String.valueOf(r.tests().stream().filter(TestResult::passed).count()), String.valueOf(r.tests().size()),
                    String.format(Locale.ROOT, "%.1f", r.seconds()), "graded", Main.csv(Text.line(r.notes(), 500)));
        }

        String html() {
            String link = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/summary.html";
            Report r = report;
            return "<tr><td><a href=\"" + Report.esc(link) + "\">" + Report.esc(Text.clean(name)) + "</a></td><td>"
                    + (r == null ? "</td><td></td><td></td><td>grader-error</td><td>" + Report.esc(error)
                    : r.score() + " / " + r.maxScore() + "</td><td>" + percent() + "</td><td>" + String.format(Locale.ROOT, "%.1f",
                    r.seconds()) + "</td><td>graded</td><td>" + Report.esc(Text.line(r.notes(), 500))) + "</td></tr>\n";
        }

        private String percent() {
            return String.format(Locale.ROOT, "%.1f", report.maxScore() == 0 ? 0.0 : 100.0 * report.score() / report.maxScore());
        }
    }

    /**
     * Grades every sub-folder of {@code dir} (one per student) with {@code jobs} threads, each with a
     * Grader of its own, and writes scores.csv (one row per folder, whatever happens) and index.html.
     */
    static int batch(Grader.Options options, Path dir, Path out, int jobs, Grading grading, PrintStream stdout, PrintStream err)
            throws IOException {
        List<Path> subs = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            // a student is a sub-folder, or a notebook handed in alone
            s.filter(p -> Files.isDirectory(p) || p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ipynb"))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(subs::add);
        }
        if (subs.isEmpty()) {
            err.println(Text.clean("tlslab grade: no sub-folders or notebooks (one per student) in " + dir));
            return 2;
        }
        Files.createDirectories(out);
        int threads = Math.min(jobs, subs.size());
        Grader first = new Grader(options);
        if (first.exposure() != null) err.println("tlslab grade: " + first.exposure() + " (sandbox " + first.sandboxDescription() + ")");
        if (first.letsStudentsMeet() && !options.allowWeakIsolation()) {
            first.close();
            err.println(Text.clean("tlslab grade: refusing to grade a batch with isolation \"" + first.sandboxDescription() + "\": one"
                    + " student's code could reach another's files or processes. Install bubblewrap (Debian/Ubuntu: apt-get install"
                    + " bubblewrap) or, knowingly, add --allow-weak-isolation."));
            return 2;
        }
        stdout.println(Text.clean(String.format("Grading %d submissions from %s with %d thread%s (sandbox %s)", subs.size(), dir, threads,
                threads == 1 ? "" : "s", first.sandboxDescription())));
        long t0 = System.nanoTime();
        Row[] rows = new Row[subs.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> stopped = new AtomicReference<>("the grader could not start");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int k = 0; k < threads; k++) {
            Grader initial = k == 0 ? first : null;
            pool.execute(() -> {
                Grader grader = initial;
                try {
                    for (int i; (i = next.getAndIncrement()) < subs.size(); ) {
                        if (grader == null) grader = new Grader(options);
                        rows[i] = gradeOne(grader, grading, subs.get(i), out, stdout, err);
                        if (rows[i].error() != null) {   // the Grader may be broken now: a new one for the next student
                            grader.close();
                            grader = null;
                        }
                    }
                } catch (Throwable t) {   // no Grader for this thread: the others go on, its submission gets a row below
                    stopped.set("not graded: " + Text.line(String.valueOf(t), 300));
                    err.println("tlslab grade: a grading thread stopped: " + stopped.get());
                } finally {
                    if (grader != null) grader.close();
                }
            });
        }
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // each submission has its own time limits; wait for them
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        List<Row> all = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            all.add(rows[i] != null ? rows[i] : new Row(subs.get(i).getFileName().toString(), null, stopped.get()));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Files.writeString(out.resolve("scores.csv"), CSV_HEADER + "\n" + all.stream().map(r -> r.csv() + "\n").collect(Collectors.joining()),
                StandardCharsets.UTF_8);
        Files.writeString(out.resolve("index.html"), index(dir, all), StandardCharsets.UTF_8);
        stdout.println(Text.clean(String.format(Locale.ROOT, "Graded %d submissions in %.1f s (%.1f per minute). Scores: %s", all.size(),
                seconds, 60 * all.size() / seconds, out.toAbsolutePath().resolve("scores.csv"))));
        return 0;
    }

    /** Grades one student; whatever goes wrong (even an Error) costs no one else their grade. */
    static Row gradeOne(Grader grader, Grading grading, Path sub, Path out, PrintStream stdout, PrintStream err) {
        String name = sub.getFileName().toString();
        try {
            Report r = grading.grade(grader, sub, out.resolve(name));
            stdout.printf(Locale.ROOT, "  %-30s %3d/%-3d %5.1f s  %s%n", Text.line(name, 30), r.score(), r.maxScore(), r.seconds(),
                    Text.line(r.notes(), 60));
            return new Row(name, r, null);
        } catch (Throwable t) {   // OutOfMemoryError and StackOverflowError too: they were this submission's
            String why = Text.line(String.valueOf(t), 300);
            err.println("  " + Text.line(name, 30) + ": GRADER ERROR " + why);
            try {   // a results.json written before the failure would disagree with scores.csv
                Files.deleteIfExists(out.resolve(name).resolve("results.json"));
            } catch (IOException | RuntimeException ignored) {
                // the row says grader-error all the same
            }
            return new Row(name, null, why);
        }
    }

    static String index(Path dir, List<Row> rows) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Scores</title>"
                + "<style>body{font-family:sans-serif}td,th{padding:.2em .6em;border-bottom:1px solid #ddd}</style></head><body>\n<h1>")
                .append(Report.esc(Text.clean(dir.toString()))).append("</h1>\n<table><tr><th>Student</th><th>Score</th><th>Percent</th>"
                        + "<th>Time (s)</th><th>Status</th><th>Note</th></tr>\n");
        rows.forEach(r -> h.append(r.html()));
        return h.append("</table>\n</body></html>\n").toString();
    }

    /** grade-out/NAME in the current directory; grade-out keeps itself out of git (students' grades). */
    static Path defaultOut(String name) throws IOException {
        Path dir = Files.createDirectories(Paths.get("grade-out"));
        Path ignore = dir.resolve(".gitignore");
        if (!Files.exists(ignore)) Files.writeString(ignore, "*\n");
        return dir.resolve(name);
    }

    /** A CSV field: cleaned, on one line, quoted when needed. */
    static String csv(String s) {
        String t = Text.clean(s).replace('\n', ' ').replace('\t', ' ');
        return t.contains(",") || t.contains("\"") ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
    }
}
