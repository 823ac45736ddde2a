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
 * @param locking   per-lock figures and priority inheritance, or null when the machine has no locks
 */
public record RunResult(String model, String status, String bug, Latency latency, Throughput throughput,
                        List<TaskResult> tasks, Counters counters, List<WorkloadResult> workloads, Locking locking,
                        List<Histograms.Scope> histograms, BlameReport blame, Tracers tracers, Accounting accounting,
                        Bound bound) {

    public RunResult(String model, String status, String bug, Latency latency, Throughput throughput,
                     List<TaskResult> tasks, Counters counters) {
        this(model, status, bug, latency, throughput, tasks, counters, null, null, null, null, null, null, null);
    }

    /**
     * Locks and priority inheritance: PI boosts (a task's priority raised by a waiter), the
     * longest boost, and the longest priority inversion (a task waiting for a lock held by a
     * lower-priority task, from the block to the acquisition).
     */
    public record Locking(List<LockResult> locks, long piBoosts, long piSetprioEvents, long longestBoostNs,
                          long longestInversionNs) {
    }

    /**
     * One declared lock (summed over its per-CPU instances). {@code word} is what it is on this
     * build: spin, rwspin, rtlock, rt_mutex, mutex, semaphore, rwbase, or none (local_lock off RT).
     * blocked_ns is time waiters slept or spun on an owner; spin_ns is time spun on the queued word.
     */
    public record LockResult(String name, String kind, String word, long acquisitions, long contentions,
                             long blockedNs, long spinNs) {
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
        return new RunResult(model, status, bug, latency, throughput, tasks, counters, w, locking, histograms, blame,
            tracers, accounting, bound);
    }

    public RunResult withLocking(Locking l) {
        return new RunResult(model, status, bug, latency, throughput, tasks, counters, workloads, l, histograms, blame,
            tracers, accounting, bound);
    }

    public RunResult withAnalysis(List<Histograms.Scope> h, BlameReport b, Tracers t, Accounting a, Bound bd) {
        return new RunResult(model, status, bug, latency, throughput, tasks, counters, workloads, locking, h, b, t, a, bd);
    }
}
