package org.preemptsim.kernel;

import org.preemptsim.trace.TraceSink;

import java.util.ArrayList;
import java.util.List;

/** A test observer: the switches, wakeups and preemptions of a run, in order. */
final class EventLog implements TraceSink {

    record Switch(long ns, int cpu, boolean preempt, String prev, int prevState, String next) {
    }

    record Wake(long ns, int cpu, String task) {
    }

    final List<Switch> switches = new ArrayList<>();
    final List<Wake> wakings = new ArrayList<>();
    final List<Wake> wakeups = new ArrayList<>();
    final List<long[]> preemptions = new ArrayList<>();
    final List<String> lines = new ArrayList<>();

    @Override
    public void schedSwitch(long ns, Cpu cpu, boolean preempt, Task prev, int prevState, Task next) {
        switches.add(new Switch(ns, cpu.id, preempt, prev.comm, prevState, next.comm));
        lines.add(ns + " cpu" + cpu.id + " switch " + prev.comm + " -> " + next.comm + (preempt ? " (preempt)" : ""));
    }

    @Override
    public void schedWaking(long ns, Cpu cpu, Task p) {
        wakings.add(new Wake(ns, cpu.id, p.comm));
    }

    @Override
    public void schedWakeup(long ns, Cpu cpu, Task p) {
        wakeups.add(new Wake(ns, cpu.id, p.comm));
        lines.add(ns + " cpu" + cpu.id + " wakeup " + p.comm);
    }

    @Override
    public void preemption(long ns, Cpu cpu, int point) {
        preemptions.add(new long[] {ns, cpu.id, point});
        lines.add(ns + " cpu" + cpu.id + " preempted at " + PreemptPoint.name(point));
    }

    /** The first time {@code task} was switched in at or after {@code fromNs}, or -1. */
    long switchIn(String task, long fromNs) {
        for (Switch s : switches) {
            if (s.next().equals(task) && s.ns() >= fromNs) {
                return s.ns();
            }
        }
        return -1;
    }

    long firstWaking(String task) {
        for (Wake w : wakings) {
            if (w.task().equals(task)) {
                return w.ns();
            }
        }
        return -1;
    }

    long count(int point) {
        return preemptions.stream().filter(p -> p[2] == point).count();
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
