package org.preemptsim.rv;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;

import java.util.List;

/**
 * sco, scheduling context operations (per-CPU): no set_current_state() inside __schedule.
 * Table: monitors/sco/sco.h; handlers: sco.c (sched_set_state and schedule_exit start it).
 */
public final class Sco extends DaMonitor {

    public static final String NAME = "sco";

    static final int THREAD_CONTEXT = 0;
    static final int SCHEDULING_CONTEXT = 1;

    static final int SCHED_SET_STATE = 0;
    static final int SCHEDULE_ENTRY = 1;
    static final int SCHEDULE_EXIT = 2;

    private static final int X = Automaton.INVALID;

    static final Automaton MODEL = new Automaton(NAME,
        List.of("thread_context", "scheduling_context"),
        List.of("sched_set_state", "schedule_entry", "schedule_exit"),
        new int[][] {
            {THREAD_CONTEXT, SCHEDULING_CONTEXT, X},
            {X, X, THREAD_CONTEXT},
        }, THREAD_CONTEXT, THREAD_CONTEXT);

    public Sco() {
        super(MODEL, false);
    }

    @Override
    public void schedSetState(long ns, Cpu cpu, Task t, int state) {
        handleStartEvent(of(cpu), SCHED_SET_STATE, ns, cpu);
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
