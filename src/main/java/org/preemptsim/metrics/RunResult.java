package org.preemptsim.metrics;

import org.preemptsim.metrics.blame.BlameReport;
import org.preemptsim.metrics.blame.Bound;
import org.preemptsim.metrics.blame.Tracers;

import java.util.List;
import java.util.Map;

/**
 * The result of one run (one scenario x one model x one seed): either numbers, or the kernel
 * bug that stopped it. No wall-clock figures: the same seed gives the same result bit for bit.
 *
 * <p>The last five are the analysis ({@link Measure#analysis()}), null without it: latency
 * histograms, the blame of the measured samples, the latency tracers' figures, the overhead
 * accounting, and the PREEMPT_RT scheduling-latency bound.
 *
 * @param workloads figures of the built-in workloads (hackbench's time, ...), or null when none
 */
public record RunResult(String model, String status, String bug, Latency latency, Throughput throughput,
                        List<TaskResult> tasks, Counters counters, List<WorkloadResult> workloads,
                        List<Histograms.Scope> histograms, BlameReport blame, Tracers tracers, Accounting accounting,
                        Bound bound) {

    public RunResult(String model, String status, String bug, Latency latency, Throughput throughput,
                     List<TaskResult> tasks, Counters counters) {
        this(model, status, bug, latency, throughput, tasks, counters, null, null, null, null, null, null);
    }

    /** min, avg and max exact; p99 from the HdrHistogram (3 significant digits). */
    public record Latency(long samples, long minNs, long avgNs, long p99Ns, long maxNs) {
        public static Latency of(LatencyStats s) {
            return new Latency(s.count(), s.min(), s.avg(), s.percentile(99.0), s.max());
        }
    }

    /** user_ns_per_s: user-space work completed per simulated second by the non-measured tasks. */
    public record Throughput(long userNsPerS, Map<String, Long> cpuTimeNs) {
    }

    /**
     * One task. The last four are optional (null when the task reported none): the latest latency
     * sample (cyclictest's Act), the latency of its timers' IRQ (timerlat's IRQ latency), its
     * jobs' response times, and a cyclictest -h histogram of its latency when asked for.
     */
    public record TaskResult(String name, int pid, int cpu, boolean measured, long userNs, long nvcsw, long nivcsw,
                             Latency latency, Long actNs, Latency irqLatency, Response response, Histogram histogram) {

        public TaskResult(String name, int pid, int cpu, boolean measured, long userNs, long nvcsw, long nivcsw,
                          Latency latency) {
            this(name, pid, cpu, measured, userNs, nvcsw, nivcsw, latency, null, null, null, null);
        }
    }

    /**
     * Response times (release to completion) of a task's jobs: exact min, avg and max, p99 from the
     * histogram; deadline misses (response above the relative deadline) and overruns (periodic
     * releases skipped because the previous job was still running, as cyclictest counts them).
     */
    public record Response(long jobs, long minNs, long avgNs, long p99Ns, long maxNs, long deadlineMisses,
                           long overruns) {
    }

    /**
     * Latency histogram as {@code cyclictest -h}: counts[i] = samples in [i, i+1) x bucket_ns;
     * overflows are the samples beyond the last bucket. Bucket edges are exact below 2 µs and
     * within 0.1 % above (the HdrHistogram's 3 significant digits).
     */
    public record Histogram(long bucketNs, long[] counts, long overflows) {
    }

    public record Counters(long events, long contextSwitches, long wakeups, long migrations,
                           Map<String, Long> preemptions, long reschedIpis, long callFunctionIpis,
                           long reschedRequests, long lazyReschedRequests, long hardirqs, long nmis,
                           long softirqRuns, Map<String, Long> preemptibilityOps) {
    }

    /** A built-in workload's own figures, e.g. hackbench's {@code time_ns} and {@code messages_per_s}. */
    public record WorkloadResult(String workload, String name, Map<String, Long> figures) {
    }

    public boolean ok() {
        return "ok".equals(status);
    }

    public RunResult withWorkloads(List<WorkloadResult> w) {
        return new RunResult(model, status, bug, latency, throughput, tasks, counters, w, histograms, blame, tracers,
            accounting, bound);
    }

    public RunResult withAnalysis(List<Histograms.Scope> h, BlameReport b, Tracers t, Accounting a, Bound bd) {
        return new RunResult(model, status, bug, latency, throughput, tasks, counters, workloads, h, b, t, a, bd);
    }
}
