package org.preemptsim.rv;

import org.preemptsim.kernel.Cpu;

import java.util.List;

/**
 * snep, schedule does not enable preempt (per-CPU): no outermost preempt_disable/enable between
 * schedule_entry and schedule_exit. Table: monitors/snep/snep.h (the state really is spelled
 * "scheduling_contex"); handlers: snep.c (preempt_disable, preempt_enable and schedule_exit start
 * it). Kconfig: depends on PREEMPT_TRACER.
 */
public final class Snep extends DaMonitor {

    public static final String NAME = "snep";

    static final int NON_SCHEDULING_CONTEXT = 0;
    static final int SCHEDULING_CONTEX = 1;

    static final int PREEMPT_DISABLE = 0;
    static final int PREEMPT_ENABLE = 1;
    static final int SCHEDULE_ENTRY = 2;
    static final int SCHEDULE_EXIT = 3;

    private static final int X = Automaton.INVALID;

    static final Automaton MODEL = new Automaton(NAME,
        List.of("non_scheduling_context", "scheduling_contex"),
        List.of("preempt_disable", "preempt_enable", "schedule_entry", "schedule_exit"),
        new int[][] {
            {NON_SCHEDULING_CONTEXT, NON_SCHEDULING_CONTEXT, SCHEDULING_CONTEX, X},
            {X, X, X, NON_SCHEDULING_CONTEXT},
        }, NON_SCHEDULING_CONTEXT, NON_SCHEDULING_CONTEXT);

    public Snep() {
        super(MODEL, false);
    }

    @Override
    public boolean buildable(boolean preemption) {
        return preemption;
    }

    @Override
    public void preemptDisable(long ns, Cpu cpu) {
        handleStartEvent(of(cpu), PREEMPT_DISABLE, ns, cpu);
    }

    @Override
    public void preemptEnable(long ns, Cpu cpu) {
        handleStartEvent(of(cpu), PREEMPT_ENABLE, ns, cpu);
    }

    @Override
    public void schedEntry(long ns, Cpu cpu, boolean preempt) {
        handleEvent(of(cpu), SCHEDULE_ENTRY, ns, cpu);
    }

    @Override
    public void schedExit(long ns, Cpu cpu, boolean isSwitch) {
        handleStartEvent(of(cpu), SCHEDULE_EXIT, ns, cpu);
    }
}
