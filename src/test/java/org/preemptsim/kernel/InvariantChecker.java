package org.preemptsim.kernel;

import org.preemptsim.trace.TraceSink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the tracepoint stream of a run for broken invariants: preempt_count never negative, no
 * context switch while atomic except inside __schedule, every IRQ entry matched by its exit, one
 * runner per CPU, time never going backwards. Violations are collected, not thrown, so a test
 * can report them all with the seed.
 */
final class InvariantChecker implements TraceSink {

    private final boolean preemptCount;
    final List<String> violations = new ArrayList<>();
    private long lastNs;
    private final Map<Integer, ArrayDeque<String>> open = new HashMap<>();
    private final Map<Integer, Boolean> inSchedule = new HashMap<>();
    private final Map<Task, Integer> runningOn = new HashMap<>();
    long events;

    InvariantChecker(boolean preemptCount) {
        this.preemptCount = preemptCount;
    }

    private void check(long ns, Cpu cpu, String what) {
        events++;
        if (ns < lastNs) {
            fail(ns, cpu, "time went backwards at " + what + " (" + lastNs + " -> " + ns + ")");
        }
        lastNs = ns;
        int count = cpu.count();
        if ((count & 0xff000000) != 0 || (count & PreemptCount.PREEMPT_MASK) > 0x40) {
            fail(ns, cpu, "preempt_count negative or runaway at " + what + ": 0x" + Integer.toHexString(count));
        }
    }

    private void fail(long ns, Cpu cpu, String msg) {
        if (violations.size() < 20) {
            violations.add(ns + " cpu" + cpu.id + ": " + msg);
        }
    }

    private ArrayDeque<String> stack(Cpu cpu) {
        return open.computeIfAbsent(cpu.id, c -> new ArrayDeque<>());
    }

    private void enter(long ns, Cpu cpu, String what) {
        check(ns, cpu, what);
        stack(cpu).push(what);
    }

    private void exit(long ns, Cpu cpu, String what) {
        check(ns, cpu, what);
        ArrayDeque<String> s = stack(cpu);
        if (s.isEmpty() || !s.peek().equals(what)) {
            fail(ns, cpu, "exit " + what + " does not match open " + s);
        } else {
            s.pop();
        }
    }

    @Override
    public void schedSwitch(long ns, Cpu cpu, boolean preempt, Task prev, int prevState, Task next) {
        check(ns, cpu, "sched_switch");
        int expected = preemptCount ? 2 : 0;
        if (cpu.count() != expected) {
            fail(ns, cpu, "switch " + prev + " -> " + next + " with preempt_count 0x" + Integer.toHexString(cpu.count()));
        }
        if (!cpu.irqsDisabled) {
            fail(ns, cpu, "switch with IRQs on");
        }
        if (cpu.depth != 0) {
            fail(ns, cpu, "switch in interrupt context");
        }
        if (!Boolean.TRUE.equals(inSchedule.get(cpu.id))) {
            fail(ns, cpu, "switch outside __schedule");
        }
        Integer where = runningOn.get(prev);
        if (where == null || where != cpu.id) {
            if (!prev.isIdle && where != null) {
                fail(ns, cpu, prev + " switched out of cpu" + cpu.id + " but runs on cpu" + where);
            }
        }
        runningOn.remove(prev);
        Integer other = runningOn.get(next);
        if (other != null && !next.isIdle) {
            fail(ns, cpu, next + " switched in on cpu" + cpu.id + " while running on cpu" + other);
        }
        runningOn.put(next, cpu.id);
    }

    @Override
    public void schedEntry(long ns, Cpu cpu, boolean preempt) {
        check(ns, cpu, "sched_entry");
        inSchedule.put(cpu.id, true);
    }

    @Override
    public void schedExit(long ns, Cpu cpu, boolean isSwitch) {
        check(ns, cpu, "sched_exit");
        inSchedule.put(cpu.id, false);
    }

    @Override
    public void irqHandlerEntry(long ns, Cpu cpu, int irq, String name) {
        enter(ns, cpu, "irq" + irq);
    }

    @Override
    public void irqHandlerExit(long ns, Cpu cpu, int irq, boolean handled) {
        exit(ns, cpu, "irq" + irq);
    }

    @Override
    public void vectorEntry(long ns, Cpu cpu, int vector) {
        enter(ns, cpu, "vec" + vector);
    }

    @Override
    public void vectorExit(long ns, Cpu cpu, int vector) {
        exit(ns, cpu, "vec" + vector);
    }

    @Override
    public void softirqEntry(long ns, Cpu cpu, int vec) {
        enter(ns, cpu, "softirq" + vec);
    }

    @Override
    public void softirqExit(long ns, Cpu cpu, int vec) {
        exit(ns, cpu, "softirq" + vec);
    }

    @Override
    public void schedWaking(long ns, Cpu cpu, Task p) {
        check(ns, cpu, "sched_waking");
        if (preemptCount && cpu.count() == 0) {
            fail(ns, cpu, "waking " + p + " with preemption enabled");
        }
        if (!cpu.irqsDisabled) {
            fail(ns, cpu, "waking " + p + " with IRQs on");
        }
    }

    @Override
    public void preemptDisable(long ns, Cpu cpu) {
        check(ns, cpu, "preempt_disable");
    }

    @Override
    public void preemptEnable(long ns, Cpu cpu) {
        check(ns, cpu, "preempt_enable");
    }

    @Override
    public void irqDisable(long ns, Cpu cpu) {
        check(ns, cpu, "irq_disable");
    }

    @Override
    public void irqEnable(long ns, Cpu cpu) {
        check(ns, cpu, "irq_enable");
    }

    /** At the end: at most the interrupts in progress when time ran out are still open. */
    void finish() {
        for (Map.Entry<Integer, ArrayDeque<String>> e : open.entrySet()) {
            if (e.getValue().size() > 3) {
                violations.add("cpu" + e.getKey() + " ends with unbalanced entries " + e.getValue());
            }
        }
    }
}
