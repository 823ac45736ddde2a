package org.preemptsim.kernel;

/** The PREEMPT_DYNAMIC modes, as written to /sys/kernel/debug/sched/preempt. */
public enum Mode {
    NONE("none"), VOLUNTARY("voluntary"), FULL("full"), LAZY("lazy");

    private final String sysfs;

    Mode(String sysfs) {
        this.sysfs = sysfs;
    }

    /** The kernel's own spelling (preempt=none, ...). */
    public String sysfsName() {
        return sysfs;
    }

    public static Mode ofSysfs(String s) {
        for (Mode m : values()) {
            if (m.sysfs.equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown preemption mode '" + s + "' (none, voluntary, full, lazy)");
    }
}
