package tlslab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How the runner JVM is walled off. With Linux namespaces (util-linux {@code unshare}, no root
 * needed where unprivileged user namespaces are allowed) it gets its own user, mount, PID, network
 * and IPC namespaces and a root directory that holds only the JDK and system libraries (read-only),
 * the runner, the library jars and the student's classes (read-only), and small empty tmpfs
 * directories to write in (noexec). It cannot see any other file, reach the network, or outlive
 * the grader's kill: when the JVM (PID 1 of its namespace) dies, everything it started dies too.
 * Without namespaces the JVM runs as a plain process in an empty working directory, in its own
 * process group, which the grader kills as a whole: limits still hold, file isolation does not.
 */
final class Sandbox {
    enum Mode { NAMESPACES, USER, NONE }

    /** The unprivileged user a root grader runs student code as when namespaces are not available. */
    static final int NOBODY = 65534;

    /** Where the child's read-only inputs appear inside the sandbox. */
    static final String RUNNER = "/box/runner", LIB = "/box/lib", CLASSES = "/box/classes", WORK = "/box/work";

    final Mode mode;
    final String why;
    private final Path unshare;
    private final Path javaHome;
    private final List<String> symlinks = new ArrayList<>();     // "path->target" pairs recreated in the new root
    private final Set<Path> systemDirs = new LinkedHashSet<>();  // bound read-only at the same path

    private Sandbox(Mode mode, String why, Path unshare, Path javaHome) {
        this.mode = mode;
        this.why = why;
        this.unshare = unshare;
        this.javaHome = javaHome;
    }

    static Path javaHome() {
        return Paths.get(System.getProperty("java.home"));
    }

    /**
     * "auto": namespaces if they work, else (when the grader runs as root, as on Gradescope) a separate
     * unprivileged user, else nothing; "required": namespaces or the user, never nothing; "user":
     * the separate user; "off": nothing.
     */
    static Sandbox choose(String requested, Path scratch) throws IOException {
        if (requested.equals("off")) return new Sandbox(Mode.NONE, "turned off (--sandbox off)", null, javaHome());
        String problem = "not tried";
        if (!requested.equals("user")) {
            Sandbox s = namespaces();
            problem = s == null ? "util-linux unshare not found" : s.probe(scratch);
            if (problem == null) return s;
        }
        Path setpriv = Paths.get("/usr/bin/setpriv");
        if (isRoot() && Files.isExecutable(setpriv)) {
            return new Sandbox(Mode.USER, "user " + NOBODY + " (nobody) via setpriv, limits via prlimit; no namespaces ("
                    + problem + ")", setpriv, javaHome());
        }
        if (!requested.equals("auto")) {
            throw new IOException("--sandbox " + requested + ", but neither Linux namespaces (" + problem + ") nor a"
                    + " separate user (needs root and util-linux setpriv) are available here");
        }
        return new Sandbox(Mode.NONE, "not available (namespaces: " + problem + "; separate user: needs root)", null, javaHome());
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("Uid:")) return line.split("\\s+")[1].equals("0");
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return false;
    }

    private static Sandbox namespaces() throws IOException {
        Path unshare = null;
        for (String p : new String[] {"/usr/bin/unshare", "/bin/unshare"}) {
            if (Files.isExecutable(Paths.get(p))) {
                unshare = Paths.get(p);
                break;
            }
        }
        if (unshare == null || !Files.isExecutable(Paths.get("/bin/sh"))) return null;
        Path home = javaHome().toRealPath();
        Sandbox s = new Sandbox(Mode.NAMESPACES, "Linux namespaces (user, mount, pid, net, ipc)", unshare, home);
        for (String dir : new String[] {"/usr/lib", "/usr/lib64", "/usr/lib32", "/lib", "/lib64", "/lib32"}) {
            Path p = Paths.get(dir);
            if (Files.isSymbolicLink(p)) {
                s.symlinks.add(dir + "->" + Files.readSymbolicLink(p));
            } else if (Files.isDirectory(p)) {
                s.systemDirs.add(p);
            }
        }
        if (!s.covered(home)) s.systemDirs.add(home);
        // Debian-style JDKs link their configuration (and cacerts) to /etc: bind those directories too.
        List<Path> links = new ArrayList<>();
        for (String sub : new String[] {"conf", "lib"}) {
            if (!Files.isDirectory(home.resolve(sub))) continue;
            try (Stream<Path> files = Files.walk(home.resolve(sub), 4)) {
                files.filter(Files::isSymbolicLink).forEach(links::add);
            }
        }
        for (Path f : links) {
            try {
                Path target = f.toRealPath();
                Path dir = Files.isDirectory(target) ? target : target.getParent();
                if (!s.covered(dir)) s.systemDirs.add(dir);
            } catch (IOException dangling) {
                // a broken link in the JDK: nothing to bind
            }
        }
        return s;
    }

    private boolean covered(Path p) {
        for (Path d : systemDirs) {
            if (p.startsWith(d)) return true;
        }
        return false;
    }

    /** Starts a JVM printing its version inside the sandbox; null if that works, else what went wrong. */
    private String probe(Path scratch) {
        try {
            Path root = Files.createDirectories(scratch.resolve("probe-root"));
            Path empty = Files.createDirectories(scratch.resolve("probe-empty"));
            ProcessBuilder pb = new ProcessBuilder(command(List.of(javaHome + "/bin/java", "-Xshare:auto", "-XX:-UsePerfData",
                    "-version"), root, Map.of(RUNNER, empty, LIB, empty, CLASSES, empty)));
            pb.redirectErrorStream(true);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "the sandbox test did not finish";
            }
            String text = new String(out).trim();
            if (p.exitValue() != 0 || !text.contains("version")) {
                return "unshare exited with " + p.exitValue() + (text.isEmpty() ? "" : ": " + firstLine(text));
            }
            return null;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * The command that runs {@code java} (its arguments given with in-sandbox paths) in the sandbox.
     * {@code inputs} maps in-sandbox directories (RUNNER, LIB, CLASSES) to host directories;
     * {@code root} is an empty host directory to mount the new root on.
     */
    List<String> command(List<String> java, Path root, Map<String, Path> inputs) {
        if (mode == Mode.NONE) return java;
        if (mode == Mode.USER) {
            List<String> cmd = new ArrayList<>(List.of(unshare.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
                    "--clear-groups", "--no-new-privs", "--", "prlimit", "--nproc=512", "--fsize=" + (64 << 20), "--core=0", "--"));
            cmd.addAll(java);
            return cmd;
        }
        StringBuilder sh = new StringBuilder("set -e\n");
        sh.append("R=").append(q(root.toString())).append('\n');
        sh.append("mount -t tmpfs -o size=1m,mode=0755 tlslab-root \"$R\"\n");
        sh.append("mkdir -p \"$R/box/work\" \"$R/tmp\" \"$R/proc\" \"$R/dev\"\n");
        for (String link : symlinks) {
            String[] pt = link.split("->", 2);
            Path inRoot = Paths.get(pt[0]);
            if (inRoot.getParent() != null && inRoot.getParent().getNameCount() > 0) {
                sh.append("mkdir -p \"$R\"").append(q(inRoot.getParent().toString())).append('\n');
            }
            sh.append("ln -s ").append(q(pt[1])).append(" \"$R\"").append(q(pt[0])).append('\n');
        }
        Map<String, Path> binds = new LinkedHashMap<>();
        for (Path d : systemDirs) binds.put(d.toString(), d);
        binds.putAll(inputs);
        for (Map.Entry<String, Path> b : binds.entrySet()) {
            String dst = "\"$R\"" + q(b.getKey());
            // inputs hold only jars and classes: nothing there may be executed (or mapped as native code)
            String flags = inputs.containsKey(b.getKey()) ? "remount,bind,ro,nosuid,nodev,noexec" : "remount,bind,ro,nosuid,nodev";
            sh.append("mkdir -p ").append(dst).append('\n');
            sh.append("mount --bind ").append(q(b.getValue().toString())).append(' ').append(dst).append('\n');
            sh.append("mount -o ").append(flags).append(' ').append(dst).append('\n');
        }
        sh.append("mount -t tmpfs -o size=32m,mode=0777,noexec,nosuid,nodev tlslab-work \"$R/box/work\"\n");
        sh.append("mount -t tmpfs -o size=16m,mode=1777,noexec,nosuid,nodev tlslab-tmp \"$R/tmp\"\n");
        for (String dev : new String[] {"null", "zero", "random", "urandom"}) {
            sh.append("touch \"$R/dev/").append(dev).append("\"\nmount --bind /dev/").append(dev)
                    .append(" \"$R/dev/").append(dev).append("\"\n");
        }
        sh.append("mount -t proc -o nosuid,nodev,noexec proc \"$R/proc\"\n");
        sh.append("exec ").append(q(unshare.toString())).append(" --root=\"$R\" --wd=").append(WORK);
        for (String a : java) sh.append(' ').append(q(a));
        sh.append('\n');
        List<String> cmd = new ArrayList<>(List.of(unshare.toString(), "--user", "--map-root-user", "--mount", "--pid",
                "--net", "--ipc", "--uts", "--fork", "--kill-child", "--", "/bin/sh", "-c", sh.toString(), "tlslab-sandbox"));
        return cmd;
    }

    /**
     * For the USER mode: lets others traverse {@code dir} (and, with {@code read}, read everything in
     * it). The grader's temporary directories are private by default.
     */
    static void openUp(Path dir, boolean read) throws IOException {
        if (!read) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    /**
     * Whether a user other than the grader's could read {@code file}: every directory above it
     * lets others through and the file lets others read. (For the USER mode's warning.)
     */
    static boolean readableByOthers(Path file) {
        try {
            Path p = file.toRealPath();
            if (!Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) return false;
            for (Path d = p.getParent(); d != null; d = d.getParent()) {
                if (!Files.getPosixFilePermissions(d).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }

    /** Single-quoted for sh. */
    static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    Path java() {
        return javaHome.resolve("bin").resolve("java");
    }

    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
