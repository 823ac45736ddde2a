package org.preemptsim.kernel;

/**
 * One CPU: the per-CPU preempt_count (raw x86 value, see {@link PreemptCount}), the IRQ flag,
 * curr, the interrupt context stack and pending vectors, time accounting.
 *
 * <p>The CPU always runs exactly one context: the current task (depth 0) or, above it, nested
 * softirq, hardirq and NMI frames. The work of the top context is a segment with a finish time
 * (the CPU's segment timer); an interrupt arriving earlier suspends it, keeping the remainder.
 */
public final class Cpu {

    // Frame kinds.
    public static final int F_HARDIRQ = 1;
    public static final int F_SOFTIRQ = 2;
    public static final int F_NMI = 3;

    // Accounting categories (/proc/stat columns).
    public static final int ACCT_USER = 0;
    public static final int ACCT_SYSTEM = 1;
    public static final int ACCT_HARDIRQ = 2;
    public static final int ACCT_SOFTIRQ = 3;
    public static final int ACCT_IDLE = 4;
    public static final int ACCT_COUNT = 5;

    // Pending x86 vectors, by priority (higher vector first): reschedule 0xfd, call-function-single
    // 0xfb, local timer 0xec; device vectors are lower.
    public static final int VEC_RESCHEDULE = 1;
    public static final int VEC_CALL_FUNCTION_SINGLE = 2;
    public static final int VEC_LOCAL_TIMER = 4;

    public final int id;
    public final int llc;

    /** Raw x86 preempt_count, bit 31 inverted. */
    public int preemptCount = PreemptCount.PREEMPT_ENABLED;
    public boolean irqsDisabled;
    public Task curr;
    public Task idle;
    /** TIF_POLLING_NRFLAG of the idle task: idle watches its flags, no IPI needed. */
    public boolean polling;

    // ---- the segment the top context is executing
    public int segTimer;
    public long segEndNs;
    public boolean segActive;

    // ---- interrupt frames above the task context
    public int depth;
    public final int[] frameKind = new int[8];
    public final int[] framePhase = new int[8];
    public final int[] frameArg = new int[8];
    public final long[] frameRemaining = new long[8];
    public final boolean[] frameSavedIrqsDisabled = new boolean[8];
    public final boolean[] frameSegActive = new boolean[8];
    public final boolean[] frameFromTask = new boolean[8];
    public final long[] frameAux = new long[8];
    public final long[] frameAux2 = new long[8];
    public final int[] frameVec = new int[8];

    // ---- pending interrupts
    public int pendingVectors;
    /** Device sources pending on this CPU, as a bitmask over {@link #devSources}. */
    public long pendingDevices;
    public int[] devSources = new int[0];
    public boolean nmiPending;
    public boolean inNmi;
    public int nmiSourcePending = -1;

    // ---- softirqs (non-RT: per CPU)
    public int softirqPending;
    public final long[] softirqWorkNs = new long[10];
    public Task ksoftirqd;
    /** PREEMPT_RT: softirq_ctrl.cnt, the BH-disable count of the task context on this CPU. */
    public int softirqCtrlCnt;
    /** PREEMPT_RT: ktimers/N, which runs the TIMER and HRTIMER softirqs. */
    public Task ktimers;
    public int pendingTimerSoftirq;
    /** The wake list of ttwu_queue_wakelist, FIFO. */
    public Task wakeListHead;
    public Task wakeListTail;

    // ---- the clock event device and this CPU's hrtimer base
    public int clockEventTimer;
    public long nextTickNs;

    /** Cost of preemptibility operations executed on this CPU, paid by its next kernel segment. */
    public long debtNs;

    // ---- accounting
    public int acctCat = ACCT_IDLE;
    public Task acctTask;
    public long acctSinceNs;
    public final long[] acctNs = new long[ACCT_COUNT];

    // ---- counters
    public long nrSwitches;
    public long ipisReceived;

    public Cpu(int id, int llc) {
        this.id = id;
        this.llc = llc;
    }

    /** Whether a hardirq frame for {@code arg} is on the stack (the line is masked while it runs). */
    public boolean inHandler(int arg) {
        for (int d = 1; d <= depth; d++) {
            if (frameKind[d] == F_HARDIRQ && frameArg[d] == arg) {
                return true;
            }
        }
        return false;
    }

    public int count() {
        return PreemptCount.count(preemptCount);
    }
}
