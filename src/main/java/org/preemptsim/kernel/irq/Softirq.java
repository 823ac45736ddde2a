package org.preemptsim.kernel.irq;

/** Softirq vectors (include/linux/interrupt.h), in the order they run (lowest first). */
public final class Softirq {

    private Softirq() {
    }

    public static final int HI = 0;
    public static final int TIMER = 1;
    public static final int NET_TX = 2;
    public static final int NET_RX = 3;
    public static final int BLOCK = 4;
    public static final int IRQ_POLL = 5;
    public static final int TASKLET = 6;
    public static final int SCHED = 7;
    public static final int HRTIMER = 8;
    public static final int RCU = 9;
    public static final int NR = 10;

    /** MAX_SOFTIRQ_RESTART in kernel/softirq.c. */
    public static final int MAX_RESTART = 10;
    /** MAX_SOFTIRQ_TIME: 2 ms, compared in jiffies. */
    public static final long MAX_TIME_MS = 2;

    private static final String[] NAMES = {"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL", "TASKLET", "SCHED", "HRTIMER", "RCU"};

    public static String name(int vec) {
        return NAMES[vec];
    }

    public static int of(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown softirq '" + name + "' (" + String.join(", ", NAMES) + ")");
    }

    /** msecs_to_jiffies(2): rounds up, so 1 jiffy at HZ 100/250/300 and 2 at HZ 1000. */
    public static long maxTimeJiffies(int hz) {
        return (MAX_TIME_MS * hz + 999) / 1000;
    }
}
