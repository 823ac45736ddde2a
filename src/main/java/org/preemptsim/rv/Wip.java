package org.preemptsim.rv;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;

import java.util.List;

/**
 * wip, wakeup in preemptive (per-CPU): sched_waking only with preemption disabled.
 * Table: kernel/trace/rv/monitors/wip/wip.h; handlers: wip.c (preempt_enable starts it).
 */
public final class Wip extends DaMonitor {

    public static final String NAME = "wip";

    static final int PREEMPTIVE = 0;
    static final int NON_PREEMPTIVE = 1;

    static final int PREEMPT_DISABLE = 0;
    static final int PREEMPT_ENABLE = 1;
    static final int SCHED_WAKING = 2;

    private static final int X = Automaton.INVALID;

    static final Automaton MODEL = new Automaton(NAME,
        List.of("preemptive", "non_preemptive"),
        List.of("preempt_disable", "preempt_enable", "sched_waking"),
        new int[][] {
            {NON_PREEMPTIVE, X, X},
            {X, PREEMPTIVE, NON_PREEMPTIVE},
        }, PREEMPTIVE, PREEMPTIVE);

    public Wip() {
        super(MODEL, false);
    }

    @Override
    public boolean buildable(boolean preemption) {
        return preemption;
    }

    @Override
    public void preemptDisable(long ns, Cpu cpu) {
        handleEvent(of(cpu), PREEMPT_DISABLE, ns, cpu);
    }

    @Override
    public void preemptEnable(long ns, Cpu cpu) {
        handleStartEvent(of(cpu), PREEMPT_ENABLE, ns, cpu);
    }

    @Override
    public void schedWaking(long ns, Cpu cpu, Task p) {
        handleEvent(of(cpu), SCHED_WAKING, ns, cpu);
    }
}
