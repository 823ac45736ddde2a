package org.preemptsim.metrics.blame;

/**
 * What a CPU is doing, packed in one int: the context it executes and, in task context, the flags
 * that decide who is to blame. Two more ints say who ({@code who}) and where ({@code where}):
 * <ul>
 * <li>HARDIRQ: the frame's vector or device line; SOFTIRQ: the vector, and the task running it
 * (PREEMPT_RT) or -1;</li>
 * <li>TASK with IRQS_OFF or PREEMPT_OFF: the task and program step that opened the section;</li>
 * <li>TASK otherwise: the running task and its step, or with BOOSTED the PI boost record;</li>
 * <li>SCHED: the task that called the scheduler and its step; IDLE: the idle task, -1.</li>
 * </ul>
 */
final class CpuState {

    private CpuState() {
    }

    static final int CTX_MASK = 7;
    /** A task runs its own code (or kernel code on its behalf) outside __schedule. */
    static final int TASK = 0;
    static final int HARDIRQ = 1;
    /** A softirq handler runs (between softirq_entry and softirq_exit). */
    static final int SOFTIRQ = 2;
    /** Between sched_entry and sched_exit: __schedule and the context switch. */
    static final int SCHED = 3;
    /** The idle task outside __schedule. */
    static final int IDLE = 4;

    static final int IRQS_OFF = 1 << 3;
    /** preempt_count() is not 0 in task context: preemption (or BH) disabled. */
    static final int PREEMPT_OFF = 1 << 4;
    /** curr has TIF_NEED_RESCHED. */
    static final int NR = 1 << 5;
    /** curr has TIF_NEED_RESCHED_LAZY. */
    static final int NR_LAZY = 1 << 6;
    /** A reschedule IPI is on its way to this CPU. */
    static final int IPI = 1 << 7;
    /** curr runs at a priority inherited through an rt_mutex. */
    static final int BOOSTED = 1 << 8;

    static int ctx(int s) {
        return s & CTX_MASK;
    }

    static boolean is(int s, int flag) {
        return (s & flag) != 0;
    }

    /** Task context with IRQs or preemption disabled: the paper's "preemption or IRQs disabled". */
    static boolean poid(int s) {
        return ctx(s) == TASK && (s & (IRQS_OFF | PREEMPT_OFF)) != 0;
    }

    /**
     * Task context, preemption and IRQs enabled, need_resched set: the paper's pe_ie state. A flag
     * set remotely counts once its reschedule IPI has landed: before, this CPU does not know it.
     */
    static boolean paie(int s) {
        return ctx(s) == TASK && (s & (IRQS_OFF | PREEMPT_OFF | IPI)) == 0 && (s & NR) != 0;
    }
}
