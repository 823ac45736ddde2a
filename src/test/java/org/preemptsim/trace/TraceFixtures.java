package org.preemptsim.trace;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.IrqSourceSpec;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.Task;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.kernel.irq.Softirq;
import org.preemptsim.kernel.locking.LockKind;
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
     * free to move (sched_migrate_task), a NIC on CPU 1 raising NET_RX, BH-disabled sections, and
     * an rt_mutex the hog holds over its syscall's kernel work that the woken rt task then wants
     * (priority inheritance: sched_pi_setprio boosting the hog and restoring it).
     */
    static MachineSpec everyEvent(long durationNs) {
        MachineBuilder m = new MachineBuilder("every-event").cpus(2).llcSize(2).hz(1000).idlePoll(false)
            .durationNs(durationNs).seed(7);
        int wq = m.waitQueue("rt_wq");
        int pi = m.lock("pi_lock", LockKind.RT_MUTEX);
        m.task(new TaskSpec("rt_waiter", Policy.SCHED_FIFO, 50, 0, new int[] {0}, 0, 0,
            new ProgramBuilder().loop(0).syscall(0).waitOn(wq).lock(pi, 0).kernel(5_000).unlock(pi, 0).sysret().user(10_000)
                .endLoop().build(),
            false, false));
        m.task(TaskSpec.fair("hog", 0, new ProgramBuilder().loop(0)
            .user(400_000).syscall(1).lock(pi, 0).kernel(300_000, 0, 0, 3, 0).unlock(pi, 0).sleep(250_000).sysret().endLoop()
            .build()).onCpu(0));
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
