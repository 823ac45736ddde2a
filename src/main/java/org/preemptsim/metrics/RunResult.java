package org.preemptsim.metrics;

import java.util.List;
import java.util.Map;

/**
 * The result of one run (one scenario x one model x one seed): either numbers, or the kernel
 * bug that stopped it. No wall-clock figures: the same seed gives the same result bit for bit.
 */
public record RunResult(String model, String status, String bug, Latency latency, Throughput throughput,
                        List<TaskResult> tasks, Counters counters) {

    /** min, avg and max exact; p99 from the HdrHistogram (3 significant digits). */
    public record Latency(long samples, long minNs, long avgNs, long p99Ns, long maxNs) {
        public static Latency of(LatencyStats s) {
            return new Latency(s.count(), s.min(), s.avg(), s.percentile(99.0), s.max());
        }
    }

    /** user_ns_per_s: user-space work completed per simulated second by the non-measured tasks. */
    public record Throughput(long userNsPerS, Map<String, Long> cpuTimeNs) {
    }

    public record TaskResult(String name, int pid, int cpu, boolean measured, long userNs, long nvcsw, long nivcsw,
                             Latency latency) {
    }

    public record Counters(long events, long contextSwitches, long wakeups, long migrations,
                           Map<String, Long> preemptions, long reschedIpis, long callFunctionIpis,
                           long reschedRequests, long lazyReschedRequests, long hardirqs, long nmis,
                           long softirqRuns, Map<String, Long> preemptibilityOps) {
    }

    public boolean ok() {
        return "ok".equals(status);
    }
}
