package org.preemptsim.trace;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;

import java.util.Arrays;

/** Fans every tracepoint out to the registered sinks, in registration order. */
public final class TraceBus implements TraceSink {

    private TraceSink[] sinks = new TraceSink[0];

    public void register(TraceSink sink) {
        sinks = Arrays.copyOf(sinks, sinks.length + 1);
        sinks[sinks.length - 1] = sink;
    }

    @Override
    public void schedSwitch(long ns, Cpu cpu, boolean preempt, Task prev, int prevState, Task next) {
        for (TraceSink s : sinks) {
            s.schedSwitch(ns, cpu, preempt, prev, prevState, next);
        }
    }

    @Override
    public void schedWaking(long ns, Cpu cpu, Task p) {
        for (TraceSink s : sinks) {
            s.schedWaking(ns, cpu, p);
        }
    }

    @Override
    public void schedWakeup(long ns, Cpu cpu, Task p) {
        for (TraceSink s : sinks) {
            s.schedWakeup(ns, cpu, p);
        }
    }

    @Override
    public void schedWakeupNew(long ns, Cpu cpu, Task p) {
        for (TraceSink s : sinks) {
            s.schedWakeupNew(ns, cpu, p);
        }
    }

    @Override
    public void schedMigrateTask(long ns, Cpu cpu, Task p, int origCpu, int destCpu) {
        for (TraceSink s : sinks) {
            s.schedMigrateTask(ns, cpu, p, origCpu, destCpu);
        }
    }

    @Override
    public void schedWakeIdleWithoutIpi(long ns, Cpu cpu, int targetCpu) {
        for (TraceSink s : sinks) {
            s.schedWakeIdleWithoutIpi(ns, cpu, targetCpu);
        }
    }

    @Override
    public void schedPiSetprio(long ns, Cpu cpu, Task t, int oldPrio, int newPrio) {
        for (TraceSink s : sinks) {
            s.schedPiSetprio(ns, cpu, t, oldPrio, newPrio);
        }
    }

    @Override
    public void irqHandlerEntry(long ns, Cpu cpu, int irq, String name) {
        for (TraceSink s : sinks) {
            s.irqHandlerEntry(ns, cpu, irq, name);
        }
    }

    @Override
    public void irqHandlerExit(long ns, Cpu cpu, int irq, boolean handled) {
        for (TraceSink s : sinks) {
            s.irqHandlerExit(ns, cpu, irq, handled);
        }
    }

    @Override
    public void vectorEntry(long ns, Cpu cpu, int vector) {
        for (TraceSink s : sinks) {
            s.vectorEntry(ns, cpu, vector);
        }
    }

    @Override
    public void vectorExit(long ns, Cpu cpu, int vector) {
        for (TraceSink s : sinks) {
            s.vectorExit(ns, cpu, vector);
        }
    }

    @Override
    public void softirqRaise(long ns, Cpu cpu, int vec) {
        for (TraceSink s : sinks) {
            s.softirqRaise(ns, cpu, vec);
        }
    }

    @Override
    public void softirqEntry(long ns, Cpu cpu, int vec) {
        for (TraceSink s : sinks) {
            s.softirqEntry(ns, cpu, vec);
        }
    }

    @Override
    public void softirqExit(long ns, Cpu cpu, int vec) {
        for (TraceSink s : sinks) {
            s.softirqExit(ns, cpu, vec);
        }
    }

    @Override
    public void nmiHandler(long ns, Cpu cpu, String name, long deltaNs) {
        for (TraceSink s : sinks) {
            s.nmiHandler(ns, cpu, name, deltaNs);
        }
    }

    @Override
    public void preemptDisable(long ns, Cpu cpu) {
        for (TraceSink s : sinks) {
            s.preemptDisable(ns, cpu);
        }
    }

    @Override
    public void preemptEnable(long ns, Cpu cpu) {
        for (TraceSink s : sinks) {
            s.preemptEnable(ns, cpu);
        }
    }

    @Override
    public void irqDisable(long ns, Cpu cpu) {
        for (TraceSink s : sinks) {
            s.irqDisable(ns, cpu);
        }
    }

    @Override
    public void irqEnable(long ns, Cpu cpu) {
        for (TraceSink s : sinks) {
            s.irqEnable(ns, cpu);
        }
    }

    @Override
    public void schedSetNeedResched(long ns, Cpu cpu, Task target, int targetCpu, boolean lazy) {
        for (TraceSink s : sinks) {
            s.schedSetNeedResched(ns, cpu, target, targetCpu, lazy);
        }
    }

    @Override
    public void schedEntry(long ns, Cpu cpu, boolean preempt) {
        for (TraceSink s : sinks) {
            s.schedEntry(ns, cpu, preempt);
        }
    }

    @Override
    public void schedExit(long ns, Cpu cpu, boolean isSwitch) {
        for (TraceSink s : sinks) {
            s.schedExit(ns, cpu, isSwitch);
        }
    }

    @Override
    public void schedSetState(long ns, Cpu cpu, Task t, int state) {
        for (TraceSink s : sinks) {
            s.schedSetState(ns, cpu, t, state);
        }
    }

    @Override
    public void hrtimerExpire(long ns, Cpu cpu, Task owner, long expiryNs) {
        for (TraceSink s : sinks) {
            s.hrtimerExpire(ns, cpu, owner, expiryNs);
        }
    }

    @Override
    public void latencySample(long ns, Cpu cpu, Task t, long expiryNs) {
        for (TraceSink s : sinks) {
            s.latencySample(ns, cpu, t, expiryNs);
        }
    }

    @Override
    public void jobDone(long ns, Cpu cpu, Task t, long releaseNs, long deadlineNs) {
        for (TraceSink s : sinks) {
            s.jobDone(ns, cpu, t, releaseNs, deadlineNs);
        }
    }

    @Override
    public void preemption(long ns, Cpu cpu, int point) {
        for (TraceSink s : sinks) {
            s.preemption(ns, cpu, point);
        }
    }
}
