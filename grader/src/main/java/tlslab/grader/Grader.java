package tlslab.grader;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import tlslab.exercises.check.Exercise;

/**
 * Grades submissions: compiles the student's sources against the library, checks the rules, runs
 * every test (visible and hidden) in this JVM against the student's code in a sandboxed JVM, and
 * writes the reports. One Grader can grade many submissions (a batch) and reuses its set-up.
 */
public final class Grader implements AutoCloseable {

    /**
     * Limits and choices; see {@code ./tlslab grade --help}. {@code allowWeakIsolation}: a batch may run
     * under an isolation level that lets students see each other ({@code --allow-weak-isolation}).
     */
    public record Options(long callMillis, long budgetMillis, int memoryMb, String sandbox, boolean visibleOnly,
                          String hiddenVisibility, long compileMillis, long startMillis, Set<Exercise> only,
                          boolean allowWeakIsolation) {
        public static Options defaults() {
            // -Dtlslab.sandbox=off|required changes the default (e.g. to run the grader's tests without namespaces)
            return new Options(5_000, 120_000, 256, System.getProperty("tlslab.sandbox", "auto"), false, "after_due_date",
                    60_000, 15_000, Set.of(), false);
        }

        /** Grade only these exercises (all if empty). */
        public Options withOnly(Set<Exercise> exercises) {
            return new Options(callMillis, budgetMillis, memoryMb, sandbox, visibleOnly, hiddenVisibility, compileMillis,
                    startMillis, Set.copyOf(exercises), allowWeakIsolation);
        }

        public Options withCallMillis(long ms) {
            return new Options(ms, budgetMillis, memoryMb, sandbox, visibleOnly, hiddenVisibility, compileMillis, startMillis, only,
                    allowWeakIsolation);
        }

        public Options withBudgetMillis(long ms) {
            return new Options(callMillis, ms, memoryMb, sandbox, visibleOnly, hiddenVisibility, compileMillis, startMillis, only,
                    allowWeakIsolation);
        }

        public Options withSandbox(String s) {
            return new Options(callMillis, budgetMillis, memoryMb, s, visibleOnly, hiddenVisibility, compileMillis, startMillis, only,
                    allowWeakIsolation);
        }

        /** Time javac may take on a submission before it is killed. */
        public Options withCompileMillis(long ms) {
            return new Options(callMillis, budgetMillis, memoryMb, sandbox, visibleOnly, hiddenVisibility, ms, startMillis, only,
                    allowWeakIsolation);
        }
    }

    private final Options options;
    private final Path runDir;
    private final Path runnerDir;
    private final Path libDir;
    private final List<String> libJars = new ArrayList<>();
    private final CompletableFuture<Map<Exercise, Path>> exerciseLibs;
    private final Sandbox sandbox;
    private int submissions;

    public Grader(Options options) throws IOException {
        this.options = options;
        this.runDir = Files.createTempDirectory("tlslab-grader-");
        this.runnerDir = Files.createDirectories(runDir.resolve("runner"));
        this.libDir = Files.createDirectories(runDir.resolve("lib"));
        copyRunner(runnerDir);
        int n = 0;
        for (Path entry : childClasspath()) {
            String name = Files.isDirectory(entry) ? "classes-" + (++n) + ".jar" : entry.getFileName().toString();
            if (Files.isDirectory(entry)) jar(entry, libDir.resolve(name));
            else Files.copy(entry, libDir.resolve(name));
            libJars.add(name);
        }
        this.sandbox = Sandbox.choose(options.sandbox(), runDir);
        sandbox.openUp(runDir);
        // the views take a second (Bouncy Castle's jar is big): made while the first submission compiles
        this.exerciseLibs = CompletableFuture.supplyAsync(() -> {
            try {
                return LibraryView.all(libDir, libJars, runDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public String sandboxDescription() {
        return sandbox.why;
    }

    /** Whether students graded by this grader could reach each other (a batch needs --allow-weak-isolation then). */
    public boolean letsStudentsMeet() {
        return sandbox.level != Sandbox.Level.BWRAP;
    }

    /** A warning if student code could read the tests; null if not. */
    public String exposure() {
        if (sandbox.level == Sandbox.Level.BWRAP) return null;
        return "WARNING: isolation level " + sandbox.level.name().toLowerCase(Locale.ROOT) + ": student code could read"
                + " every file readable by " + (sandbox.level == Sandbox.Level.USER ? "all users" : "the grader")
                + ", the hidden tests (" + codeSource(Exercise.class) + ") too unless they are private";
    }

    /** The library and its dependencies: all a student's code may see besides itself. */
    static List<Path> childClasspath() throws IOException {
        String prop = System.getProperty("tlslab.child.classpath");
        List<Path> out = new ArrayList<>();
        if (prop != null && !prop.isBlank()) {
            for (String e : prop.split(File.pathSeparator)) {
                if (e.isBlank()) continue;
                if (e.endsWith("/*") || e.endsWith("\\*")) out.addAll(jarsIn(Paths.get(e.substring(0, e.length() - 2))));
                else out.add(Paths.get(e));
            }
        } else {
            // next to the library: lib/target/tlslab-lib.jar (or classes/) and lib/target/deps/*.jar
            Path lib = codeSource(tlslab.crypto.Prf.class);
            out.add(lib);
            Path deps = lib.getParent().resolve("deps");
            if (Files.isDirectory(deps)) out.addAll(jarsIn(deps));
        }
        for (Path p : out) {
            if (!Files.exists(p)) throw new IOException("library class path entry " + p + " does not exist (build with mvn package)");
            if (containsTests(p)) {
                throw new IOException("refusing to run student code with " + p + " on its class path: it holds the tests");
            }
        }
        return out;
    }

    private static List<Path> jarsIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** Whether a class path entry holds any of the tests (which must never reach a student's JVM). */
    static boolean containsTests(Path entry) throws IOException {
        if (Files.isDirectory(entry)) return Files.exists(entry.resolve("tlslab/exercises"));
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.stream().anyMatch(e -> e.getName().startsWith("tlslab/exercises/"));
        }
    }

    static Path codeSource(Class<?> c) {
        try {
            return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the runner's classes (and nothing else of the grader) to {@code dir}. */
    static void copyRunner(Path dir) throws IOException {
        Path src = codeSource(tlslab.grader.runner.Runner.class);
        String pkg = "tlslab/grader/runner";
        if (Files.isDirectory(src)) {
            copyTree(src.resolve(pkg), dir.resolve(pkg));
            return;
        }
        try (FileSystem jar = FileSystems.newFileSystem(src)) {
            copyTree(jar.getPath(pkg), dir.resolve(pkg));
        }
    }

    /** A folder of classes as a jar (exercises hide classes by leaving them out of jars). */
    static void jar(Path dir, Path jar) throws IOException {
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar));
             Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new java.util.zip.ZipEntry(dir.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Grades one submission folder and writes its reports to {@code out} (if not null). */
    public Report grade(Path submission, Path out) throws IOException {
        long t0 = System.nanoTime();
        Path work = Files.createDirectories(runDir.resolve("submission-" + (++submissions)));
        Path classes = work.resolve("classes");
        String name = submission.getFileName() == null ? submission.toString() : submission.getFileName().toString();
        StringBuilder notes = new StringBuilder();
        Map<Exercise, String> notGradable = new EnumMap<>(Exercise.class);

        // notebooks: their tagged cells become the exercise classes (the submission as it is if it has none)
        NotebookSubmission.Prepared fromNotebooks = NotebookSubmission.prepare(submission.toAbsolutePath().normalize(), work);
        SourceCompiler.Result compiled = fromNotebooks.fatal() != null ? SourceCompiler.Result.fatal(Text.clean(fromNotebooks.fatal()))
                : fromNotebooks.explain(SourceCompiler.compile(fromNotebooks.folder(), sandbox, libDir, libJars, runnerDir, work,
                        classes, options.compileMillis()));
        for (String note : fromNotebooks.notes()) notes.append(Text.clean(note)).append('\n');
        fromNotebooks.problems().forEach((e, why) -> {
            if (options.only().isEmpty() || options.only().contains(e)) {
                notGradable.put(e, Text.clean(why));
                notes.append(Text.clean(why)).append('\n');
            }
        });
        if (compiled.fatal() != null) {
            notes.append("Not gradable: ").append(compiled.fatal()).append('\n');
            for (Exercise e : Exercise.values()) notGradable.put(e, "not graded: " + compiled.fatal());
        } else {
            if (!compiled.errors().isEmpty()) {
                notes.append("These files did not compile and were left out:\n");
                for (String e : compiled.errors().values()) notes.append(TestRun.indent(e)).append('\n');
            }
            ClassScan scan = ClassScan.of(classes);
            for (Exercise e : Exercise.values()) {
                if (!options.only().isEmpty() && !options.only().contains(e)) continue;
                String cls = e.implementation.replace('.', '/');
                if (notGradable.containsKey(e)) continue;   // its notebook said why already
                if (!scan.has(cls)) {
                    notGradable.put(e, missing(e, compiled));
                    continue;
                }
                String hit = scan.firstViolation(cls, e.forbidden);
                if (hit != null) {
                    String why = "exercise " + e.number + " was not graded: your code uses " + hit + ", which this exercise"
                            + " may not use (it would do the exercise for you, or hide what the code calls). See the"
                            + " Javadoc of " + e.implementation + ".";
                    notGradable.put(e, why);
                    notes.append(why).append('\n');
                }
            }
        }
        long cpuSeconds = options.budgetMillis() / 1000 + 30;
        Map<Exercise, Path> views;
        try {
            views = exerciseLibs.join();
        } catch (CompletionException e) {
            throw new IOException("could not make the exercises' views of the library: " + e.getCause().getMessage(), e.getCause());
        }
        Map<Exercise, ChildJvm.Settings> settings = new EnumMap<>(Exercise.class);
        for (Exercise e : Exercise.values()) {
            settings.put(e, new ChildJvm.Settings(sandbox, runnerDir, views.get(e), libJars, classes, work,
                    options.memoryMb(), options.startMillis(), cpuSeconds));
        }
        TestRun.Outcome results;
        String stats;
        try (Session session = new Session(settings, notGradable, options.callMillis(), options.budgetMillis())) {
            results = TestRun.run(session, options.only(), options.visibleOnly());
            stats = session.stats();
            session.violations().values().forEach(v -> notes.append(v).append('\n'));
        }
        String exposure = exposure();
        if (exposure != null) notes.append(exposure).append('\n');
        double seconds = (System.nanoTime() - t0) / 1e9;
        Report report = new Report(name, results.tests(), notes.toString().strip(), seconds, sandboxDescription() + "; " + stats,
                results.junitXml());
        if (out != null) report.write(out, options.hiddenVisibility());
        deleteQuietly(work);
        return report;
    }

    private static String missing(Exercise e, SourceCompiler.Result compiled) {
        String pkg = "tlslab/exercises/" + e.id() + "/";
        StringBuilder errors = new StringBuilder();
        for (Map.Entry<String, String> x : compiled.errors().entrySet()) {
            if (x.getKey().contains(pkg)) errors.append(x.getValue()).append('\n');
        }
        if (errors.length() > 0) {
            return "exercise " + e.number + " was not graded: its code did not compile. The compiler says:\n"
                    + TestRun.indent(errors.toString().strip());
        }
        String message = "exercise " + e.number + " was not graded: class " + e.implementation + " is not in your submission"
                + " (keep the file, its name and its package as they are in the exercises folder)";
        if (!compiled.errors().isEmpty()) {
            message += ".\nThese files did not compile:\n" + TestRun.indent(compiled.allErrors());
        }
        return message;
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // temporary files; the OS cleans up eventually
        }
    }

    @Override
    public void close() {
        sandbox.release();
        exerciseLibs.handle((views, failed) -> null).join();   // not still writing into what is deleted next
        deleteQuietly(runDir);
    }
}
