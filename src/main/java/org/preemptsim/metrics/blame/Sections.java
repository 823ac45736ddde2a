package org.preemptsim.metrics.blame;

/**
 * Per-CPU sections, from the CPU state transitions and the raw preemptirq events:
 * <ul>
 * <li>the kernel's latency tracers: the longest irqsoff, preemptoff and preemptirqsoff sections
 * in wall time, from the preempt/irq disable and enable events, with where each began and ended
 * (as the tracers, a section open when the CPU switches to idle is dropped: the idle loop stops
 * the critical timings);</li>
 * <li>the observed variables of the scheduling-latency bound ({@link RtBound}), in thread time
 * with interrupt and NMI time taken out, as the paper's rtsl tool measures them: D_POID (task
 * context with preemption or IRQs disabled), D_PAIE (task context, both enabled, need_resched
 * set, before the scheduler is called), D_ST and D_PSD (sched_entry to sched_exit and, for a
 * switch to a measured task, on to its first own instruction);</li>
 * <li>every hardirq and NMI, with its source and length, for the bound's interference terms.</li>
 * </ul>
 */
final class Sections {

    /** A section's extent and sites: task index, program step and context at each end. */
    static final class Max {
        long ns = -1;
        int cpu;
        long startNs;
        int beginTask;
        int beginPc;
        int beginCtx;
        int endTask;
        int endPc;
        int endCtx;
    }

    /** One CPU's open sections and maxima. */
    static final class PerCpu {
        long lastNs;
        // bound variables
        boolean poidOpen;
        long poidNet;
        long maxPoid;
        boolean schedOpen;
        long schedNet;
        /** The measured task whose switch-in extends the scheduler interval, or -1. */
        int extTask = -1;
        long maxSt;
        long maxPsd;
        boolean paieOpen;
        long paieNet;
        long maxPaie;
        // interrupt instances
        boolean inIrq;
        long irqStart;
        long irqNmi;
        int irqSource;
        final Instances irqs = new Instances();
        final Instances nmis = new Instances();
        // raw tracer sections
        boolean rawIrqOff;
        boolean rawPreemptOff;
        long irqOffSince;
        long preemptOffSince;
        long pioSince;
        int irqOffTask;
        int irqOffPc;
        int irqOffCtx;
        int preemptOffTask;
        int preemptOffPc;
        int preemptOffCtx;
        int pioTask;
        int pioPc;
        int pioCtx;
    }

    /** Interrupt occurrences: arrival, length (NMIs inside taken out), source. */
    static final class Instances {
        long[] at = new long[16];
        long[] len = new long[16];
        int[] source = new int[16];
        int n;

        void add(long start, long length, int src) {
            if (n == at.length) {
                at = java.util.Arrays.copyOf(at, n * 2);
                len = java.util.Arrays.copyOf(len, n * 2);
                source = java.util.Arrays.copyOf(source, n * 2);
            }
            at[n] = start;
            len[n] = length;
            source[n] = src;
            n++;
        }
    }

    final PerCpu[] cpus;
    final Max irqsoff = new Max();
    final Max preemptoff = new Max();
    final Max preemptirqsoff = new Max();
    // wakeup_rt: one traced task at a time, the highest-priority RT task woken
    long wakeupMaxNs = -1;
    int wakeupCpu;
    long wakeupAtNs;
    int wakeupTask = -1;
    private int tracedTask = -1;
    private int tracedPrio;
    private long tracedSinceNs;

    Sections(int nrCpus) {
        cpus = new PerCpu[nrCpus];
        for (int i = 0; i < nrCpus; i++) {
            cpus[i] = new PerCpu();
        }
    }

    // ---------------------------------------------------------------- bound variables

    /** The CPU went from state {@code from} (held since lastNs) to {@code to} at ns. */
    void transition(int cpu, long ns, int from, int fromWhere, int to, int toWho, int toWhere) {
        PerCpu p = cpus[cpu];
        flush(p, ns, from, fromWhere);
        boolean wasIrq = CpuState.ctx(from) == CpuState.HARDIRQ;
        boolean isIrq = CpuState.ctx(to) == CpuState.HARDIRQ;
        if (wasIrq && p.inIrq && !isIrq) {
            p.irqs.add(p.irqStart, ns - p.irqStart - p.irqNmi, p.irqSource);
            p.inIrq = false;
        }
        if (isIrq && !p.inIrq) {
            p.inIrq = true;
            p.irqStart = ns;
            p.irqNmi = 0;
            p.irqSource = toWho;
        }
        if (!threadState(to, toWhere)) {
            return; // interference: the sections of the interrupted thread go on after it
        }
        if (CpuState.poid(to)) {
            if (!p.poidOpen) {
                p.poidOpen = true;
                p.poidNet = 0;
            }
        } else if (p.poidOpen) {
            p.poidOpen = false;
            p.maxPoid = Math.max(p.maxPoid, p.poidNet);
        }
        if (CpuState.paie(to)) {
            if (!p.paieOpen) {
                p.paieOpen = true;
                p.paieNet = 0;
            }
        } else if (p.paieOpen) {
            p.paieOpen = false;
            p.maxPaie = Math.max(p.maxPaie, p.paieNet);
        }
    }

    /** Adds the time since the last transition, spent in {@code state}, to the sections it counts for. */
    private static void flush(PerCpu p, long ns, int state, int where) {
        long dt = ns - p.lastNs;
        p.lastNs = ns;
        if (p.poidOpen && CpuState.poid(state)) {
            p.poidNet += dt;
        }
        if (p.schedOpen && (CpuState.ctx(state) == CpuState.SCHED || p.extTask >= 0 && threadState(state, where))) {
            p.schedNet += dt;
        }
        if (p.paieOpen && CpuState.paie(state)) {
            p.paieNet += dt;
        }
    }

    /** Thread context: a task's own code, __schedule, idle, or a softirq run by a thread (PREEMPT_RT). */
    private static boolean threadState(int s, int where) {
        int ctx = CpuState.ctx(s);
        return ctx != CpuState.HARDIRQ && !(ctx == CpuState.SOFTIRQ && where < 0);
    }

    /**
     * sched_entry: a scheduler interval begins. An extended one of a measured task that did not
     * reach its sample (preempted on its way back, or a first run with no sample) is dropped.
     */
    void schedEntry(int cpu) {
        PerCpu p = cpus[cpu];
        p.schedOpen = true;
        p.schedNet = 0;
        p.extTask = -1;
    }

    /**
     * sched_exit: D_ST ends here; D_PSD too, unless the switch brought in a measured task, whose
     * latency runs until its own code (the paper's F), after the cache refill.
     */
    void schedExit(int cpu, int measuredTask) {
        PerCpu p = cpus[cpu];
        if (!p.schedOpen) {
            return;
        }
        p.maxSt = Math.max(p.maxSt, p.schedNet);
        if (measuredTask >= 0) {
            p.extTask = measuredTask;
            return;
        }
        p.maxPsd = Math.max(p.maxPsd, p.schedNet);
        p.schedOpen = false;
    }

    /** The measured task runs its own code at ns, the CPU in {@code state}: its scheduler interval ends. */
    void sampled(int cpu, long ns, int task, int state, int where) {
        PerCpu p = cpus[cpu];
        flush(p, ns, state, where);
        if (p.schedOpen && p.extTask == task) {
            p.maxPsd = Math.max(p.maxPsd, p.schedNet);
            p.schedOpen = false;
            p.extTask = -1;
        }
    }

    /** An NMI of {@code deltaNs} ended at ns; the CPU was in {@code state} throughout. */
    void nmi(int cpu, long ns, long deltaNs, int source, int state, int where) {
        PerCpu p = cpus[cpu];
        p.nmis.add(ns - deltaNs, deltaNs, source);
        if (p.inIrq) {
            p.irqNmi += deltaNs;
        }
        // The pending interval [lastNs, now) will be added at the next transition: take the NMI out.
        if (p.poidOpen && CpuState.poid(state)) {
            p.poidNet -= deltaNs;
        }
        if (p.schedOpen && (CpuState.ctx(state) == CpuState.SCHED || p.extTask >= 0 && threadState(state, where))) {
            p.schedNet -= deltaNs;
        }
        if (p.paieOpen && CpuState.paie(state)) {
            p.paieNet -= deltaNs;
        }
    }

    // ---------------------------------------------------------------- the latency tracers

    void irqsOff(int cpu, long ns, int task, int pc, int ctx) {
        PerCpu p = cpus[cpu];
        p.rawIrqOff = true;
        p.irqOffSince = ns;
        p.irqOffTask = task;
        p.irqOffPc = pc;
        p.irqOffCtx = ctx;
        if (!p.rawPreemptOff) {
            openPio(p, ns, task, pc, ctx);
        }
    }

    void irqsOn(int cpu, long ns, int task, int pc, int ctx) {
        PerCpu p = cpus[cpu];
        if (!p.rawIrqOff) {
            return;
        }
        p.rawIrqOff = false;
        record(irqsoff, cpu, p.irqOffSince, ns, p.irqOffTask, p.irqOffPc, p.irqOffCtx, task, pc, ctx);
        if (!p.rawPreemptOff) {
            record(preemptirqsoff, cpu, p.pioSince, ns, p.pioTask, p.pioPc, p.pioCtx, task, pc, ctx);
        }
    }

    void preemptOff(int cpu, long ns, int task, int pc, int ctx) {
        PerCpu p = cpus[cpu];
        p.rawPreemptOff = true;
        p.preemptOffSince = ns;
        p.preemptOffTask = task;
        p.preemptOffPc = pc;
        p.preemptOffCtx = ctx;
        if (!p.rawIrqOff) {
            openPio(p, ns, task, pc, ctx);
        }
    }

    void preemptOn(int cpu, long ns, int task, int pc, int ctx) {
        PerCpu p = cpus[cpu];
        if (!p.rawPreemptOff) {
            return; // the idle task's count, set at boot, was never traced as a disable
        }
        p.rawPreemptOff = false;
        record(preemptoff, cpu, p.preemptOffSince, ns, p.preemptOffTask, p.preemptOffPc, p.preemptOffCtx, task, pc, ctx);
        if (!p.rawIrqOff) {
            record(preemptirqsoff, cpu, p.pioSince, ns, p.pioTask, p.pioPc, p.pioCtx, task, pc, ctx);
        }
    }

    /** The CPU switched to its idle task: stop_critical_timings drops the open preempt sections. */
    void toIdle(int cpu) {
        PerCpu p = cpus[cpu];
        p.rawPreemptOff = false;
        if (p.rawIrqOff) {
            openPio(p, p.irqOffSince, p.irqOffTask, p.irqOffPc, p.irqOffCtx);
        }
    }

    private static void openPio(PerCpu p, long ns, int task, int pc, int ctx) {
        p.pioSince = ns;
        p.pioTask = task;
        p.pioPc = pc;
        p.pioCtx = ctx;
    }

    private static void record(Max m, int cpu, long from, long to, int bt, int bpc, int bctx, int et, int epc, int ectx) {
        long d = to - from;
        if (d <= m.ns) {
            return;
        }
        m.ns = d;
        m.cpu = cpu;
        m.startNs = from;
        m.beginTask = bt;
        m.beginPc = bpc;
        m.beginCtx = bctx;
        m.endTask = et;
        m.endPc = epc;
        m.endCtx = ectx;
    }

    // ---------------------------------------------------------------- wakeup_rt

    /** sched_wakeup of an RT task: traced if it is the highest-priority wakeup in flight. */
    void rtWakeup(int task, int prio, long ns) {
        if (tracedTask < 0 || prio < tracedPrio) {
            tracedTask = task;
            tracedPrio = prio;
            tracedSinceNs = ns;
        }
    }

    /** sched_switch to {@code next}: the traced wakeup's latency ends. */
    void switchedTo(int next, int cpu, long ns) {
        if (next != tracedTask) {
            return;
        }
        long d = ns - tracedSinceNs;
        if (d > wakeupMaxNs) {
            wakeupMaxNs = d;
            wakeupCpu = cpu;
            wakeupAtNs = tracedSinceNs;
            wakeupTask = next;
        }
        tracedTask = -1;
    }
}
