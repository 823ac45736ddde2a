package org.preemptsim.rv;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;

import java.util.List;

/**
 * snroc, set non-runnable on its own context (per-task): a task's state is set only while it
 * runs. Table: monitors/snroc/snroc.h; handlers: snroc.c (prev's switch-out starts it).
 */
public final class Snroc extends DaMonitor {

    public static final String NAME = "snroc";

    static final int OTHER_CONTEXT = 0;
    static final int OWN_CONTEXT = 1;

    static final int SCHED_SET_STATE = 0;
    static final int SCHED_SWITCH_IN = 1;
    static final int SCHED_SWITCH_OUT = 2;

    private static final int X = Automaton.INVALID;

    static final Automaton MODEL = new Automaton(NAME,
        List.of("other_context", "own_context"),
        List.of("sched_set_state", "sched_switch_in", "sched_switch_out"),
        new int[][] {
            {X, OWN_CONTEXT, X},
            {OWN_CONTEXT, X, OTHER_CONTEXT},
        }, OTHER_CONTEXT, OTHER_CONTEXT);

    public Snroc() {
        super(MODEL, true);
    }

    @Override
    public void schedSetState(long ns, Cpu cpu, Task t, int state) {
        handleEvent(of(t), SCHED_SET_STATE, ns, cpu);
    }

    @Override
    public void schedSwitch(long ns, Cpu cpu, boolean preempt, Task prev, int prevState, Task next) {
        handleStartEvent(of(prev), SCHED_SWITCH_OUT, ns, cpu);
        handleEvent(of(next), SCHED_SWITCH_IN, ns, cpu);
    }
}
