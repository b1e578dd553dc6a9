package tlslab.grader;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How student code (and javac on student sources) is walled off. Three levels, best first:
 * <ul>
 * <li>{@code bwrap}: bubblewrap with new user, mount, PID, network, IPC and UTS namespaces, a root
 *     holding only the JDK, the system libraries it loads and the folders given read-only, tmpfs
 *     for /tmp, no capabilities, no_new_privs, a seccomp filter that forbids new processes
 *     ({@link Seccomp}), and the rlimits below. A root grader first drops to a uid of its own per
 *     grading slot, so the kernel's per-user limits apply.</li>
 * <li>{@code user}: where namespaces are not allowed (e.g. a Gradescope container) a root grader
 *     runs the code as a slot uid with the same rlimits; files are hidden by permissions only and
 *     the network is reachable.</li>
 * <li>{@code off}: a plain process in its own session; limits hold, nothing is hidden.</li>
 * </ul>
 */
final class Sandbox {
    enum Level { BWRAP, USER, NONE }

    /** A root grader runs slot n's student code as uid FIRST_UID + n (no such user needs to exist). */
    static final int FIRST_UID = 64000;
    private static final BitSet SLOTS = new BitSet();   // this JVM's slots; other graders' are locked in files

    /** rlimits for one sandboxed process tree. */
    record Limits(int addressSpaceMb, int tasks, long cpuSeconds, int fileMb, int openFiles) {
    }

    final Level level;
    final String why;
    private final Path javaHome;
    private final List<Path> systemDirs;
    private final List<String[]> rootLinks;   // {"/lib", "usr/lib"}: the host's top-level symlinks, recreated
    private final Path filter;
    private final SlotLock slot;
    private final int cpu;

    private Sandbox(Level level, String why, Path javaHome, List<Path> systemDirs, List<String[]> rootLinks, Path filter) {
        this.level = level;
        this.why = why;
        this.javaHome = javaHome;
        this.systemDirs = systemDirs;
        this.rootLinks = rootLinks;
        this.filter = filter;
        this.slot = claimSlot();
        List<Integer> cpus = allowedCpus();
        this.cpu = cpus.isEmpty() ? -1 : cpus.get(slot.number % cpus.size());
    }

    /** The levels without bubblewrap: nothing bound, no filter. */
    private Sandbox(Level level, String why) {
        this(level, why, javaHome(), List.of(), List.of(), null);
    }

    /** The CPUs this process may run on (Linux's Cpus_allowed_list, e.g. "0-3,6"); empty if unknown. */
    static List<Integer> allowedCpus() {
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : procStatus("self", "Cpus_allowed_list").split(",")) {
                String[] ab = part.split("-");
                for (int c = Integer.parseInt(ab[0]); c <= Integer.parseInt(ab[ab.length - 1]); c++) out.add(c);
            }
        } catch (RuntimeException e) {
            out.clear();
        }
        return out;
    }

    /** A field of /proc/PID/status ("Uid", "Cpus_allowed_list"), or "" where there is none. */
    private static String procStatus(String pid, String field) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc", pid, "status"))) {
                if (line.startsWith(field + ":")) return line.substring(field.length() + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process has ended
        }
        return "";
    }

    /** The real uid of process {@code pid} ("self" for this one), or "". */
    private static String uidOf(String pid) {
        return procStatus(pid, "Uid").split("\\s+")[0];
    }

    /** A grading slot held by this JVM, and the file lock that tells other grader processes so. */
    private record SlotLock(int number, FileChannel file, FileLock lock) {
        void free() {
            try {
                if (lock != null) lock.release();
                if (file != null) file.close();
            } catch (IOException ignored) {
                // closing frees the lock anyway
            }
            synchronized (SLOTS) {
                SLOTS.clear(number);
            }
        }
    }

    /**
     * The lowest slot no grader on this machine holds: the kernel counts a uid's threads across every
     * sandbox, so two graders (two processes, or two threads of a batch) must never share one.
     */
    private static SlotLock claimSlot() {
        Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "tlslab-grader-slots-" + System.getProperty("user.name"));
        synchronized (SLOTS) {
            for (int slot = SLOTS.nextClearBit(0); ; slot = SLOTS.nextClearBit(slot + 1)) {
                FileChannel file = null;
                try {
                    Files.createDirectories(dir);
                    file = FileChannel.open(dir.resolve(slot + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = file.tryLock();
                    if (lock != null) {
                        SLOTS.set(slot);
                        return new SlotLock(slot, file, lock);
                    }
                    file.close();
                } catch (IOException e) {   // no lock files here: slots are unique within this JVM only
                    SLOTS.set(slot);
                    return new SlotLock(slot, null, null);
                }
                if (slot > 10_000) throw new IllegalStateException("no free grading slot");
            }
        }
    }

    /** Frees this sandbox's slot (its uid) for another grader. */
    void release() {
        if (level == Level.USER) killAll(uid());
        slot.free();
    }

    static Path javaHome() {
        return Paths.get(System.getProperty("java.home"));
    }

    /** "auto" takes the best level that works here; "bwrap", "user" and "off" insist on one. */
    static Sandbox choose(String requested, Path scratch) throws IOException {
        if (requested.equals("off")) return new Sandbox(Level.NONE, "off (--sandbox off): student code can read every file the grader can");
        String problem = "not tried";
        if (!requested.equals("user")) {
            Sandbox s = bubblewrap(scratch);
            problem = s.probe(scratch);
            if (problem == null) return s;
            s.release();
            if (requested.equals("bwrap")) throw new IOException("--sandbox bwrap, but bubblewrap does not work here: " + problem);
        }
        if (isRoot() && Files.isExecutable(Paths.get("/usr/bin/setpriv")) && Files.isExecutable(Paths.get("/usr/bin/prlimit"))) {
            return new Sandbox(Level.USER, "user: student code runs as its own unprivileged uid with limits, but without"
                    + " namespaces (bubblewrap: " + problem + "): it can reach the network and every world-readable file");
        }
        if (!requested.equals("auto")) {
            throw new IOException("--sandbox " + requested + ", but neither bubblewrap (" + problem + ") nor a separate uid"
                    + " (needs root, util-linux setpriv and prlimit) is available here");
        }
        return new Sandbox(Level.NONE, "none available (bubblewrap: " + problem + "; separate uid: needs root):"
                + " student code can read every file the grader can");
    }

    static boolean isRoot() {
        return uidOf("self").equals("0");
    }

    private static Sandbox bubblewrap(Path scratch) throws IOException {
        Path home = javaHome().toRealPath();
        TreeSet<Path> dirs = new TreeSet<>();
        dirs.add(home);
        // the system libraries the JDK loads (ldd), by directory
        List<String> ldd = new ArrayList<>(List.of("ldd", home.resolve("bin/java").toString()));
        try (Stream<Path> libs = Files.walk(home.resolve("lib"), 2)) {
            libs.filter(p -> p.toString().endsWith(".so")).forEach(p -> ldd.add(p.toString()));
        }
        for (String line : run(ldd).split("\n")) {
            for (String word : line.trim().split("\\s+")) {
                if (!word.startsWith("/")) continue;
                Path p = Paths.get(word);
                if (Files.exists(p)) {
                    dirs.add(p.getParent());
                    dirs.add(p.toRealPath().getParent());
                }
            }
        }
        // Debian's JDK links its configuration and cacerts to /etc
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isSymbolicLink)::iterator) {
                if (f.startsWith(home.resolve("legal")) || f.startsWith(home.resolve("man")) || f.startsWith(home.resolve("docs"))) continue;
                try {
                    Path t = f.toRealPath();
                    dirs.add(Files.isDirectory(t) ? t : t.getParent());
                } catch (IOException dangling) {
                    // nothing to bind
                }
            }
        }
        List<String[]> links = new ArrayList<>();
        for (String top : new String[] {"/bin", "/lib", "/lib32", "/lib64", "/libx32"}) {
            Path p = Paths.get(top);
            if (Files.isSymbolicLink(p)) links.add(new String[] {top, Files.readSymbolicLink(p).toString()});
        }
        // paths through a top-level symlink are bound at their real place; a directory inside another is already there
        List<Path> bound = new ArrayList<>();
        for (Path d : dirs) {
            Path real = d.toRealPath();
            if (bound.stream().noneMatch(real::startsWith)) bound.add(real);
        }
        Path filter = null;
        if (Seccomp.supported()) {
            filter = scratch.resolve("seccomp.bpf");
            Files.write(filter, Seccomp.program());
        }
        return new Sandbox(Level.BWRAP, "bwrap: bubblewrap namespaces (user, mount, pid, net, ipc, uts), no capabilities,"
                + (filter == null ? " no seccomp filter on " + System.getProperty("os.arch") : " seccomp (no new processes)")
                + ", limits on the whole tree", home, bound, links, filter);
    }

    private static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            p.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** Runs {@code java -version} in the sandbox: null if it works, else what went wrong. */
    private String probe(Path scratch) {
        try {
            if (!Files.isExecutable(Paths.get("/usr/bin/bwrap"))) return "/usr/bin/bwrap not found (Debian/Ubuntu package bubblewrap)";
            if (!Files.isExecutable(Paths.get("/usr/bin/prlimit"))) return "/usr/bin/prlimit not found (util-linux)";
            openUp(scratch);
            List<String> java = ChildJvm.javaCommand(this, 64, "-version");
            List<String> cmd = command(java, Map.of(), Map.of(), new Limits(ChildJvm.addressSpaceMb(64), 128, 20, 1, 64));
            String out = run(cmd).trim();
            if (!out.contains("version")) return "bwrap says: " + out.lines().findFirst().orElse("(nothing)");
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** The uid student code runs as (outside any namespace), when a root grader drops to one. */
    int uid() {
        return FIRST_UID + slot.number;
    }

    private boolean dropsToSlotUid() {
        return level != Level.NONE && isRoot();
    }

    /** Where host path {@code hostPath}, bound at {@code inside}, is seen by the sandboxed process. */
    String path(String inside, Path hostPath) {
        return level == Level.BWRAP ? inside : hostPath.toString();
    }

    /**
     * The command running {@code argv} (paths as {@link #path} gives them) under this sandbox:
     * {@code readOnly} and {@code writable} map in-sandbox paths to host folders.
     */
    List<String> command(List<String> argv, Map<String, Path> readOnly, Map<String, Path> writable, Limits l) {
        List<String> cmd = new ArrayList<>();
        if (dropsToSlotUid()) {
            cmd.addAll(List.of("/usr/bin/setpriv", "--reuid=" + uid(), "--regid=" + uid(), "--clear-groups", "--no-new-privs", "--"));
        }
        if (level != Level.NONE && cpu >= 0 && Files.isExecutable(Paths.get("/usr/bin/taskset"))) {
            // each grading slot on a core of its own: a student who keeps every thread busy slows only themselves
            cmd.addAll(List.of("/usr/bin/taskset", "-c", String.valueOf(cpu)));
        }
        if (level != Level.NONE) {
            cmd.addAll(List.of("/usr/bin/prlimit", "--as=" + ((long) l.addressSpaceMb() << 20), "--nproc=" + l.tasks(),
                    "--cpu=" + l.cpuSeconds(), "--fsize=" + ((long) l.fileMb() << 20), "--nofile=" + l.openFiles(), "--core=0", "--"));
        } else if (Files.isExecutable(Paths.get("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");   // its own process group, killed as a whole
        }
        if (level == Level.BWRAP) bwrap(cmd, readOnly, writable);
        cmd.addAll(argv);
        return cmd;
    }

    private void bwrap(List<String> cmd, Map<String, Path> readOnly, Map<String, Path> writable) {
        if (filter != null) {
            // bwrap reads the filter from a file descriptor, which ProcessBuilder cannot pass: sh opens it
            cmd.addAll(List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" 9<" + q(filter.toString())));
        }
        cmd.addAll(List.of("/usr/bin/bwrap", "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
                "--new-session", "--as-pid-1", "--cap-drop", "ALL", "--uid", "65534", "--gid", "65534", "--hostname", "sandbox", "--clearenv",
                "--setenv", "PATH", "/usr/bin", "--setenv", "LANG", "C.UTF-8", "--setenv", "HOME", "/tmp",
                "--setenv", "MALLOC_ARENA_MAX", "2"));
        for (String[] link : rootLinks) cmd.addAll(List.of("--symlink", link[1], link[0]));
        for (Path d : systemDirs) cmd.addAll(List.of("--ro-bind", d.toString(), d.toString()));
        readOnly.forEach((inside, host) -> cmd.addAll(List.of("--ro-bind", host.toString(), inside)));
        writable.forEach((inside, host) -> cmd.addAll(List.of("--bind", host.toString(), inside)));
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--size", String.valueOf(32 << 20), "--tmpfs", "/tmp",
                "--chdir", "/tmp"));
        if (filter != null) cmd.addAll(List.of("--seccomp", "9"));
    }

    /**
     * Lets the slot uid through {@code dir} and read what is in it (a root grader's temporary files
     * are private to root). Only folders that hold nothing secret are opened this way.
     */
    void openUp(Path dir) throws IOException {
        if (dropsToSlotUid()) setOwnerAndMode(dir, -1, "rwxr-xr-x", "rw-r--r--");
    }

    /** Gives {@code dir} (a submission's own folder) to the slot uid alone. */
    void handOver(Path dir) throws IOException {
        if (dropsToSlotUid()) setOwnerAndMode(dir, uid(), "rwx------", "rw-------");
    }

    /** Gives everything in {@code dir} these permissions, and to {@code owner} (uid and gid) unless it is -1. */
    private static void setOwnerAndMode(Path dir, int owner, String dirMode, String fileMode) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (owner >= 0) {
                    Files.setAttribute(p, "unix:uid", owner, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", owner, LinkOption.NOFOLLOW_LINKS);
                }
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? dirMode : fileMode));
            }
        }
    }

    /** Kills every process of {@code uid} (the user level has no PID namespace to end them all). */
    static void killAll(int uid) {
        String u = String.valueOf(uid);
        ProcessHandle.allProcesses().filter(p -> uidOf(String.valueOf(p.pid())).equals(u)).forEach(ProcessHandle::destroyForcibly);
    }

    /** Single-quoted for sh. */
    static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    Path java() {
        return javaHome.resolve("bin").resolve("java");
    }
}
