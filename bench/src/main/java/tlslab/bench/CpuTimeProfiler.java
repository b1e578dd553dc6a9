package tlslab.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds {@code cpu.us/op} to each benchmark: the CPU time the benchmark JVM used in an iteration (all of
 * its threads: the benchmark thread, tlslab's server thread, the garbage collector, the JIT compiler),
 * divided by the operations done. Use it with {@code ./bench/run.sh -- -prof tlslab.bench.CpuTimeProfiler}.
 *
 * <p>Why: on a shared machine, other processes take turns on the CPUs, and an operation's wall time
 * (so ops/s) grows with the load. The CPU an operation needs grows much less. It is a second
 * opinion next to ops/s, not a replacement: a thread that spins while it waits (tlslab's in-memory
 * {@code Pipe}) counts as CPU here, and caches shared with other processes still cost something.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuBefore;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM (all threads) per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        cpuBefore = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
        long cpuNanos = os.getProcessCpuTime() - cpuBefore;
        long ops = result.getMetadata().getAllOps();
        return List.of(new ScalarResult("cpu.us/op", cpuNanos / 1e3 / Math.max(1, ops), "us/op", AggregationPolicy.AVG));
    }
}
