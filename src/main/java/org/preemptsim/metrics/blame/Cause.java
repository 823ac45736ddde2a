package org.preemptsim.metrics.blame;

/**
 * What stood between a timer's expiry and its task running, in the fixed precedence an instant is
 * charged by: when several hold at once, the lowest number wins. There is no "other": every
 * instant of a sample is one of these, so the parts of a sample sum to it exactly.
 */
public final class Cause {

    private Cause() {
    }

    /** An NMI handler ran on the CPU that stood between. */
    public static final int NMI = 0;
    /** A hardirq (entry, handler, exit) of any vector or device line, the task's own timer included. */
    public static final int HARDIRQ = 1;
    /** A softirq handler (at irq_exit, local_bh_enable, ksoftirqd or, on PREEMPT_RT, in a thread). */
    public static final int SOFTIRQ = 2;
    /** A task kept IRQs disabled (which program step of which task opened the section). */
    public static final int IRQS_OFF = 3;
    /** A task kept preemption disabled: a spinlock, preempt_disable, BH or RCU section. */
    public static final int PREEMPT_OFF = 4;
    /**
     * A task the scheduler prefers ran: higher priority, an equal-priority FIFO task, the fair
     * task EEVDF keeps, or the measured task itself when its previous activation overran.
     */
    public static final int HIGHER_PRIO = 5;
    /** A lower-priority task ran boosted by priority inheritance: a lock holder, through the PI chain. */
    public static final int LOCK_HOLDER = 6;
    /** need_resched was set but the running code had no live preemption point yet (none/voluntary). */
    public static final int PREEMPT_POINT = 7;
    /** Only TIF_NEED_RESCHED_LAZY was set for a fair wakee: the wait for the tick (or return to user). */
    public static final int LAZY_TICK = 8;
    /** A reschedule or call-function IPI in flight, or an idle CPU on its way out of idle. */
    public static final int IPI = 9;
    /** __schedule, the context switch and the wakee's cache refill before it runs its own code. */
    public static final int SCHED = 10;
    public static final int COUNT = 11;

    private static final String[] KEYS = {"nmi", "hardirq", "softirq", "irqs_off", "preempt_off", "higher_prio",
        "lock_holder", "preempt_point", "lazy_tick", "ipi", "sched"};

    private static final String[] LABELS = {"NMI", "hardirq", "softirq", "IRQs disabled", "preemption disabled",
        "higher-priority task", "lock holder (PI)", "waiting for a preemption point", "lazy wait for the tick",
        "IPI delivery", "scheduler and context switch"};

    /** The JSON key: nmi, hardirq, ..., sched. */
    public static String key(int cause) {
        return KEYS[cause];
    }

    /** The words a report prints. */
    public static String label(int cause) {
        return LABELS[cause];
    }
}
