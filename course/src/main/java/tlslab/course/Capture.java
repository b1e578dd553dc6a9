package tlslab.course;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Captures the lab's TCP traffic on the loopback interface while a notebook connects, with
 * {@code tcpdump} (or Wireshark's {@code dumpcap}) when this machine allows it, which usually needs
 * root or the capture capability. When it cannot, {@link #stop()} reads a capture shipped with the
 * course instead, and {@link #source()} says which of the two the notebook shows.
 *
 * <pre>
 * Capture capture = Capture.start(server.port(), Path.of("captures/lab-connection.pcap"));
 * ... connect, talk, close ...
 * Pcap pcap = capture.stop();
 * </pre>
 */
public final class Capture {
    /** How long a capture tool may take to say it is listening. */
    static final long READY_MILLIS = 5000;

    private final Process process;
    private final Path file;
    private final Path shipped;
    private final String tool;
    private final String whyNotLive;
    private boolean stopped;
    /** MakeCapture keeps the live file to copy it; notebooks need only what {@link #stop()} read. */
    boolean keepFile;

    private Capture(Process process, Path file, Path shipped, String tool, String whyNotLive) {
        this.process = process;
        this.file = file;
        this.shipped = shipped;
        this.tool = tool;
        this.whyNotLive = whyNotLive;
    }

    /** Starts capturing TCP to and from {@code port} on the loopback interface, or prepares to read {@code shipped}. */
    public static Capture start(int port, Path shipped) {
        if ("shipped".equals(System.getenv("TLSLAB_CAPTURE"))) {
            return new Capture(null, null, shipped, null, "TLSLAB_CAPTURE=shipped asks for the shipped capture");
        }
        return start(port, shipped, tools(port));
    }

    /** Candidate commands, each with the file it writes as its last argument left to fill in ("%s"). */
    static List<List<String>> tools(int port) {
        String filter = "tcp port " + port;
        List<String> tcpdump = new ArrayList<>(List.of("tcpdump", "-i", "lo", "--immediate-mode", "-U", "-s", "0", "-n"));
        // tcpdump as root drops to the user "tcpdump", who may not write our temporary folder: stay root
        if ("root".equals(System.getProperty("user.name"))) tcpdump.addAll(List.of("-Z", "root"));
        tcpdump.addAll(List.of("-w", "%s", filter));
        List<String> dumpcap = List.of("dumpcap", "-i", "lo", "-P", "-q", "-f", filter, "-w", "%s");
        return List.of(tcpdump, dumpcap);
    }

    static Capture start(int port, Path shipped, List<List<String>> candidates) {
        List<String> reasons = new ArrayList<>();
        for (List<String> template : candidates) {
            String name = template.get(0);
            Path file;
            try {
                Path dir = Files.createTempDirectory("tlslab-capture");
                file = dir.resolve("lab-" + port + ".pcap");
            } catch (IOException e) {
                reasons.add("no temporary folder: " + e.getMessage());
                break;
            }
            List<String> command = template.stream().map(a -> a.equals("%s") ? file.toString() : a).toList();
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                reasons.add(name + " is not installed");
                removeQuietly(file);
                continue;
            }
            String ready = waitUntilListening(p);
            if (ready == null) {
                // the tool must not outlive the notebook's kernel, nor the file the kernel's session
                Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "capture-stop"));
                file.getParent().toFile().deleteOnExit();   // deleted in reverse order: the file, then its folder
                file.toFile().deleteOnExit();
                return new Capture(p, file, shipped, String.join(" ", command), null);
            }
            p.destroyForcibly();
            reasons.add(name + ": " + ready);
            removeQuietly(file);
        }
        return new Capture(null, null, shipped, null, String.join("; ", reasons));
    }

    private static void removeQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        } catch (IOException ignored) {
            // a temporary folder left behind is no reason to fail
        }
    }

    /** Null once the tool says it is capturing; otherwise why it did not start. */
    private static String waitUntilListening(Process p) {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> {
            StringBuilder said = new StringBuilder();
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    // tcpdump: "listening on lo, link-type EN10MB ..."; dumpcap -q prints nothing, see below
                    if (line.contains("listening on") || line.startsWith("Capturing on")) return null;
                    said.append(line.strip()).append(' ');
                }
            } catch (IOException e) {
                said.append(e.getMessage());
            }
            return said.toString().strip().isEmpty() ? "exited without capturing" : said.toString().strip();
        });
        try {
            String r = result.get(READY_MILLIS, TimeUnit.MILLISECONDS);
            if (r == null) drain(out);
            return r;
        } catch (java.util.concurrent.TimeoutException e) {
            if (p.isAlive()) {   // dumpcap -q says nothing when it works: alive after the wait means capturing
                drain(out);
                return null;
            }
            return "exited without capturing";
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) { /* the tool's statistics at exit */ }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "capture-output");
        t.setDaemon(true);
        t.start();
    }

    /** Whether a capture tool is running for this capture (false: the shipped file will be read). */
    public boolean live() {
        return process != null;
    }

    /**
     * Stops the tool (it writes out what it has on SIGTERM) and reads the capture; without a tool,
     * reads the shipped file.
     */
    public Pcap stop() throws IOException {
        if (stopped) throw new IllegalStateException("already stopped");
        stopped = true;
        if (process == null) return Pcap.read(shipped);
        try {
            Thread.sleep(300);   // the last segments (FIN, ACK) reach the tool
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pcap pcap = Pcap.read(file);
        if (!keepFile) {   // all in memory now; a kernel that is killed never runs deleteOnExit
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
        return pcap;
    }

    /** The capture file this notebook reads: the live one (deleted once read), or the shipped one. */
    public Path file() {
        return process == null ? shipped : file;
    }

    /** One sentence saying where the packets come from. */
    public String source() {
        if (process != null) return "live capture of this notebook's connection: " + tool;
        return "no live capture here (" + whyNotLive + "), so this shows the capture shipped with the course, " + shipped
                + ", made the same way on the course's machine";
    }

    /** {@link #source()} as a notebook line. */
    public View view() {
        return View.message(process != null ? "● capturing:" : "○ reading a file:", source());
    }

    @Override
    public String toString() {
        return source();
    }
}
