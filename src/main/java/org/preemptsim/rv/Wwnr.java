package org.preemptsim.rv;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;
import org.preemptsim.kernel.sched.Sched;

import java.util.List;

/**
 * wwnr, wakeup while not running (per-task). Wrong on purpose upstream: a task woken between
 * set_current_state() and schedule() is still running, which the model forbids
 * (Documentation/trace/rv/monitor_wwnr.rst); it exists to exercise reactors, so its reports are
 * expected and not failures. Table: monitors/wwnr/wwnr.h; handlers: wwnr.c.
 */
public final class Wwnr extends DaMonitor {

    public static final String NAME = "wwnr";

    static final int NOT_RUNNING = 0;
    static final int RUNNING = 1;

    static final int SWITCH_IN = 0;
    static final int SWITCH_OUT = 1;
    static final int WAKEUP = 2;

    private static final int X = Automaton.INVALID;

    static final Automaton MODEL = new Automaton(NAME,
        List.of("not_running", "running"),
        List.of("switch_in", "switch_out", "wakeup"),
        new int[][] {
            {RUNNING, X, NOT_RUNNING},
            {X, NOT_RUNNING, X},
        }, NOT_RUNNING, NOT_RUNNING);

    public Wwnr() {
        super(MODEL, true);
    }

    @Override
    public void schedSwitch(long ns, Cpu cpu, boolean preempt, Task prev, int prevState, Task next) {
        // The tracepoint's prev_state argument is prev->__state even when preempted ("R+" is made
        // by the event's TP_fast_assign, not passed): a task preempted in TASK_INTERRUPTIBLE starts it.
        int state = prevState == Sched.PREV_STATE_PREEMPTED ? prev.state : prevState;
        if (state == Task.TASK_INTERRUPTIBLE) {
            handleStartEvent(of(prev), SWITCH_OUT, ns, cpu);
        } else {
            handleEvent(of(prev), SWITCH_OUT, ns, cpu);
        }
        handleEvent(of(next), SWITCH_IN, ns, cpu);
    }

    @Override
    public void schedWakeup(long ns, Cpu cpu, Task p) {
        handleEvent(of(p), WAKEUP, ns, cpu);
    }
}
