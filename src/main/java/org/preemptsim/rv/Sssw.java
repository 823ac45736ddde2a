package org.preemptsim.rv;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;

import java.util.List;

/**
 * sssw, set state sleep and wakeup (per-task, 6.17): only a task that set a sleeping state
 * suspends, and a suspended task is woken before it runs again. Table: monitors/sssw/sssw.h;
 * handlers: sssw.c (set_state TASK_RUNNING and sched_wakeup start it). The simulator delivers no
 * signals, so signal_deliver never fires.
 */
public final class Sssw extends DaMonitor {

    public static final String NAME = "sssw";

    static final int RUNNABLE = 0;
    static final int SIGNAL_WAKEUP = 1;
    static final int SLEEPABLE = 2;
    static final int SLEEPING = 3;

    static final int SET_STATE_RUNNABLE = 0;
    static final int SET_STATE_SLEEPABLE = 1;
    static final int SWITCH_BLOCKING = 2;
    static final int SWITCH_IN = 3;
    static final int SWITCH_PREEMPT = 4;
    static final int SWITCH_SUSPEND = 5;
    static final int SWITCH_YIELD = 6;
    static final int WAKEUP = 7;
    static final int SIGNAL_DELIVER = 8;

    private static final int X = Automaton.INVALID;

    static final Automaton MODEL = new Automaton(NAME,
        List.of("runnable", "signal_wakeup", "sleepable", "sleeping"),
        List.of("sched_set_state_runnable", "sched_set_state_sleepable", "sched_switch_blocking", "sched_switch_in",
            "sched_switch_preempt", "sched_switch_suspend", "sched_switch_yield", "sched_wakeup", "signal_deliver"),
        new int[][] {
            {RUNNABLE, SLEEPABLE, SLEEPING, RUNNABLE, RUNNABLE, X, RUNNABLE, RUNNABLE, RUNNABLE},
            {X, SLEEPABLE, X, SIGNAL_WAKEUP, SIGNAL_WAKEUP, X, SIGNAL_WAKEUP, SIGNAL_WAKEUP, RUNNABLE},
            {RUNNABLE, SLEEPABLE, SLEEPING, SLEEPABLE, SLEEPABLE, SLEEPING, SIGNAL_WAKEUP, RUNNABLE, SLEEPABLE},
            {X, X, X, X, X, X, X, RUNNABLE, X},
        }, RUNNABLE, RUNNABLE);

    public Sssw() {
        super(MODEL, true);
    }

    @Override
    public void schedSetState(long ns, Cpu cpu, Task t, int state) {
        if (state == Task.TASK_RUNNING) {
            handleStartEvent(of(t), SET_STATE_RUNNABLE, ns, cpu);
        } else {
            handleEvent(of(t), SET_STATE_SLEEPABLE, ns, cpu);
        }
    }

    @Override
    public void schedSwitch(long ns, Cpu cpu, boolean preempt, Task prev, int prevState, Task next) {
        int event;
        if (preempt) {
            event = SWITCH_PREEMPT;
        } else if (prevState == Task.TASK_RUNNING) {
            event = SWITCH_YIELD;
        } else if (prevState == Task.TASK_RTLOCK_WAIT) {
            event = SWITCH_BLOCKING; // a sleeping lock's racy wait
        } else {
            event = SWITCH_SUSPEND;
        }
        handleEvent(of(prev), event, ns, cpu);
        handleEvent(of(next), SWITCH_IN, ns, cpu);
    }

    @Override
    public void schedWakeup(long ns, Cpu cpu, Task p) {
        handleStartEvent(of(p), WAKEUP, ns, cpu);
    }
}
