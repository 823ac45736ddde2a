package org.preemptsim.metrics.blame;

/**
 * The kernel's latency tracers' figures for a run: the longest irqsoff, preemptoff and
 * preemptirqsoff sections (null when the build has no such events: preemptoff needs
 * CONFIG_PREEMPTION) and the wakeup_rt maximum (null when no RT task was woken and ran).
 */
public record Tracers(Section irqsoff, Section preemptoff, Section preemptirqsoff, Wakeup wakeupRt) {

    /** A section: its length, CPU, start, and the task and program step at each end. */
    public record Section(long maxNs, int cpu, long startNs, String begin, String end) {
    }

    /** The longest wakeup (sched_wakeup to sched_switch) of the highest-priority RT task woken. */
    public record Wakeup(long maxNs, int cpu, long wakeupNs, String task) {
    }
}
