package org.preemptsim.rv;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;

import java.util.List;

/**
 * tss, task switch while scheduling (per-CPU; replaced by sts in 6.17): sched_switch only inside
 * __schedule. Table: monitors/tss/tss.h; handlers: tss.c (schedule_exit starts it).
 */
public final class Tss extends DaMonitor {

    public static final String NAME = "tss";

    static final int THREAD = 0;
    static final int SCHED = 1;

    static final int SCHED_SWITCH = 0;
    static final int SCHEDULE_ENTRY = 1;
    static final int SCHEDULE_EXIT = 2;

    private static final int X = Automaton.INVALID;

    static final Automaton MODEL = new Automaton(NAME,
        List.of("thread", "sched"),
        List.of("sched_switch", "schedule_entry", "schedule_exit"),
        new int[][] {
            {X, SCHED, X},
            {SCHED, X, THREAD},
        }, THREAD, THREAD);

    public Tss() {
        super(MODEL, false);
    }

    @Override
    public void schedSwitch(long ns, Cpu cpu, boolean preempt, Task prev, int prevState, Task next) {
        handleEvent(of(cpu), SCHED_SWITCH, ns, cpu);
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
