package tlslab.grader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the sandbox adds to starting a runner JVM: starts one N times without a sandbox and N times
 * under each available level, alternating, and prints the median per start. Run by grader/measure.sh.
 */
public final class SandboxStartCost {
    private SandboxStartCost() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Files.createTempDirectory("tlslab-startcost-");
        Path runner = Files.createDirectories(dir.resolve("runner"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Grader.copyRunner(runner);
        List<String> levels = List.of("off", "user", "bwrap");
        for (String level : levels) {
            Sandbox sandbox;
            try {
                sandbox = Sandbox.choose(level, dir);
            } catch (java.io.IOException e) {
                System.out.println(level + ": not available here (" + e.getMessage() + ")");
                continue;
            }
            sandbox.openUp(dir);
            long[] ms = new long[n];
            for (int i = 0; i < n; i++) {
                ChildJvm.Settings s = new ChildJvm.Settings(sandbox, runner, classes, List.of(), classes, dir, 256, 15_000, 60);
                try (ChildJvm jvm = new ChildJvm(s)) {
                    // a call to a class that is not there: the JVM starts, the runner answers at once
                    ChildJvm.Outcome o = jvm.call("Missing", "java.lang.Runnable", "run", new String[0], new Object[0], 15_000);
                    if (!(o instanceof ChildJvm.Failed)) throw new IllegalStateException(level + ": " + o);
                    ms[i] = jvm.startMillis();
                }
            }
            java.util.Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%-6s median %d ms per runner start (min %d, max %d, %d starts)%n", level, ms[n / 2], ms[0],
                    ms[n - 1], n);
            sandbox.release();
        }
        Grader.deleteQuietly(dir);
    }
}
