package org.preemptsim.metrics.blame;

import org.preemptsim.kernel.Kernel;
import org.preemptsim.kernel.Task;
import org.preemptsim.workload.Op;
import org.preemptsim.workload.Program;

import java.util.ArrayList;
import java.util.List;

/**
 * The bound of Theorem 8 of de Oliveira, Casini, de Oliveira, Cucinotta, "Demystifying the
 * Real-Time Linux Scheduling Latency" (ECRTS 2020, LIPIcs 10.4230/LIPIcs.ECRTS.2020.9):
 * the scheduling latency of a thread is at most the least positive L with
 * <pre>L = max(D_ST, D_POID) + D_PAIE + D_PSD + I_NMI(L) + I_IRQ(L)</pre>
 *
 * <p>Checked against the paper's text (Sections 4 and 5; Lemmas 2-7, Theorem 8), not against the
 * reference's transcription: the latency runs from the event making the thread the ready
 * highest-priority one to the scheduler's return into its own code (Definition 1); D_PSD bounds
 * the scheduler code with preemption disabled to schedule (EV1 to EV7, Lemma 2), D_ST its tail
 * from the IRQ disable before the context switch to the return (EV3 to EV7, Lemma 4), D_POID the
 * longest preemption-or-IRQs-disabled interval of a thread (Lemmas 5, 6), D_PAIE the time with
 * both enabled and need_resched set before the scheduler is called (state pe_ie); NMI and IRQ time
 * inside these is interference, taken out of them (rtsl's "latency parser") and counted by
 * I_NMI, I_IRQ. The paper leaves the interrupt characterization open; rtsl prints several, among
 * them the sporadic model and the worst observed window (request bound) used here.
 *
 * <p>How the simulator's events map: D_POID from the task-context states with preempt_count or the
 * IRQ flag set (outside __schedule and idle); D_ST from sched_entry to sched_exit, as the IRQ
 * disable (EV3) and the preempt_disable to schedule (EV1) happen at the instant of sched_entry and
 * the preempt_enable (EV7) at sched_exit; D_PSD the same and, for a switch to a measured thread, on
 * to its first own instruction: the simulator charges the cache refill of a switch after
 * __schedule returns, and the measured (timerlat) latency includes it, so the paper's F is there.
 * Interrupt instances are the hardirq frames (entry, handler, exit) and NMIs on the CPU.
 *
 * <p>Assumptions, checked per measured thread: a PREEMPT_RT build (the paper's fully preemptive
 * kernel); an RT thread pinned to one CPU (the analysis is of one CPU); the unique highest priority
 * among the tasks allowed there (Property 1); no lock, bottom half or wait queue in its program (no
 * blocking of its own); no fair server (the simulator has none).
 */
final class RtBound {

    private RtBound() {
    }

    static Bound compute(Analysis a, Kernel k, long[] observedMax, IrqNames names) {
        if (!k.build.rt()) {
            return new Bound(false, "the bound is for PREEMPT_RT kernels (the paper's fully preemptive model); "
                + k.model.name() + " is not one", List.of());
        }
        List<Task> measured = new ArrayList<>();
        for (int i = 0; i < k.nrSpecTasks; i++) {
            Task t = k.tasks[i];
            if (t.measured && observedMax[i] >= 0) {
                measured.add(t);
            }
        }
        if (measured.isEmpty()) {
            return new Bound(false, "no measured thread took a sample", List.of());
        }
        for (Task t : measured) {
            String why = outside(t, k);
            if (why != null) {
                return new Bound(false, t.comm + " " + why, List.of());
            }
        }
        List<Bound.CpuBound> out = new ArrayList<>();
        for (Task t : measured) {
            out.add(cpu(a, k.spec.durationNs(), t, observedMax[t.index], names));
        }
        return new Bound(true, null, out);
    }

    /** Why t is outside the bound's assumptions, or null. */
    static String outside(Task t, Kernel k) {
        if (!t.rt()) {
            return "is not an RT thread";
        }
        if (t.nrCpusAllowed != 1) {
            return "may run on " + t.nrCpusAllowed + " CPUs (the analysis is of one CPU)";
        }
        for (Task o : k.tasks) {
            if (o != null && o != t && o.allowedOn(t.cpu) && o.normalPrio <= t.normalPrio) {
                return "is not the unique highest priority on CPU " + t.cpu + " (" + o.comm + " has prio "
                    + o.normalPrio + ", it has " + t.normalPrio + ")";
            }
        }
        Program p = t.prog;
        for (int pc = 0; pc < p.length(); pc++) {
            switch (p.op(pc)) {
                case Op.SPIN_LOCK:
                case Op.READ_LOCK:
                case Op.SEQ_READ:
                case Op.COND_RESCHED_LOCK:
                case Op.BH_DISABLE:
                case Op.WAIT:
                    return "takes a lock or waits (" + p.describe(pc) + ")";
                default:
                    break;
            }
        }
        return null;
    }

    private static Bound.CpuBound cpu(Analysis a, long durationNs, Task t, long observed, IrqNames names) {
        Sections.PerCpu p = a.sections.cpus[t.cpu];
        long dst = p.maxSt;
        long dpoid = p.maxPoid;
        long dpaie = p.maxPaie;
        long dpsd = Math.max(p.maxPsd, p.maxSt);
        long lif = Math.max(dst, dpoid) + dpaie + dpsd;
        Interference irq = new Interference(p.irqs);
        Interference nmi = new Interference(p.nmis);
        long l = fixedPoint(lif, irq, nmi, false, Long.MAX_VALUE);
        long sporadic = fixedPoint(lif, irq, nmi, true, Math.max(durationNs, lif));
        List<Bound.Source> sources = new ArrayList<>();
        irq.describe(sources, false, names);
        nmi.describe(sources, true, names);
        return new Bound.CpuBound(t.cpu, t.comm, observed, l, sporadic < 0 ? null : sporadic, dst, dpoid, dpaie, dpsd, lif,
            nmi.window(l), irq.window(l), sources);
    }

    /**
     * Least positive fixed point of L = L_IF + I_IRQ(L) + I_NMI(L), iterated up from L_IF (both
     * interference functions count an instance arriving at the window's start, so no source
     * is lost at L = 0); -1 if it passes {@code limit} (the sporadic model may diverge).
     */
    static long fixedPoint(long lif, Interference irq, Interference nmi, boolean sporadic, long limit) {
        long l = lif;
        for (int i = 0; i < 1_000_000; i++) {
            long next = lif + (sporadic ? irq.sporadic(l) + nmi.sporadic(l) : irq.window(l) + nmi.window(l));
            if (next == l) {
                return l;
            }
            if (next > limit) {
                return -1;
            }
            l = next;
        }
        return -1;
    }

    /** The interrupt instances of one CPU, by source, as the interference functions need them. */
    static final class Interference {
        private final int[] sources;
        private final long[][] at;
        private final long[][] len;
        /** Prefix sums of len per source. */
        private final long[][] sum;
        /** Per source: the longest instance, and the shortest gap between arrivals (-1 if seen once). */
        private final long[] wcet;
        private final long[] minGap;

        Interference(Sections.Instances in) {
            int[] srcs = new int[0];
            for (int i = 0; i < in.n; i++) {
                if (indexOf(srcs, in.source[i]) < 0) {
                    srcs = java.util.Arrays.copyOf(srcs, srcs.length + 1);
                    srcs[srcs.length - 1] = in.source[i];
                }
            }
            sources = srcs;
            at = new long[srcs.length][];
            len = new long[srcs.length][];
            sum = new long[srcs.length][];
            int[] count = new int[srcs.length];
            for (int i = 0; i < in.n; i++) {
                count[indexOf(srcs, in.source[i])]++;
            }
            for (int s = 0; s < srcs.length; s++) {
                at[s] = new long[count[s]];
                len[s] = new long[count[s]];
                sum[s] = new long[count[s] + 1];
                count[s] = 0;
            }
            for (int i = 0; i < in.n; i++) {
                int s = indexOf(srcs, in.source[i]);
                at[s][count[s]] = in.at[i];
                len[s][count[s]] = in.len[i];
                count[s]++;
            }
            wcet = new long[srcs.length];
            minGap = new long[srcs.length];
            for (int s = 0; s < srcs.length; s++) {
                long g = Long.MAX_VALUE;
                for (int i = 0; i < len[s].length; i++) {
                    sum[s][i + 1] = sum[s][i] + len[s][i];
                    wcet[s] = Math.max(wcet[s], len[s][i]);
                    if (i > 0) {
                        g = Math.min(g, at[s][i] - at[s][i - 1]);
                    }
                }
                minGap[s] = g == Long.MAX_VALUE ? -1 : g;
            }
        }

        private static int indexOf(int[] a, int v) {
            for (int i = 0; i < a.length; i++) {
                if (a[i] == v) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * Sum over sources of the most work that source released in any closed window of length L
         * (the request-bound function): every instance arriving in [t, t + L] counts whole, since
         * the sample is delayed by all of it. Counting whole instances, window(0) is already the
         * longest instance, so the fixed point from L_IF is the least positive one: with no
         * preemption-disabled time at all, an NMI arriving with the sample still delays it.
         * A best window starts at an arrival: two pointers give each source in one pass.
         */
        long window(long l) {
            long total = 0;
            for (int s = 0; s < sources.length; s++) {
                long[] a = at[s];
                long best = 0;
                int r = 0;
                for (int j = 0; j < a.length; j++) {
                    long end = a[j] + l;
                    if (r < j) {
                        r = j;
                    }
                    while (r + 1 < a.length && a[r + 1] <= end) {
                        r++;
                    }
                    best = Math.max(best, sum[s][r + 1] - sum[s][j]);
                }
                total += best;
            }
            return total;
        }

        /**
         * Sum over sources of (floor(L / shortest gap) + 1) * longest: the most instances a
         * sporadic source can release in a closed window of length L, so it never falls below
         * {@link #window}. A source seen once counts once.
         */
        long sporadic(long l) {
            long total = 0;
            for (int s = 0; s < sources.length; s++) {
                long n = 1;
                if (minGap[s] >= 0) {
                    if (minGap[s] == 0) {
                        return Long.MAX_VALUE / 4; // two arrivals at one instant: no sporadic model
                    }
                    n = l / minGap[s] + 1;
                }
                total += n * wcet[s];
            }
            return total;
        }

        void describe(List<Bound.Source> out, boolean nmi, IrqNames names) {
            for (int s = 0; s < sources.length; s++) {
                out.add(new Bound.Source(nmi ? names.nmiName(sources[s]) : names.name(sources[s]), nmi, at[s].length, wcet[s],
                    minGap[s] < 0 ? null : minGap[s]));
            }
        }
    }
}
