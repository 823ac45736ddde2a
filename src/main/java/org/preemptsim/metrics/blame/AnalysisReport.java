package org.preemptsim.metrics.blame;

import org.preemptsim.kernel.Kernel;
import org.preemptsim.kernel.PreemptPoint;
import org.preemptsim.kernel.irq.Softirq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns what an {@link Analysis} saw into the report records, after the run, with names. */
public final class AnalysisReport {

    private final Analysis a;
    private final Kernel k;
    private final Sites sites;

    public AnalysisReport(Analysis a, Kernel k) {
        this.a = a;
        this.k = k;
        this.sites = new Sites(k.tasks, k.spec.locks(), k.spec.waitQueues());
    }

    /** Schedule calls (sched_entry) and switches to a task other than idle, for the overhead accounting. */
    public long scheduleCalls() {
        return a.scheduleCalls;
    }

    public long switchIns() {
        return a.switchIns;
    }

    public BlameReport blame() {
        Blame b = a.blame;
        List<BlameReport.WorstSample> worst = new ArrayList<>();
        for (Blame.Worst w : b.worstSamples) {
            List<BlameReport.Part> parts = new ArrayList<>();
            for (int i = 0; i < w.cause().length; i++) {
                parts.add(new BlameReport.Part(Cause.key(w.cause()[i]), w.ns()[i], detail(w.cause()[i], w.who()[i], w.where()[i])));
            }
            worst.add(new BlameReport.WorstSample(sites.comm(w.task()), w.cpu(), w.expiryNs(), w.latencyNs(),
                w.irqLatencyNs() < 0 ? null : w.irqLatencyNs(), causes(w.causes()), parts));
        }
        return new BlameReport(b.samples, b.totalNs, causes(b.totals), worst, b.truncated == 0 ? null : b.truncated);
    }

    private static Map<String, Long> causes(long[] ns) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int c = 0; c < Cause.COUNT; c++) {
            m.put(Cause.key(c), ns[c]);
        }
        return m;
    }

    /** Where a part of a sample came from, in words. */
    String detail(int cause, int who, int where) {
        switch (cause) {
            case Cause.NMI:
                return a.irqNames.nmiName(who);
            case Cause.HARDIRQ:
                return who == Blame.WHO_TIMER_PENDING ? "local_timer pending with IRQs enabled, not yet taken"
                    : a.irqNames.name(who);
            case Cause.SOFTIRQ:
                if (where == Blame.WHERE_SOFT_HRTIMER) {
                    return "HRTIMER: the soft hrtimer waits for ktimers/ksoftirqd";
                }
                return Softirq.name(who) + (where >= 0 ? " in " + sites.comm(where) : "");
            case Cause.IRQS_OFF:
            case Cause.PREEMPT_OFF:
                return "opened at " + sites.step(who, where);
            case Cause.HIGHER_PRIO:
                return where == Blame.WHERE_ITSELF ? sites.comm(who) + " itself: its previous activation overran"
                    : sites.comm(who);
            case Cause.LOCK_HOLDER:
                return sites.comm(who) + ": " + a.boosts.describe(where, sites);
            case Cause.PREEMPT_POINT:
            case Cause.LAZY_TICK:
                return where < 0 ? sites.comm(who)
                    : sites.step(who, where >> 3) + ", until " + PreemptPoint.name(where & 7);
            case Cause.IPI:
                return who == Blame.IPI_RESCHEDULE ? "reschedule IPI in flight"
                    : who == Blame.IPI_WAKE_LIST ? "wake-list wakeup: call_function_single IPI in flight"
                    : "the CPU leaving idle";
            default:
                return where == Blame.WHERE_RETURNING ? sites.comm(who) + " back from __schedule: cache refill"
                    : "__schedule from " + sites.comm(who);
        }
    }

    public Tracers tracers() {
        Sections s = a.sections;
        boolean pe = a.preemptEvents();
        Tracers.Wakeup w = s.wakeupMaxNs < 0 ? null
            : new Tracers.Wakeup(s.wakeupMaxNs, s.wakeupCpu, s.wakeupAtNs, sites.comm(s.wakeupTask));
        return new Tracers(section(s.irqsoff), pe ? section(s.preemptoff) : null, pe ? section(s.preemptirqsoff) : null, w);
    }

    private Tracers.Section section(Sections.Max m) {
        if (m.ns < 0) {
            return null;
        }
        return new Tracers.Section(m.ns, m.cpu, m.startNs, site(m.beginTask, m.beginPc, m.beginCtx),
            site(m.endTask, m.endPc, m.endCtx));
    }

    private String site(int task, int pc, int ctx) {
        switch (ctx) {
            case CpuState.HARDIRQ:
                return "hardirq on " + sites.comm(task);
            case CpuState.SOFTIRQ:
                return "softirq on " + sites.comm(task);
            case CpuState.SCHED:
                return "__schedule in " + sites.comm(task);
            case CpuState.IDLE:
                return sites.comm(task);
            default:
                return sites.step(task, pc);
        }
    }

    /** The rt bound for measured tasks with these maximum latencies (by task index; -1: none). */
    public Bound bound(long[] observedMax) {
        return RtBound.compute(a, k, observedMax, a.irqNames);
    }
}
