package org.preemptsim.trace;

import org.preemptsim.kernel.Task;
import org.preemptsim.kernel.sched.Sched;

/**
 * sched_switch's {@code prev_state}: the value the kernel records
 * ({@code __trace_sched_switch_state}, include/trace/events/sched.h) and the letters its print fmt
 * makes of it.
 */
public final class TaskStates {

    private TaskStates() {
    }

    /** TASK_REPORT_MAX: set for a preempted task, printed as the "+" of "R+". */
    public static final long REPORT_MAX = 0x100;
    static final int TASK_REPORT = 0x7f;
    static final int TASK_REPORT_IDLE = 0x80;
    static final int EXIT_DEAD = 0x10;
    static final int TASK_NOLOAD = 0x400;
    static final int TASK_IDLE = Task.TASK_UNINTERRUPTIBLE | TASK_NOLOAD;
    static final int TASK_FROZEN = 0x8000;

    private static final String[] LETTERS = {"S", "D", "T", "t", "X", "Z", "P", "I"};

    /**
     * The recorded prev_state: TASK_REPORT_MAX when preempted, else the one report bit of
     * {@code __task_state_index} (idle kthreads as I, rtlock and frozen waits as D). A dying task
     * reports EXIT_DEAD ("X"), as {@link Task#stateLetters} does: the simulator keeps no exit_state.
     */
    public static long report(int prevState) {
        if (prevState == Sched.PREV_STATE_PREEMPTED) {
            return REPORT_MAX;
        }
        if (prevState == Task.TASK_DEAD) {
            return EXIT_DEAD;
        }
        int state = prevState & TASK_REPORT;
        if ((prevState & TASK_IDLE) == TASK_IDLE) {
            state = TASK_REPORT_IDLE;
        }
        if ((prevState & Task.TASK_RTLOCK_WAIT) != 0 || (prevState & TASK_FROZEN) != 0) {
            state = Task.TASK_UNINTERRUPTIBLE;
        }
        int fls = 32 - Integer.numberOfLeadingZeros(state);
        return fls == 0 ? 0 : 1L << (fls - 1);
    }

    /** The print fmt: __print_flags(state &amp; (TASK_REPORT_MAX - 1), "|", ...) or "R", then "+" if preempted. */
    public static String letters(long report) {
        StringBuilder sb = new StringBuilder();
        long bits = report & (REPORT_MAX - 1);
        if (bits == 0) {
            sb.append('R');
        } else {
            for (int i = 0; i < LETTERS.length; i++) {
                if ((bits & (1L << i)) != 0) {
                    if (sb.length() > 0) {
                        sb.append('|');
                    }
                    sb.append(LETTERS[i]);
                }
            }
        }
        if ((report & REPORT_MAX) != 0) {
            sb.append('+');
        }
        return sb.toString();
    }
}
