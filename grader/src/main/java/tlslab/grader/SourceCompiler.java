package tlslab.grader;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a submission's own sources, nothing else: the {@code .java} files under
 * {@code src/main/java} (or, if there is no such folder, anywhere outside a test folder), against
 * the library only, without annotation processing. A file that does not compile is left out and the
 * rest compiled again, so one broken exercise does not cost the others their points.
 */
final class SourceCompiler {
    static final int MAX_FILES = 500;
    static final long MAX_BYTES = 4L << 20;

    /** What compiled, and for each left-out file (relative path) what the compiler said. */
    record Result(Path sourceRoot, List<Path> sources, Map<String, String> errors, String fatal) {
        boolean anyCompiled() {
            return fatal == null && sources.size() > errors.size();
        }

        /** All the compiler's messages, for the report's header. */
        String allErrors() {
            StringBuilder s = new StringBuilder();
            for (String e : errors.values()) s.append(e).append('\n');
            return s.toString().strip();
        }
    }

    private SourceCompiler() {
    }

    /** The folder whose files are the submission's sources. */
    static Path sourceRoot(Path submission) {
        Path std = submission.resolve("src").resolve("main").resolve("java");
        return Files.isDirectory(std, LinkOption.NOFOLLOW_LINKS) ? std : submission;
    }

    static Result compile(Path submission, List<Path> classpath, Path out, long timeoutMillis) throws IOException {
        Path root = sourceRoot(submission);
        List<Path> sources = new ArrayList<>();
        long bytes = 0;
        if (!Files.isDirectory(submission)) {
            return new Result(root, List.of(), Map.of(), "the submission folder " + submission + " does not exist");
        }
        try (Stream<Path> walk = Files.walk(root, 30, new FileVisitOption[0])) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                // only regular files (never a symbolic link: it could point at a file of the grading machine)
                if (!rel.endsWith(".java") || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) continue;
                if (rel.endsWith("module-info.java") || rel.startsWith("src/test/") || rel.contains("/src/test/")
                        || rel.startsWith("test/") || rel.contains("/test/java/") || rel.contains("/.")) continue;
                sources.add(p);
                bytes += Files.size(p);
            }
        }
        Collections.sort(sources);
        if (sources.isEmpty()) {
            return new Result(root, sources, Map.of(), "no .java files found in " + submission.getFileName()
                    + " (expected them under src/main/java, as in the exercises folder)");
        }
        if (sources.size() > MAX_FILES || bytes > MAX_BYTES) {
            return new Result(root, sources, Map.of(), "the submission is too big to grade (" + sources.size() + " files, "
                    + bytes / 1024 + " KB; the limit is " + MAX_FILES + " files and " + MAX_BYTES / 1024 + " KB)");
        }
        FutureTask<Result> task = new FutureTask<>(() -> compileLoop(root, sources, classpath, out));
        Thread t = new Thread(task, "tlslab-javac");
        t.setDaemon(true);
        t.start();
        try {
            return task.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            return new Result(root, sources, Map.of(), "the compiler did not finish within " + timeoutMillis / 1000 + " s");
        } catch (ExecutionException e) {
            return new Result(root, sources, Map.of(), "the compiler failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(root, sources, Map.of(), "interrupted");
        }
    }

    private static Result compileLoop(Path root, List<Path> sources, List<Path> classpath, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("this Java has no compiler (a JRE, not a JDK)");
        Map<String, String> errors = new LinkedHashMap<>();
        Set<Path> left = new LinkedHashSet<>(sources);
        for (int round = 0; round < 8 && !left.isEmpty(); round++) {
            Files.createDirectories(out);
            clear(out);
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-proc:none", "-implicit:none",
                        "--release", "17", "-encoding", "UTF-8", "-nowarn", "-Xlint:none", "-Xmaxerrs", "50",
                        "-sourcepath", "", "-classpath", join(classpath)));
                StringWriter log = new StringWriter();
                boolean ok = javac.getTask(log, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(left)).call();
                if (ok) return new Result(root, sources, errors, null);
                Map<Path, StringBuilder> byFile = new LinkedHashMap<>();
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() != Diagnostic.Kind.ERROR) continue;
                    Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri());
                    if (file == null || !left.contains(file)) continue;
                    byFile.computeIfAbsent(file, f -> new StringBuilder())
                            .append(root.relativize(file)).append(':').append(d.getLineNumber()).append(": error: ")
                            .append(d.getMessage(Locale.ROOT)).append('\n');
                }
                if (byFile.isEmpty()) {
                    String all = log.toString().strip();
                    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) all += "\n" + d.getMessage(Locale.ROOT);
                    return new Result(root, sources, errors, "the compiler failed: " + all.strip());
                }
                for (Map.Entry<Path, StringBuilder> e : byFile.entrySet()) {
                    errors.put(root.relativize(e.getKey()).toString().replace('\\', '/'), e.getValue().toString().strip());
                    left.remove(e.getKey());
                }
            }
        }
        clear(out);
        return new Result(root, sources, errors, left.isEmpty() ? null : "the compiler kept failing");
    }

    private static String join(List<Path> paths) {
        StringBuilder s = new StringBuilder();
        for (Path p : paths) {
            if (s.length() > 0) s.append(java.io.File.pathSeparatorChar);
            s.append(p);
        }
        return s.toString();
    }

    static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) {
                if (!p.equals(dir)) Files.delete(p);
            }
        }
    }

    static final Set<FileVisitOption> NO_FOLLOW = EnumSet.noneOf(FileVisitOption.class);
}
