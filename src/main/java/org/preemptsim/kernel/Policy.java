package org.preemptsim.kernel;

/** Scheduling policies (include/uapi/linux/sched.h), with the kernel's names. */
public enum Policy {
    SCHED_NORMAL("other"), SCHED_FIFO("fifo"), SCHED_RR("rr"), SCHED_BATCH("batch"), SCHED_IDLE("idle");

    private final String shortName;

    Policy(String shortName) {
        this.shortName = shortName;
    }

    /** The name chrt and scenario files use: other, fifo, rr, batch, idle. */
    public String shortName() {
        return shortName;
    }

    public boolean rt() {
        return this == SCHED_FIFO || this == SCHED_RR;
    }

    public static Policy ofShortName(String s) {
        for (Policy p : values()) {
            if (p.shortName.equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown policy '" + s + "' (other, fifo, rr, batch, idle)");
    }
}
