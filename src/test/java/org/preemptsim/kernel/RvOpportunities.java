package org.preemptsim.kernel;

import org.preemptsim.kernel.sched.Sched;
import org.preemptsim.trace.TraceSink;

import java.util.HashSet;
import java.util.Set;

/**
 * An independent witness, from the raw tracepoints, of whether a per-task RV monitor had anything
 * to check in a run: its start event for some task, then a later event of the same monitor for that
 * task. A starved machine (an rt hog on every CPU) may give a per-task monitor nothing to do; a run
 * where this witness saw an opportunity and the monitor still processed nothing is a monitor that
 * never runs. The per-CPU scheduling monitors need a CPU that enters the scheduler, or sets a task
 * state, at least twice: a machine where one rt hog runs from boot and never schedules again gives
 * them a start and nothing after it.
 */
final class RvOpportunities implements TraceSink {

    private final Set<Task> wwnrArmed = new HashSet<>();
    private final Set<Task> snrocArmed = new HashSet<>();
    private final Set<Task> ssswArmed = new HashSet<>();
    private final Set<Task> nrpArmed = new HashSet<>();
    private final java.util.Map<Integer, Integer> schedEvents = new java.util.HashMap<>();
    boolean schedulingCpu;
    boolean wwnr;
    boolean snroc;
    boolean sssw;
    boolean nrp;

    boolean has(String monitor) {
        switch (monitor) {
            case "wwnr":
                return wwnr;
            case "snroc":
                return snroc;
            case "sssw":
                return sssw;
            case "nrp":
                return nrp;
            case "sco":
            case "scpd":
            case "snep":
            case "sncid":
            case "sts":
            case "tss":
                return schedulingCpu;
            default:
                return true; // wip and opid: every run wakes tasks with their guards
        }
    }

    @Override
    public void schedSwitch(long ns, Cpu cpu, boolean preempt, Task prev, int prevState, Task next) {
        wwnr |= wwnrArmed.contains(prev) || wwnrArmed.contains(next);
        int raw = prevState == Sched.PREV_STATE_PREEMPTED ? prev.state : prevState;
        if (raw == Task.TASK_INTERRUPTIBLE) {
            wwnrArmed.add(prev);
        }
        snroc |= snrocArmed.contains(next);
        snrocArmed.add(prev);
        sssw |= ssswArmed.contains(prev) || ssswArmed.contains(next);
    }

    @Override
    public void schedWakeup(long ns, Cpu cpu, Task p) {
        wwnr |= wwnrArmed.contains(p);
        sssw |= ssswArmed.contains(p);
        ssswArmed.add(p);
    }

    /** A start event (set_state, schedule_exit) arms the CPU; any later scheduling event is an opportunity. */
    private void schedEvent(Cpu cpu, boolean start) {
        boolean armed = schedEvents.containsKey(cpu.id);
        schedulingCpu |= armed;
        if (start) {
            schedEvents.put(cpu.id, 1);
        }
    }

    @Override
    public void schedSetState(long ns, Cpu cpu, Task t, int state) {
        schedEvent(cpu, true);
        snroc |= snrocArmed.contains(t);
        sssw |= ssswArmed.contains(t);
        if (state == Task.TASK_RUNNING) {
            ssswArmed.add(t);
        }
    }

    @Override
    public void schedSetNeedResched(long ns, Cpu cpu, Task target, int targetCpu, boolean lazy) {
        if (!lazy) {
            nrp |= nrpArmed.contains(target);
            nrpArmed.add(target);
        }
    }

    @Override
    public void schedExit(long ns, Cpu cpu, boolean isSwitch) {
        schedEvent(cpu, true);
    }

    @Override
    public void schedEntry(long ns, Cpu cpu, boolean preempt) {
        schedEvent(cpu, false);
        nrp |= nrpArmed.contains(cpu.curr);
    }

    @Override
    public void irqHandlerEntry(long ns, Cpu cpu, int irq, String name) {
        nrp |= nrpArmed.contains(cpu.curr);
    }

    @Override
    public void vectorEntry(long ns, Cpu cpu, int vector) {
        nrp |= nrpArmed.contains(cpu.curr);
    }
}
