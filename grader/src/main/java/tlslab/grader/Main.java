package tlslab.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import tlslab.exercises.check.Exercise;

/** {@code ./tlslab grade}: see {@link #USAGE}. */
public final class Main {
    static final String USAGE = """
            Usage:
              ./tlslab grade SUBMISSION_DIR [--out DIR] [options]   grade one submission (a copy of exercises/)
              ./tlslab grade --batch DIR [--out DIR] [options]      grade every sub-folder of DIR, write scores.csv
              ./tlslab grade --generate-exercises                   rewrite exercises/src from solutions/
              ./tlslab grade --check-exercises                      fail if exercises/src differs from what that makes

            Options:
              --out DIR                 where reports go (default: grade-out/NAME); on Gradescope: /autograder/results
              --call-timeout SECONDS    time limit for one call of the student's code (default 5)
              --time-limit SECONDS      time limit for all of a submission's calls together (default 120)
              --memory MB               heap of the JVM running the student's code (default 256)
              --sandbox auto|required|user|off
                                        how student code is walled off (default auto): Linux namespaces
                                        if available, else (as root) user nobody, else nothing
              --hidden-visibility V     Gradescope visibility of hidden tests: after_due_date (default),
                                        after_published, hidden or visible
              --visible-only            run only the tests students have (a dry run of what they see)
              --exercises 3,5           grade only these exercises
              --jobs N                  with --batch: N grader processes at once (default 1)

            Writes results.json (Gradescope), junit.xml, summary.txt and summary.html for each submission.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Grader.Options options = Grader.Options.defaults();
        String single = null, batch = null, outDir = null;
        String mode = "grade";
        int jobs = 1;
        int[] part = null;
        List<String> forward = new ArrayList<>();   // options a batch worker process gets too
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                int before = i;
                forward.add(a);
                switch (a) {
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--generate-exercises" -> mode = "generate";
                    case "--check-exercises" -> mode = "check";
                    case "--batch" -> batch = value(args, ++i, a);
                    case "--out" -> outDir = value(args, ++i, a);
                    case "--jobs" -> {
                        jobs = Integer.parseInt(value(args, ++i, a));
                        if (jobs < 1 || jobs > 64) throw new IllegalArgumentException("--jobs 1..64");
                    }
                    case "--part" -> {
                        String[] kn = value(args, ++i, a).split("/");
                        part = new int[] {Integer.parseInt(kn[0]), Integer.parseInt(kn[1])};
                    }
                    case "--call-timeout" -> options = options.withCallMillis(seconds(value(args, ++i, a)));
                    case "--time-limit" -> options = options.withBudgetMillis(seconds(value(args, ++i, a)));
                    case "--memory" -> options = options.withMemoryMb(Integer.parseInt(value(args, ++i, a)));
                    case "--sandbox" -> {
                        String s = value(args, ++i, a);
                        if (!List.of("auto", "required", "user", "off").contains(s)) {
                            throw new IllegalArgumentException("--sandbox auto|required|user|off");
                        }
                        options = options.withSandbox(s);
                    }
                    case "--hidden-visibility" -> {
                        String v = value(args, ++i, a);
                        if (!List.of("after_due_date", "after_published", "hidden", "visible").contains(v)) {
                            throw new IllegalArgumentException("--hidden-visibility after_due_date|after_published|hidden|visible");
                        }
                        options = options.withHiddenVisibility(v);
                    }
                    case "--visible-only" -> options = options.withVisibleOnly(true);
                    case "--exercises" -> {
                        java.util.Set<Exercise> only = java.util.EnumSet.noneOf(Exercise.class);
                        for (String n : value(args, ++i, a).split(",")) only.add(Exercise.number(Integer.parseInt(n.strip())));
                        options = options.withOnly(only);
                    }
                    default -> {
                        if (a.startsWith("-")) throw new IllegalArgumentException("unknown option " + a);
                        forward.remove(forward.size() - 1);
                        if (single != null) throw new IllegalArgumentException("one submission folder at a time (or --batch DIR)");
                        single = a;
                    }
                }
                if (List.of("--batch", "--out", "--jobs", "--part").contains(a)) {
                    forward.remove(forward.size() - 1);
                } else {
                    for (int k = before + 1; k <= i; k++) forward.add(args[k]);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("tlslab grade: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Path root = Paths.get(System.getProperty("tlslab.root", ".")).toAbsolutePath().normalize();
        try {
            if (mode.equals("generate")) {
                int n = ExerciseGenerator.write(root.resolve("solutions"), root.resolve("exercises"));
                out.println("tlslab grade: wrote " + n + " files to exercises/src from solutions/ (hidden tests left out)");
                return 0;
            }
            if (mode.equals("check")) {
                List<String> diff = ExerciseGenerator.differences(root.resolve("solutions"), root.resolve("exercises"));
                if (diff.isEmpty()) {
                    out.println("tlslab grade: exercises/ is in sync with solutions/");
                    return 0;
                }
                err.println("tlslab grade: exercises/ is out of sync with solutions/ (run ./tlslab grade --generate-exercises):");
                diff.stream().limit(20).forEach(d -> err.println("  " + d));
                return 1;
            }
            if ((single == null) == (batch == null)) {
                err.println("tlslab grade: give a submission folder or --batch DIR");
                err.print(USAGE);
                return 2;
            }
            try (Grader grader = new Grader(options)) {
                if (grader.exposure() != null) err.println("tlslab grade: " + grader.exposure() + " (sandbox " + grader.sandboxDescription() + ")");
                if (single != null) {
                    Path sub = Paths.get(single).toAbsolutePath().normalize();
                    Path o = outDir != null ? Paths.get(outDir) : defaultOut(sub.getFileName().toString());
                    Report r = grader.grade(sub, o);
                    out.print(r.table(true));
                    out.println("Reports: " + o.toAbsolutePath().resolve("results.json") + " (Gradescope), junit.xml, summary.html");
                    return 0;
                }
                Path dir = Paths.get(batch).toAbsolutePath().normalize();
                Path o = outDir != null ? Paths.get(outDir) : defaultOut(dir.getFileName() + "-batch");
                return batch(grader, dir, o, jobs, part, forward, out, err);
            }
        } catch (IOException e) {
            err.println("tlslab grade: " + e.getMessage());
            return 1;
        }
    }

    static final String CSV_HEADER = "student,score,max_score,percent,tests_passed,tests,seconds,status,note";

    /**
     * Grades every sub-folder of {@code dir} (one per student) and writes scores.csv and index.html.
     * With {@code jobs} > 1 the folders are shared out to that many grader processes. A worker
     * ({@code part} = {k, n}) grades every n-th folder from the k-th and writes scores.part-k.csv.
     */
    static int batch(Grader grader, Path dir, Path out, int jobs, int[] part, List<String> forward, PrintStream stdout,
                     PrintStream err) throws IOException {
        List<Path> subs = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(subs::add);
        }
        if (subs.isEmpty()) {
            err.println("tlslab grade: no sub-folders (one per student) in " + dir);
            return 2;
        }
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        List<String> rows = new ArrayList<>();
        if (part == null && jobs > 1 && subs.size() > 1) {
            stdout.printf("Grading %d submissions from %s with %d grader processes (sandbox %s)%n", subs.size(), dir, jobs,
                    grader.sandboxDescription());
            rows = workers(dir, out, Math.min(jobs, subs.size()), forward, err);
        } else {
            if (part == null) {
                stdout.printf("Grading %d submissions from %s (sandbox %s)%n", subs.size(), dir, grader.sandboxDescription());
            }
            for (int i = 0; i < subs.size(); i++) {
                if (part != null && i % part[1] != part[0]) continue;
                rows.add(gradeOne(grader, subs.get(i), out, stdout, err));
            }
            if (part != null) {
                Files.writeString(out.resolve("scores.part-" + part[0] + ".csv"), String.join("", rows), StandardCharsets.UTF_8);
                return 0;
            }
        }
        rows.sort(null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Files.writeString(out.resolve("scores.csv"), CSV_HEADER + "\n" + String.join("", rows), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("index.html"), index(dir, rows), StandardCharsets.UTF_8);
        stdout.printf(Locale.ROOT, "Graded %d submissions in %.1f s (%.1f per minute). Scores: %s%n", rows.size(), seconds,
                60 * rows.size() / seconds, out.toAbsolutePath().resolve("scores.csv"));
        return 0;
    }

    /** One CSV row (with its newline) for one student; a grader failure there costs no one else their grade. */
    static String gradeOne(Grader grader, Path sub, Path out, PrintStream stdout, PrintStream err) {
        String name = sub.getFileName().toString();
        try {
            Report r = grader.grade(sub, out.resolve(name));
            String note = TestRun.firstLine(r.notes());
            stdout.printf("  %-30s %3d/%-3d %5.1f s  %s%n", Report.cut(name, 30), r.score(), r.maxScore(), r.seconds(),
                    Report.cut(note, 60));
            return String.join(",", csv(name), String.valueOf(r.score()), String.valueOf(r.maxScore()),
                    String.format(Locale.ROOT, "%.1f", r.maxScore() == 0 ? 0.0 : 100.0 * r.score() / r.maxScore()),
                    String.valueOf(r.tests().stream().filter(TestResult::passed).count()), String.valueOf(r.tests().size()),
                    String.format(Locale.ROOT, "%.1f", r.seconds()), "graded", csv(note)) + "\n";
        } catch (IOException | RuntimeException e) {
            err.println("  " + name + ": GRADER ERROR " + e);
            return String.join(",", csv(name), "", "", "", "", "", "", "grader-error", csv(String.valueOf(e))) + "\n";
        }
    }

    /** Runs {@code jobs} grader processes on shares of the batch and collects their rows. */
    static List<String> workers(Path dir, Path out, int jobs, List<String> forward, PrintStream err) throws IOException {
        List<Process> ps = new ArrayList<>();
        for (int k = 0; k < jobs; k++) {
            List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
            for (String p : List.of("tlslab.root", "tlslab.child.classpath")) {
                if (System.getProperty(p) != null) cmd.add("-D" + p + "=" + System.getProperty(p));
            }
            cmd.add(Main.class.getName());
            cmd.addAll(forward);
            cmd.addAll(List.of("--batch", dir.toString(), "--out", out.toString(), "--part", k + "/" + jobs));
            ps.add(new ProcessBuilder(cmd).inheritIO().start());
        }
        List<String> rows = new ArrayList<>();
        for (int k = 0; k < jobs; k++) {
            try {
                int code = ps.get(k).waitFor();
                if (code != 0) err.println("tlslab grade: grader process " + k + " exited with " + code);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            Path f = out.resolve("scores.part-" + k + ".csv");
            if (Files.exists(f)) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) if (!line.isBlank()) rows.add(line + "\n");
                Files.delete(f);
            }
        }
        return rows;
    }

    static String index(Path dir, List<String> rows) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Scores</title>"
                + "<style>body{font-family:sans-serif}td,th{padding:.2em .6em;border-bottom:1px solid #ddd}</style></head><body>\n<h1>")
                .append(Report.esc(dir.toString())).append("</h1>\n<table><tr><th>Student</th><th>Score</th><th>Percent</th>"
                        + "<th>Time (s)</th><th>Status</th><th>Note</th></tr>\n");
        for (String row : rows) {
            List<String> f = parseCsv(row.strip());
            String name = f.get(0);
            h.append("<tr><td><a href=\"").append(Report.esc(name)).append("/summary.html\">").append(Report.esc(name))
                    .append("</a></td><td>").append(f.get(1)).append(" / ").append(f.get(2)).append("</td><td>").append(f.get(3))
                    .append("</td><td>").append(f.get(6)).append("</td><td>").append(Report.esc(f.get(7))).append("</td><td>")
                    .append(Report.esc(f.get(8))).append("</td></tr>\n");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    /** The fields of one CSV line as {@link #csv} writes them. */
    static List<String> parseCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        while (out.size() < 9) out.add("");
        return out;
    }

    /** grade-out/NAME in the current directory; grade-out keeps itself out of git (students' grades). */
    static Path defaultOut(String name) throws IOException {
        Path dir = Files.createDirectories(Paths.get("grade-out"));
        Path ignore = dir.resolve(".gitignore");
        if (!Files.exists(ignore)) Files.writeString(ignore, "*\n");
        return dir.resolve(name);
    }

    static String csv(String s) {
        if (s == null) return "";
        String t = s.replace('\n', ' ');
        return t.contains(",") || t.contains("\"") ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static long seconds(String s) {
        double d = Double.parseDouble(s);
        if (d <= 0) throw new IllegalArgumentException("a time limit must be positive");
        return Math.round(d * 1000);
    }
}
