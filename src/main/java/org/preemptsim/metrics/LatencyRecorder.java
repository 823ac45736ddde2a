package org.preemptsim.metrics;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;
import org.preemptsim.trace.TraceSink;

/**
 * Collects the latency samples the measured tasks report through the latency_sample
 * tracepoint (when the task runs minus its timer's expiry), per task and overall, plus the
 * timerlat split: IRQ latency (expiry to the hrtimer callback).
 */
public final class LatencyRecorder implements TraceSink {

    private final LatencyStats all = new LatencyStats();
    private final LatencyStats irq = new LatencyStats();
    private final LatencyStats[] perTask;
    private final LatencyStats[] perCpu;

    /** Sized for the machine: task indexes below {@code tasks}, CPU ids below {@code cpus}. */
    public LatencyRecorder(int tasks, int cpus) {
        perTask = new LatencyStats[tasks];
        perCpu = new LatencyStats[cpus];
    }

    @Override
    public void latencySample(long ns, Cpu cpu, Task t, long expiryNs) {
        long lat = ns - expiryNs;
        all.record(lat);
        LatencyStats s = perTask[t.index];
        if (s == null) {
            s = new LatencyStats(); // once per measured task, at its first sample
            perTask[t.index] = s;
        }
        s.record(lat);
        LatencyStats pc = perCpu[cpu.id];
        if (pc == null) {
            pc = new LatencyStats();
            perCpu[cpu.id] = pc;
        }
        pc.record(lat);
    }

    @Override
    public void hrtimerExpire(long ns, Cpu cpu, Task owner, long expiryNs) {
        irq.record(ns - expiryNs);
    }

    public LatencyStats all() {
        return all;
    }

    public LatencyStats irq() {
        return irq;
    }

    /** The stats of task index i, or null if it reported nothing. */
    public LatencyStats task(int index) {
        return perTask[index];
    }

    /** The stats of CPU id c, or null if nothing was measured there. */
    public LatencyStats cpu(int c) {
        return perCpu[c];
    }
}
