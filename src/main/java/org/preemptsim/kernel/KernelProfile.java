package org.preemptsim.kernel;

/**
 * The version-dependent rules of the simulated kernel, each citing the change behind it.
 * Default: 6.18.
 *
 * <p>{@code stableBackport} marks a 6.12 stable kernel that took the 6.15 slice reduction.
 */
public record KernelProfile(int major, int minor, boolean stableBackport) {

    public static final KernelProfile DEFAULT = new KernelProfile(6, 18, false);

    /** Parses "6.18", "6.12", "6.12-stable" (a 6.12.y that took the slice backport) or "7.3". */
    public static KernelProfile parse(String s) {
        boolean backport = s.endsWith("-stable");
        String v = backport ? s.substring(0, s.length() - "-stable".length()) : s;
        String[] parts = v.split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("kernel version must look like 6.18 or 6.12-stable, got '" + s + "'");
        }
        int major;
        int minor;
        try {
            major = Integer.parseInt(parts[0]);
            minor = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("kernel version must look like 6.18 or 6.12-stable, got '" + s + "'");
        }
        KernelProfile p = new KernelProfile(major, minor, backport);
        if (!p.atLeast(6, 6)) {
            throw new IllegalArgumentException("kernel " + s + " predates EEVDF (6.6); supported: 6.6 and later");
        }
        if (backport && !(major == 6 && minor == 12)) {
            throw new IllegalArgumentException("'-stable' marks the 6.12 slice backport; it does not apply to " + v);
        }
        return p;
    }

    public boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    public String version() {
        return major + "." + minor + (stableBackport ? "-stable" : "");
    }

    /**
     * sysctl_sched_base_slice before scaling: 0.75 ms from EEVDF (6.6), 0.70 ms from 6.15 (commit
     * 2ae891b82695 "sched: Reduce the default slice to avoid tasks getting an extra tick"), also in
     * the 6.12 stable kernels that took the backport.
     */
    public long baseSliceNs() {
        return atLeast(6, 15) || stableBackport ? 700_000L : 750_000L;
    }

    /** CONFIG_PREEMPT_LAZY and preempt=lazy exist from 6.13 ("sched: Add Lazy preemption model"). */
    public boolean lazyAvailable() {
        return atLeast(6, 13);
    }

    /** PREEMPT_RT is selectable in mainline from 6.12. */
    public boolean rtAvailable() {
        return atLeast(6, 12);
    }

    /**
     * CONFIG_PREEMPT_RCU (kernel/rcu/Kconfig): 6.13-6.14 "default y if PREEMPTION"; from 6.15
     * "default y if PREEMPT || PREEMPT_RT || PREEMPT_DYNAMIC", so a static lazy build gets
     * non-preemptible RCU. Before 6.13 it followed PREEMPTION too.
     */
    public boolean preemptRcu(Build build) {
        if (atLeast(6, 15)) {
            return build == Build.STATIC_PREEMPT || build == Build.RT || build == Build.DYNAMIC;
        }
        return build.preemption();
    }

    /**
     * Observed on real 7.x kernels built with PREEMPT_LAZY on x86: preempt=none and
     * preempt=voluntary are refused ("Dynamic Preempt: unsupported mode"); only full and lazy remain.
     */
    public boolean refusesNoneAndVoluntary() {
        return major >= 7;
    }

    /** Why {@code model} cannot run on this kernel, or null when it can. */
    public String refusal(Model model) {
        Build b = model.build();
        Mode m = model.mode();
        if (b.rt() && !rtAvailable()) {
            return "PREEMPT_RT is in mainline only from 6.12; kernel " + version() + " has no rt build";
        }
        if (m == Mode.LAZY && !lazyAvailable()) {
            return "the lazy model arrived in 6.13; kernel " + version() + " refuses preempt=lazy";
        }
        if (b.rt() && (m == Mode.NONE || m == Mode.VOLUNTARY)) {
            return "a PREEMPT_RT kernel runs only full or lazy";
        }
        if (refusesNoneAndVoluntary() && (m == Mode.NONE || m == Mode.VOLUNTARY)) {
            return "kernel " + version() + " with PREEMPT_LAZY refuses preempt=" + m.sysfsName()
                + " (\"Dynamic Preempt: unsupported mode: " + m.sysfsName() + "\"); only full and lazy remain";
        }
        return null;
    }

    /** Whether a dynamic build in {@code build} may switch to {@code mode} at run time. */
    public String modeSwitchRefusal(Build build, Mode mode) {
        if (!build.dynamic()) {
            return "a static " + build + " kernel has no /sys/kernel/debug/sched/preempt";
        }
        return refusal(new Model(mode.sysfsName(), build, mode));
    }
}
