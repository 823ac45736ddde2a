package org.preemptsim.kernel;

/**
 * How the simulated kernel was configured (kernel/Kconfig.preempt). The build fixes what is
 * compiled in (PREEMPTION, PREEMPT_COUNT, PREEMPT_DYNAMIC, PREEMPT_RT); the {@link Mode} picks
 * which preemption points are live.
 */
public enum Build {
    /** CONFIG_PREEMPT_DYNAMIC: PREEMPT_BUILD with the mode chosen at boot or through debugfs. */
    DYNAMIC(true, true, false, null),
    /** CONFIG_PREEMPT_NONE without PREEMPT_DYNAMIC: no PREEMPTION, no preempt count. */
    STATIC_NONE(false, false, false, Mode.NONE),
    /** CONFIG_PREEMPT_VOLUNTARY without PREEMPT_DYNAMIC. */
    STATIC_VOLUNTARY(false, false, false, Mode.VOLUNTARY),
    /** CONFIG_PREEMPT without PREEMPT_DYNAMIC. */
    STATIC_PREEMPT(true, false, false, Mode.FULL),
    /** CONFIG_PREEMPT_LAZY without PREEMPT_DYNAMIC (v6.13+). */
    STATIC_LAZY(true, false, false, Mode.LAZY),
    /** CONFIG_PREEMPT_RT (with PREEMPT_DYNAMIC, full or lazy). */
    RT(true, true, true, null);

    private final boolean preemption;
    private final boolean dynamic;
    private final boolean rt;
    private final Mode staticMode;

    Build(boolean preemption, boolean dynamic, boolean rt, Mode staticMode) {
        this.preemption = preemption;
        this.dynamic = dynamic;
        this.rt = rt;
        this.staticMode = staticMode;
    }

    /** CONFIG_PREEMPTION: preempt_enable() can reschedule, IRQ exit can preempt the kernel. */
    public boolean preemption() {
        return preemption;
    }

    /** CONFIG_PREEMPT_DYNAMIC: the mode can change at run time. */
    public boolean dynamic() {
        return dynamic;
    }

    public boolean rt() {
        return rt;
    }

    /**
     * CONFIG_PREEMPT_COUNT: PREEMPTION selects it, and so does DEBUG_ATOMIC_SLEEP, so a static
     * none/voluntary kernel keeps a count only when the debug checks are built in.
     */
    public boolean preemptCount(boolean debugChecks) {
        return preemption || debugChecks;
    }

    /** The one mode a static build runs in, or null for builds that choose. */
    public Mode staticMode() {
        return staticMode;
    }
}
