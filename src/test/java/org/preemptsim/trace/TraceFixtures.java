package org.preemptsim.trace;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.IrqSourceSpec;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.Task;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.kernel.irq.Softirq;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.workload.Arrivals;
import org.preemptsim.workload.Dists;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.ProgramBuilder;

import java.util.ArrayList;
import java.util.List;

/** Small machines whose traces hold every event kind the writers handle. */
final class TraceFixtures {

    private TraceFixtures() {
    }

    /**
     * Two CPUs sharing an LLC, idle not polling (an idle target is woken through the wake list and a
     * call-function-single IPI, a busy one by a reschedule IPI), with default
     * costs: an rt task on CPU 0 woken by a fair task on CPU 1 while a fair hog runs there
     * (reschedule IPIs, R+), a periodic rt task on CPU 1 (local timer, hrtimer wakeups), a task
     * free to move (sched_migrate_task), a NIC on CPU 1 raising NET_RX, BH-disabled sections.
     */
    static MachineSpec everyEvent(long durationNs) {
        MachineBuilder m = new MachineBuilder("every-event").cpus(2).llcSize(2).hz(1000).idlePoll(false)
            .durationNs(durationNs).seed(7);
        int wq = m.waitQueue("rt_wq");
        m.task(new TaskSpec("rt_waiter", Policy.SCHED_FIFO, 50, 0, new int[] {0}, 0, 0,
            new ProgramBuilder().loop(0).syscall(0).waitOn(wq).kernel(5_000).sysret().user(10_000).endLoop().build(),
            false, false));
        m.task(TaskSpec.fair("hog", 0, new ProgramBuilder().loop(0)
            .user(400_000).syscall(1).kernel(300_000, 0, 0, 3, 0).sleep(250_000).sysret().endLoop().build()).onCpu(0));
        m.task(TaskSpec.fair("waker", 0, new ProgramBuilder().loop(0)
            .user(100_000).syscall(1).wake(wq, 1).localBhDisable().kernel(2_000).localBhEnable().sysret()
            .sleep(400_000).endLoop().build()).onCpu(1));
        m.task(TaskSpec.fair("mover", 5, new ProgramBuilder().loop(0)
            .user(60_000).syscall(35).sleep(Dists.uniform(200_000, 900_000)).sysret().endLoop().build()));
        m.task(new TaskSpec("cyclic", Policy.SCHED_FIFO, 90, 0, new int[] {1}, 1, 0,
            new ProgramBuilder().loop(0).syscall(230).periodic(1_000_000).sysret().user(20_000).endLoop().build(),
            true, false));
        m.irq(new IrqSourceSpec("eth0", 24, 1, Arrivals.poisson(300_000, 5_000, 0), Dists.uniform(2_000, 6_000),
            Softirq.NET_RX, Dists.uniform(5_000, 20_000), -1));
        return m.build();
    }

    /** Runs {@code spec} under {@code model} with the sinks attached. */
    static RunResult run(MachineSpec spec, String model, TraceSink... sinks) {
        return Simulation.boot(spec, Model.of(model), PreemptTable.KERNEL, List.of(sinks)).run();
    }

    /**
     * Forwards every tracepoint to {@code target} and, at the first sched_switch at or after
     * {@code atNs}, adds a sched_pi_setprio for the task switched in (prio 120 boosted to 49): the
     * rt_mutex code that will emit it is not in the kernel yet.
     */
    static TraceSink withPiSetprio(TraceSink target, long atNs) {
        return new TraceSink() {
            private boolean done;

            @Override
            public void schedSwitch(long ns, Cpu cpu, boolean preempt, Task prev, int prevState, Task next) {
                target.schedSwitch(ns, cpu, preempt, prev, prevState, next);
                if (!done && ns >= atNs && !next.isIdle) {
                    done = true;
                    target.schedPiSetprio(ns, cpu, next, next.prio, 49);
                }
            }

            @Override
            public void schedWaking(long ns, Cpu cpu, Task p) {
                target.schedWaking(ns, cpu, p);
            }

            @Override
            public void schedWakeup(long ns, Cpu cpu, Task p) {
                target.schedWakeup(ns, cpu, p);
            }

            @Override
            public void schedWakeupNew(long ns, Cpu cpu, Task p) {
                target.schedWakeupNew(ns, cpu, p);
            }

            @Override
            public void schedMigrateTask(long ns, Cpu cpu, Task p, int origCpu, int destCpu) {
                target.schedMigrateTask(ns, cpu, p, origCpu, destCpu);
            }

            @Override
            public void schedWakeIdleWithoutIpi(long ns, Cpu cpu, int targetCpu) {
                target.schedWakeIdleWithoutIpi(ns, cpu, targetCpu);
            }

            @Override
            public void schedPiSetprio(long ns, Cpu cpu, Task t, int oldPrio, int newPrio) {
                target.schedPiSetprio(ns, cpu, t, oldPrio, newPrio);
            }

            @Override
            public void irqHandlerEntry(long ns, Cpu cpu, int irq, String name) {
                target.irqHandlerEntry(ns, cpu, irq, name);
            }

            @Override
            public void irqHandlerExit(long ns, Cpu cpu, int irq, boolean handled) {
                target.irqHandlerExit(ns, cpu, irq, handled);
            }

            @Override
            public void vectorEntry(long ns, Cpu cpu, int vector) {
                target.vectorEntry(ns, cpu, vector);
            }

            @Override
            public void vectorExit(long ns, Cpu cpu, int vector) {
                target.vectorExit(ns, cpu, vector);
            }

            @Override
            public void softirqRaise(long ns, Cpu cpu, int vec) {
                target.softirqRaise(ns, cpu, vec);
            }

            @Override
            public void softirqEntry(long ns, Cpu cpu, int vec) {
                target.softirqEntry(ns, cpu, vec);
            }

            @Override
            public void softirqExit(long ns, Cpu cpu, int vec) {
                target.softirqExit(ns, cpu, vec);
            }

            @Override
            public void preemptDisable(long ns, Cpu cpu) {
                target.preemptDisable(ns, cpu);
            }

            @Override
            public void preemptEnable(long ns, Cpu cpu) {
                target.preemptEnable(ns, cpu);
            }

            @Override
            public void irqDisable(long ns, Cpu cpu) {
                target.irqDisable(ns, cpu);
            }

            @Override
            public void irqEnable(long ns, Cpu cpu) {
                target.irqEnable(ns, cpu);
            }
        };
    }

    /** The event names of a text trace's lines, in order. */
    static List<String> eventNames(String text) {
        List<String> names = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(": ", line.indexOf(']'));
            int end = line.indexOf(':', colon + 2);
            names.add(line.substring(colon + 2, end));
        }
        return names;
    }
}
