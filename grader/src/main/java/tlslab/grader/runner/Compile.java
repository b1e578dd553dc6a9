package tlslab.grader.runner;

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.stream.Stream;

import javax.tools.*;

/**
 * javac on a submission's sources, run in the sandbox like the student's code (javac on hostile
 * sources can be made to work for minutes). Arguments: source folder, output folder, class path.
 * A file that does not compile is left out and the rest compiled again, so one broken exercise does
 * not cost the others their points. Answers with one {@link Wire#COMPILED} frame on stdout: the
 * left-out files with the compiler's messages, and a fatal problem or null.
 */
public final class Compile {
    private Compile() {
    }

    public static void main(String[] args) throws IOException {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        Path src = Paths.get(args[0]), classes = Paths.get(args[1]);
        Map<String, String> errors = new LinkedHashMap<>();
        String fatal;
        try {
            fatal = compile(src, classes, args[2], errors);
        } catch (RuntimeException | IOException e) {
            fatal = "the compiler failed: " + e;
        }
        Wire.Out answer = new Wire.Out().op(Wire.COMPILED, 0).integer(errors.size());
        for (Map.Entry<String, String> e : errors.entrySet()) answer.string(e.getKey()).string(e.getValue());
        Wire.writeFrame(out, answer.string(fatal).toByteArray());
    }

    private static String compile(Path src, Path classes, String classpath, Map<String, String> errors) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) return "this Java has no compiler (a JRE, not a JDK)";
        Set<Path> left = new LinkedHashSet<>();
        try (Stream<Path> walk = Files.walk(src)) {
            walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(left::add);
        }
        for (int round = 0; round < 8 && !left.isEmpty(); round++) {
            clear(classes);
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                List<String> options = List.of("-d", classes.toString(), "-proc:none", "-implicit:none", "--release", "17",
                        "-encoding", "UTF-8", "-nowarn", "-Xlint:none", "-Xmaxerrs", "50", "-sourcepath", "", "-classpath", classpath);
                StringWriter log = new StringWriter();
                if (javac.getTask(log, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(left)).call()) return null;
                Map<Path, StringBuilder> byFile = new LinkedHashMap<>();
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() != Diagnostic.Kind.ERROR || d.getSource() == null) continue;
                    Path file = Path.of(d.getSource().toUri());
                    if (!left.contains(file)) continue;
                    byFile.computeIfAbsent(file, f -> new StringBuilder()).append(src.relativize(file)).append(':')
                            .append(d.getLineNumber()).append(": error: ").append(d.getMessage(Locale.ROOT)).append('\n');
                }
                if (byFile.isEmpty()) {
                    StringBuilder all = new StringBuilder(log.toString().strip());
                    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) all.append('\n').append(d.getMessage(Locale.ROOT));
                    return "the compiler failed: " + all.toString().strip();
                }
                byFile.forEach((file, text) -> {
                    errors.put(src.relativize(file).toString(), text.toString().strip());
                    left.remove(file);
                });
            }
        }
        clear(classes);
        return left.isEmpty() ? null : "the compiler kept failing";
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            all.remove(dir);
            for (Path p : all) Files.delete(p);
        }
    }
}
