package org.preemptsim.metrics.blame;

import org.preemptsim.kernel.Task;
import org.preemptsim.kernel.irq.Softirq;

import java.util.ArrayList;
import java.util.List;

/**
 * Decomposes each latency sample of a measured task into its causes. The window [expiry, sample)
 * is cut by where the task was ({@link TaskHistory}: its timer pending on the CPU that fires it,
 * queued on a wake list, runnable on a CPU, returning from __schedule) and, on the CPU that stood
 * between at each moment, by that CPU's state intervals and NMIs ({@link Timeline}). Each piece is
 * charged to one {@link Cause} by the fixed precedence, so the parts sum to the sample exactly;
 * {@link #sample} checks it and throws if they do not.
 *
 * <p>Allocation-free per sample except when a sample enters the worst N.
 */
final class Blame {

    // where the measured task is, as the classification sees it
    /** Its timer expired, the hardirq that runs the callback has not (a hard hrtimer). */
    static final int T_TIMER = 0;
    static final int T_WAKELIST = 1;
    static final int T_RUNNABLE = 2;
    static final int T_RETURNING = 3;
    /** Its own previous activation (an overrun): running its code, or asleep or blocked in it. */
    static final int T_SELF = 4;
    /** Its soft hrtimer (PREEMPT_RT, non-RT sleeper) expired, HRTIMER_SOFTIRQ has not run it. */
    static final int T_SOFT_TIMER = 5;

    // who of an IPI part
    static final int IPI_RESCHEDULE = 0;
    static final int IPI_WAKE_LIST = 1;
    static final int IPI_IDLE_EXIT = 2;
    /** where of the measured task's own overrun. */
    static final int WHERE_ITSELF = -2;
    /** where of a softirq part: the soft hrtimer waiting in HRTIMER_SOFTIRQ. */
    static final int WHERE_SOFT_HRTIMER = -3;
    /** who of a hardirq part: the timer's interrupt pending while IRQs are on (not delivered). */
    static final int WHO_TIMER_PENDING = -4;
    /** where of a sched part: the measured task on its way back from __schedule (the cache refill). */
    static final int WHERE_RETURNING = -5;

    private static final int MAX_KEYS = 64;

    private final CpuTrack[] cpus;
    private final Boosts boosts;
    private final int worst;

    final long[] totals = new long[Cause.COUNT];
    long samples;
    long totalNs;
    long truncated;

    // one sample's parts, by cause and by (cause, who, where)
    private final long[] parts = new long[Cause.COUNT];
    private final int[] keyCause = new int[MAX_KEYS];
    private final int[] keyWho = new int[MAX_KEYS];
    private final int[] keyWhere = new int[MAX_KEYS];
    private final long[] keyNs = new long[MAX_KEYS];
    private int nKeys;
    private int lastKey;
    private boolean sampleTruncated;

    /** The worst samples, worst first. */
    final List<Worst> worstSamples = new ArrayList<>();

    /** One of the worst samples, with its parts by site. */
    record Worst(int task, int cpu, long expiryNs, long latencyNs, long irqLatencyNs, long[] causes,
                 int[] cause, int[] who, int[] where, long[] ns) {
    }

    Blame(CpuTrack[] cpus, Boosts boosts, int worst) {
        this.cpus = cpus;
        this.boosts = boosts;
        this.worst = worst;
    }

    /** Task t runs its own code at {@code ns} on CPU {@code cpu} after its timer expired at {@code expiry}. */
    void sample(TaskHistory h, Task t, int cpu, long ns, long expiry) {
        java.util.Arrays.fill(parts, 0);
        nKeys = 0;
        lastKey = -1;
        sampleTruncated = false;
        long cursor = expiry;
        long irqLatency = -1;
        // The callback of this expiry's timer, if one was armed (an overrun sample has none):
        // until it ran, the task slept and the timer's CPU stood between.
        int f = h.firedFor(expiry);
        if (f >= 0 && h.firedNs[f] <= ns && h.firedNs[f] >= expiry) {
            irqLatency = h.firedNs[f] - expiry;
            int fc = h.firedCpu[f];
            charge(cursor, h.firedNs[f], fc < 0 ? -fc - 1 : fc, fc < 0 ? T_SOFT_TIMER : T_TIMER, t);
            cursor = h.firedNs[f];
        }
        while (cursor < ns) {
            int i = h.indexAt(cursor);
            // the next status change (indexAt gives the last entry at or before cursor)
            long next = i + 1 < h.tail ? Math.min(h.t[Math.max(i + 1, h.head)], ns) : ns;
            int where;
            int c;
            if (i < 0) {
                where = T_SELF;
                c = cpu;
            } else {
                c = h.cpu[i];
                switch (h.status[i]) {
                    case TaskHistory.WAKING:
                        where = T_WAKELIST;
                        c = activationCpu(h, i, cpu);
                        break;
                    case TaskHistory.RUNNABLE:
                        where = T_RUNNABLE;
                        break;
                    case TaskHistory.RETURNING:
                        where = T_RETURNING;
                        break;
                    default:
                        where = T_SELF;
                }
            }
            charge(cursor, next, c < 0 ? cpu : c, where, t);
            cursor = next;
        }
        long lat = ns - expiry;
        long sum = 0;
        for (long p : parts) {
            sum += p;
        }
        if (sum != lat) {
            throw new IllegalStateException("blame of " + t + " at " + ns + " ns: parts sum to " + sum
                + " ns, the sample is " + lat + " ns");
        }
        samples++;
        totalNs += lat;
        for (int k = 0; k < Cause.COUNT; k++) {
            totals[k] += parts[k];
        }
        if (sampleTruncated) {
            truncated++;
        }
        keepIfWorst(t.index, cpu, expiry, lat, irqLatency);
    }

    /** A wake-list wakeup is activated on the CPU of the task's next runnable entry. */
    private static int activationCpu(TaskHistory h, int i, int fallback) {
        for (int j = i + 1; j < h.tail; j++) {
            if (h.cpu[j] >= 0) {
                return h.cpu[j];
            }
        }
        return fallback;
    }

    /** Charges [a, b) on CPU cpu, piece by piece of its timeline, NMIs first. */
    private void charge(long a, long b, int cpu, int tWhere, Task t) {
        if (a >= b) {
            return;
        }
        Timeline log = cpus[cpu].log;
        int j = log.indexAt(a);
        if (log.t[j] > a) {
            sampleTruncated = true; // the log no longer reaches back to a: its first state stands in
        }
        int n = log.nmiFrom(a);
        long x = a;
        while (x < b) {
            long end = j + 1 < log.tail ? Math.min(log.t[j + 1], b) : b;
            while (x < end) {
                if (n < log.nmiTail && log.nmiStart[n] < end) {
                    long from = Math.max(log.nmiStart[n], x);
                    if (from > x) {
                        classify(x, from, log, j, tWhere, t);
                    }
                    long to = Math.min(log.nmiEnd[n], end);
                    put(Cause.NMI, log.nmiSource[n], -1, to - from);
                    x = to;
                    if (log.nmiEnd[n] <= end) {
                        n++;
                    }
                } else {
                    classify(x, end, log, j, tWhere, t);
                    x = end;
                }
            }
            j++;
        }
    }

    /** The precedence, for one piece [a, b) of constant CPU state (entry j of the log). */
    private void classify(long a, long b, Timeline log, int j, int tWhere, Task t) {
        long ns = b - a;
        int s = log.st[j];
        int who = log.who[j];
        int where = log.where[j];
        switch (CpuState.ctx(s)) {
            case CpuState.HARDIRQ:
                put(Cause.HARDIRQ, who, -1, ns);
                return;
            case CpuState.SOFTIRQ:
                put(Cause.SOFTIRQ, who, where, ns);
                return;
            case CpuState.SCHED:
                put(Cause.SCHED, who, -1, ns); // who entered __schedule
                return;
            case CpuState.IDLE:
                if (tWhere == T_TIMER) {
                    put(Cause.HARDIRQ, WHO_TIMER_PENDING, -1, ns);
                } else {
                    put(Cause.IPI, IPI_IDLE_EXIT, -1, ns);
                }
                return;
            default:
                break;
        }
        if (CpuState.is(s, CpuState.IRQS_OFF)) {
            put(Cause.IRQS_OFF, who, where, ns);
            return;
        }
        if (CpuState.is(s, CpuState.PREEMPT_OFF)) {
            put(Cause.PREEMPT_OFF, who, where, ns);
            return;
        }
        switch (tWhere) {
            case T_TIMER:
                // IRQs on, yet the hard timer's interrupt has not been taken: it is pending
                // undelivered (the kernel model's business; never seen but after an NMI).
                put(Cause.HARDIRQ, WHO_TIMER_PENDING, -1, ns);
                return;
            case T_SOFT_TIMER:
                // A soft hrtimer waits in HRTIMER_SOFTIRQ for ktimers/ksoftirqd to run it.
                put(Cause.SOFTIRQ, Softirq.HRTIMER, WHERE_SOFT_HRTIMER, ns);
                return;
            case T_WAKELIST:
                put(Cause.IPI, IPI_WAKE_LIST, -1, ns);
                return;
            case T_RETURNING:
                put(Cause.SCHED, t.index, WHERE_RETURNING, ns);
                return;
            case T_SELF:
                put(Cause.HIGHER_PRIO, t.index, WHERE_ITSELF, ns);
                return;
            default:
                break;
        }
        if (who == t.index) {
            put(Cause.SCHED, who, -1, ns); // runnable and current at one instant: the switch itself
            return;
        }
        if (CpuState.is(s, CpuState.IPI)) {
            // need_resched was set from another CPU: until the reschedule IPI folds it into this
            // CPU's preempt_count, no preemption point here can act on it (x86)
            put(Cause.IPI, IPI_RESCHEDULE, -1, ns);
            return;
        }
        if (CpuState.is(s, CpuState.NR)) {
            // need_resched is set, but the running code has not reached a live preemption point
            put(Cause.PREEMPT_POINT, who, log.preemptionOf(who, a), ns);
            return;
        }
        if (CpuState.is(s, CpuState.NR_LAZY) && t.fair()) {
            put(Cause.LAZY_TICK, who, log.preemptionOf(who, a), ns);
            return;
        }
        if (CpuState.is(s, CpuState.BOOSTED) && boosts.normalPrio(where) > t.prio) {
            put(Cause.LOCK_HOLDER, who, where, ns); // it would not run before t without the boost
            return;
        }
        put(Cause.HIGHER_PRIO, who, -1, ns);
    }

    private void put(int cause, int who, int where, long ns) {
        if (ns <= 0) {
            return;
        }
        parts[cause] += ns;
        if (lastKey >= 0 && keyCause[lastKey] == cause && keyWho[lastKey] == who && keyWhere[lastKey] == where) {
            keyNs[lastKey] += ns;
            return;
        }
        for (int k = 0; k < nKeys; k++) {
            if (keyCause[k] == cause && keyWho[k] == who && keyWhere[k] == where) {
                keyNs[k] += ns;
                lastKey = k;
                return;
            }
        }
        if (nKeys < MAX_KEYS) {
            int k = nKeys++;
            keyCause[k] = cause;
            keyWho[k] = who;
            keyWhere[k] = where;
            keyNs[k] = ns;
            lastKey = k;
            return;
        }
        // Out of slots: the per-cause parts stay exact; the site list folds the rest into the
        // cause's first site (or leaves it out if the cause has none yet).
        for (int k = 0; k < nKeys; k++) {
            if (keyCause[k] == cause) {
                keyNs[k] += ns;
                return;
            }
        }
    }

    private void keepIfWorst(int task, int cpu, long expiry, long lat, long irqLatency) {
        if (worst <= 0) {
            return;
        }
        int n = worstSamples.size();
        if (n == worst && worstSamples.get(n - 1).latencyNs() >= lat) {
            return;
        }
        int[] cause = new int[nKeys];
        int[] who = new int[nKeys];
        int[] where = new int[nKeys];
        long[] ns = new long[nKeys];
        // largest part first; equal parts keep their order of appearance
        Integer[] order = new Integer[nKeys];
        for (int k = 0; k < nKeys; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (x, y) -> Long.compare(keyNs[y], keyNs[x]));
        for (int k = 0; k < nKeys; k++) {
            int o = order[k];
            cause[k] = keyCause[o];
            who[k] = keyWho[o];
            where[k] = keyWhere[o];
            ns[k] = keyNs[o];
        }
        Worst w = new Worst(task, cpu, expiry, lat, irqLatency, parts.clone(), cause, who, where, ns);
        int at = 0;
        while (at < n && worstSamples.get(at).latencyNs() >= lat) {
            at++;
        }
        worstSamples.add(at, w);
        if (worstSamples.size() > worst) {
            worstSamples.remove(worstSamples.size() - 1);
        }
    }
}
