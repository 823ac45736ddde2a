package org.preemptsim.rv;

import org.preemptsim.kernel.Cpu;

import java.util.List;

/**
 * scpd, schedule called with preemption disabled (per-CPU): __schedule is entered and left only
 * after an outermost preempt_disable. Table: monitors/scpd/scpd.h; handlers: scpd.c
 * (preempt_enable starts it). Kconfig: depends on PREEMPT_TRACER.
 */
public final class Scpd extends DaMonitor {

    public static final String NAME = "scpd";

    static final int CANT_SCHED = 0;
    static final int CAN_SCHED = 1;

    static final int PREEMPT_DISABLE = 0;
    static final int PREEMPT_ENABLE = 1;
    static final int SCHEDULE_ENTRY = 2;
    static final int SCHEDULE_EXIT = 3;

    private static final int X = Automaton.INVALID;

    static final Automaton MODEL = new Automaton(NAME,
        List.of("cant_sched", "can_sched"),
        List.of("preempt_disable", "preempt_enable", "schedule_entry", "schedule_exit"),
        new int[][] {
            {CAN_SCHED, X, X, X},
            {X, CANT_SCHED, CAN_SCHED, CAN_SCHED},
        }, CANT_SCHED, CANT_SCHED);

    public Scpd() {
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
    public void schedEntry(long ns, Cpu cpu, boolean preempt) {
        handleEvent(of(cpu), SCHEDULE_ENTRY, ns, cpu);
    }

    @Override
    public void schedExit(long ns, Cpu cpu, boolean isSwitch) {
        handleEvent(of(cpu), SCHEDULE_EXIT, ns, cpu);
    }
}
