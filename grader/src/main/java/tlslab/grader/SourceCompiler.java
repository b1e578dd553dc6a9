package tlslab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tlslab.grader.runner.Wire;

/**
 * Compiles a submission's own sources, nothing else: the {@code .java} files under
 * {@code src/main/java} (or, if there is no such folder, anywhere outside a test folder), against
 * the library only, without annotation processing. The sources are copied into the grader's own
 * folder first; javac runs in the sandbox ({@link tlslab.grader.runner.Compile}) with the same
 * limits as student code and is killed, with all it started, when it takes too long.
 */
final class SourceCompiler {
    static final int MAX_FILES = 500;
    static final long MAX_BYTES = 4L << 20;
    static final int COMPILER_HEAP_MB = 384;

    /** For each left-out file (relative path) what the compiler said, and a problem that stopped everything or null. */
    record Result(Map<String, String> errors, String fatal) {
        static Result fatal(String problem) {
            return new Result(Map.of(), problem);
        }

        /** All the compiler's messages, for the report's header. */
        String allErrors() {
            return String.join("\n", errors.values()).strip();
        }
    }

    private SourceCompiler() {
    }

    /** The folder whose files are the submission's sources. */
    static Path sourceRoot(Path submission) {
        Path std = submission.resolve("src").resolve("main").resolve("java");
        return Files.isDirectory(std, LinkOption.NOFOLLOW_LINKS) ? std : submission;
    }

    /** The first symbolic link in the submission (the folder itself included), or null. */
    static Path firstSymlink(Path submission) throws IOException {
        if (Files.isSymbolicLink(submission)) return submission;
        try (Stream<Path> walk = Files.walk(submission, 40)) {   // walk does not follow links
            return walk.filter(Files::isSymbolicLink).sorted().findFirst().orElse(null);
        }
    }

    /** The sources to compile: regular .java files outside test folders, as paths relative to the source root. */
    static List<Path> sources(Path root) throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, 30)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!rel.endsWith(".java") || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) continue;
                if (rel.endsWith("module-info.java") || rel.startsWith("src/test/") || rel.contains("/src/test/")
                        || rel.startsWith("test/") || rel.contains("/test/java/") || rel.contains("/.")) continue;
                sources.add(root.relativize(p));
            }
        }
        sources.sort(null);
        return sources;
    }

    /**
     * Compiles {@code submission} into {@code classes}, using {@code work} for the copy of its sources.
     * {@code libDir}/{@code libJars} is the class path.
     */
    static Result compile(Path submission, Sandbox sandbox, Path libDir, List<String> libJars, Path runnerDir, Path work,
                          Path classes, long timeoutMillis) throws IOException {
        if (!Files.isDirectory(submission, LinkOption.NOFOLLOW_LINKS)) {
            return Result.fatal("the submission folder " + submission.getFileName() + " does not exist");
        }
        Path link = firstSymlink(submission);
        if (link != null) {
            String target;
            try {
                target = String.valueOf(Files.readSymbolicLink(link));
            } catch (IOException e) {
                target = "?";
            }
            return Result.fatal("the submission contains a symbolic link, " + submission.relativize(link) + " -> " + target
                    + ": submissions must hold their own files, not links (nothing was graded)");
        }
        Path root = sourceRoot(submission);
        List<Path> sources = sources(root);
        if (sources.isEmpty()) {
            return Result.fatal("no .java files found in " + submission.getFileName()
                    + " (expected them under src/main/java, as in the exercises folder)");
        }
        long bytes = 0;
        for (Path p : sources) bytes += Files.size(root.resolve(p));
        if (sources.size() > MAX_FILES || bytes > MAX_BYTES) {
            return Result.fatal("the submission is too big to grade (" + sources.size() + " files, " + bytes / 1024
                    + " KB; the limit is " + MAX_FILES + " files and " + MAX_BYTES / 1024 + " KB)");
        }
        Path src = Files.createDirectories(work.resolve("src"));
        for (Path p : sources) {
            Path to = src.resolve(p.toString());
            Files.createDirectories(to.getParent());
            Files.copy(root.resolve(p), to, LinkOption.NOFOLLOW_LINKS);
        }
        Files.createDirectories(classes);
        sandbox.handOver(work);
        List<String> cp = new ArrayList<>();
        for (String jar : libJars) cp.add(sandbox.path("/box/lib", libDir) + "/" + jar);
        List<String> java = ChildJvm.javaCommand(sandbox, COMPILER_HEAP_MB, "-cp", sandbox.path("/box/runner", runnerDir),
                "tlslab.grader.runner.Compile", sandbox.path("/box/src", src), sandbox.path("/box/out", classes), String.join(":", cp));
        List<String> cmd = sandbox.command(java, Map.of("/box/runner", runnerDir, "/box/lib", libDir, "/box/src", src),
                Map.of("/box/out", classes), new Sandbox.Limits(ChildJvm.addressSpaceMb(COMPILER_HEAP_MB), 128,
                        timeoutMillis / 1000 + 5, 16, 256));
        Confined javac = new Confined(sandbox, cmd, work);
        javac.process.getOutputStream().close();
        try {
            Object frame = javac.nextFrame(timeoutMillis);
            if (frame == null) {
                return Result.fatal("the compiler did not finish within " + timeoutMillis / 1000 + " s, so it was stopped"
                        + " (some code makes javac work for a very long time)");
            }
            if (frame instanceof Confined.End end) {
                return Result.fatal(end.reason() == null ? "the compiler stopped without an answer (" + javac.ending() + ")"
                        : "the compiler's answer could not be read: " + end.reason());
            }
            Wire.In in = new Wire.In((byte[]) frame);
            if (in.op() != Wire.COMPILED || in.seq() != 0) return Result.fatal("the compiler's answer was garbled");
            Map<String, String> errors = new LinkedHashMap<>();
            for (int i = in.integer(); i > 0; i--) errors.put(Text.clean(in.string()), Text.cut(Text.clean(in.string()), 8000));
            String fatal = in.string();
            return new Result(errors, fatal == null ? null : Text.cut(Text.clean(fatal), 4000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.fatal("interrupted");
        } finally {
            javac.kill();
        }
    }
}
