package org.preemptsim.metrics;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;
import org.preemptsim.trace.TraceSink;

/**
 * Collects what the measurement tracepoints report, per task and overall:
 * <ul>
 * <li>latency_sample (when the task runs minus its timer's expiry): the cyclictest latency and the
 * timerlat thread latency; only measured tasks count towards the overall figure;</li>
 * <li>hrtimer_expire of a measured task's timer (callback time minus expiry): the timerlat IRQ
 * latency, overall and per task;</li>
 * <li>job_done: response times (release to completion) and deadline misses, per task.</li>
 * </ul>
 * Stats objects are created at a task's first sample, never per event afterwards.
 */
public final class LatencyRecorder implements TraceSink {

    private final LatencyStats all = new LatencyStats();
    private final LatencyStats irq = new LatencyStats();
    private final LatencyStats[] perTask;
    private final LatencyStats[] perTaskIrq;
    private final LatencyStats[] perTaskResponse;
    private final long[] deadlineMisses;
    private final LatencyStats[] perCpu;
    private final LatencyStats[] perCpuIrq;

    /** Sized for the machine: task indexes below {@code tasks}, CPU ids below {@code cpus}. */
    public LatencyRecorder(int tasks, int cpus) {
        perTask = new LatencyStats[tasks];
        perTaskIrq = new LatencyStats[tasks];
        perTaskResponse = new LatencyStats[tasks];
        deadlineMisses = new long[tasks];
        perCpu = new LatencyStats[cpus];
        perCpuIrq = new LatencyStats[cpus];
    }

    @Override
    public void latencySample(long ns, Cpu cpu, Task t, long expiryNs) {
        long lat = ns - expiryNs;
        if (t.measured) {
            all.record(lat);
            LatencyStats pc = perCpu[cpu.id];
            if (pc == null) {
                pc = new LatencyStats();
                perCpu[cpu.id] = pc;
            }
            pc.record(lat);
        }
        LatencyStats s = perTask[t.index];
        if (s == null) {
            s = new LatencyStats(); // once per task, at its first sample
            perTask[t.index] = s;
        }
        s.record(lat);
    }

    @Override
    public void hrtimerExpire(long ns, Cpu cpu, Task owner, long expiryNs) {
        long lat = ns - expiryNs;
        irq.record(lat);
        LatencyStats s = perTaskIrq[owner.index];
        if (s == null) {
            s = new LatencyStats();
            perTaskIrq[owner.index] = s;
        }
        s.record(lat);
        LatencyStats pc = perCpuIrq[cpu.id];
        if (pc == null) {
            pc = new LatencyStats();
            perCpuIrq[cpu.id] = pc;
        }
        pc.record(lat);
    }

    @Override
    public void jobDone(long ns, Cpu cpu, Task t, long releaseNs, long deadlineNs) {
        long response = ns - releaseNs;
        LatencyStats s = perTaskResponse[t.index];
        if (s == null) {
            s = new LatencyStats();
            perTaskResponse[t.index] = s;
        }
        s.record(response);
        if (deadlineNs > 0 && response > deadlineNs) {
            deadlineMisses[t.index]++;
        }
    }

    /** Wakeup latency of the measured tasks. */
    public LatencyStats all() {
        return all;
    }

    public LatencyStats irq() {
        return irq;
    }

    /** The wakeup-latency stats of task index i, or null if it reported nothing. */
    public LatencyStats task(int index) {
        return perTask[index];
    }

    /** The timer IRQ latency of task index i's timers, or null. */
    public LatencyStats taskIrq(int index) {
        return perTaskIrq[index];
    }

    /** The response times of task index i's jobs, or null if it completed none. */
    public LatencyStats taskResponse(int index) {
        return perTaskResponse[index];
    }

    public long deadlineMisses(int index) {
        return deadlineMisses[index];
    }

    /** The stats of CPU id c, or null if nothing was measured there. */
    public LatencyStats cpu(int c) {
        return perCpu[c];
    }

    /** The timer IRQ latency of measured tasks' timers that fired on CPU id c, or null. */
    public LatencyStats cpuIrq(int c) {
        return perCpuIrq[c];
    }
}
