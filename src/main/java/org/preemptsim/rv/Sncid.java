package org.preemptsim.rv;

import org.preemptsim.kernel.Cpu;

import java.util.List;

/**
 * sncid, schedule not called with interrupts disabled (per-CPU; replaced by sts in 6.17).
 * Table: monitors/sncid/sncid.h; handlers: sncid.c, where irq_enable, schedule_entry and
 * schedule_exit are all start events (the reference guessed irq_enable alone).
 */
public final class Sncid extends DaMonitor {

    public static final String NAME = "sncid";

    static final int CAN_SCHED = 0;
    static final int CANT_SCHED = 1;

    static final int IRQ_DISABLE = 0;
    static final int IRQ_ENABLE = 1;
    static final int SCHEDULE_ENTRY = 2;
    static final int SCHEDULE_EXIT = 3;

    private static final int X = Automaton.INVALID;

    static final Automaton MODEL = new Automaton(NAME,
        List.of("can_sched", "cant_sched"),
        List.of("irq_disable", "irq_enable", "schedule_entry", "schedule_exit"),
        new int[][] {
            {CANT_SCHED, X, CAN_SCHED, CAN_SCHED},
            {X, CAN_SCHED, X, X},
        }, CAN_SCHED, CAN_SCHED);

    public Sncid() {
        super(MODEL, false);
    }

    @Override
    public void irqDisable(long ns, Cpu cpu) {
        handleEvent(of(cpu), IRQ_DISABLE, ns, cpu);
    }

    @Override
    public void irqEnable(long ns, Cpu cpu) {
        handleStartEvent(of(cpu), IRQ_ENABLE, ns, cpu);
    }

    @Override
    public void schedEntry(long ns, Cpu cpu, boolean preempt) {
        handleStartEvent(of(cpu), SCHEDULE_ENTRY, ns, cpu);
    }

    @Override
    public void schedExit(long ns, Cpu cpu, boolean isSwitch) {
        handleStartEvent(of(cpu), SCHEDULE_EXIT, ns, cpu);
    }
}
