package org.preemptsim.kernel;

/** The preemption points a preemption can happen at, for counting and blame. */
public final class PreemptPoint {

    private PreemptPoint() {
    }

    /** exit_to_user_mode_loop: both need-resched bits. */
    public static final int RETURN_TO_USER = 0;
    /** irqentry_exit_cond_resched -> preempt_schedule_irq. */
    public static final int IRQ_EXIT = 1;
    /** preempt_enable() reaching zero -> preempt_schedule. */
    public static final int PREEMPT_ENABLE = 2;
    /** cond_resched(). */
    public static final int COND_RESCHED = 3;
    /** might_resched() inside might_sleep(). */
    public static final int MIGHT_RESCHED = 4;
    /** Blocking or an explicit schedule(). */
    public static final int SCHEDULE = 5;
    public static final int COUNT = 6;

    public static String name(int p) {
        switch (p) {
            case RETURN_TO_USER:
                return "return_to_user";
            case IRQ_EXIT:
                return "irq_exit";
            case PREEMPT_ENABLE:
                return "preempt_enable";
            case COND_RESCHED:
                return "cond_resched";
            case MIGHT_RESCHED:
                return "might_resched";
            case SCHEDULE:
                return "schedule";
            default:
                return "point" + p;
        }
    }
}
