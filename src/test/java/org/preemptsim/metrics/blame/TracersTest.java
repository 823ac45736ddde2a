package org.preemptsim.metrics.blame;

import org.junit.jupiter.api.Test;
import org.preemptsim.kernel.Costs;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.metrics.Measure;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.ProgramBuilder;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latency tracers' figures and the throughput accounting on one small timeline, derived by
 * hand. A SCHED_OTHER worker on 1 CPU (full, HZ=250, 5 ms) enters a syscall at once and after 1 ms
 * of kernel work takes spinlock l, works 100 us, disables IRQs, works 50 us, drops the lock (IRQs
 * still off), works 120 us, enables IRQs and returns to user, then loops in user space. A FIFO task
 * sleeps until 1.05 ms: its timer wakes it inside the lock section with IRQs on; the IRQ exit finds
 * the lock's count, spin_unlock's preempt_enable finds IRQs off (preempt_schedule does nothing
 * unless preemptible(), kernel/sched/core.c), local_irq_enable is no preemption point, so the
 * return to user preempts. The kernel tracers' rules (kernel/trace/trace_irqsoff.c): preemptoff from
 * the count leaving 0 to returning to it, irqsoff from the IRQ disable to the enable, preemptirqsoff
 * from either off to both on; wakeup_rt (trace_sched_wakeup.c) from sched_wakeup to sched_switch.
 */
class TracersTest {

    static final long US = 1_000;
    static final long MS = 1_000_000;

    static MachineSpec machine(Costs costs) {
        MachineBuilder m = new MachineBuilder("tracers").cpus(1).hz(250).costs(costs).durationMs(5);
        int l = m.spinlock("l");
        m.task(TaskSpec.fair("worker", 0, new ProgramBuilder().syscall(0).kernel(MS).spinLock(l).kernel(100 * US)
            .localIrqDisable().kernel(50 * US).spinUnlock(l).kernel(120 * US).localIrqEnable().sysret()
            .loop(0).user(MS).endLoop().build()));
        m.task(BlameCasesTest.rtSleeper(1_050 * US));
        return m.build();
    }

    static final String LOCK = "worker: lock l (spinlock_t) (builder step 2)";
    static final String UNLOCK = "worker: unlock l (spinlock_t) (builder step 6)";
    static final String IRQ_OFF = "worker: local_irq_disable (builder step 4)";
    static final String IRQ_ON = "worker: local_irq_enable (builder step 8)";

    /**
     * Zero costs: preemptoff [1.0, 1.15) 150 us, irqsoff [1.1, 1.27) 170 us, preemptirqsoff
     * [1.0, 1.27) 270 us, wakeup_rt 1.05 to 1.27, 220 us. The sample's blame: IRQs off outranks
     * preemption off, so [1.1, 1.27) is irqs_off and only [1.05, 1.1) preempt_off.
     */
    @Test
    void shouldReportTheLongestSectionsOfEachTracerWithWhereTheyBeganAndEnded() {
        RunResult r = Simulation.run(machine(Costs.ZERO), Model.of("full"), Measure.ANALYSIS);
        Tracers t = r.tracers();
        assertThat(t.preemptoff()).isEqualTo(new Tracers.Section(150 * US, 0, MS, LOCK, UNLOCK));
        assertThat(t.irqsoff()).isEqualTo(new Tracers.Section(170 * US, 0, 1_100 * US, IRQ_OFF, IRQ_ON));
        assertThat(t.preemptirqsoff()).isEqualTo(new Tracers.Section(270 * US, 0, MS, LOCK, IRQ_ON));
        assertThat(t.wakeupRt()).isEqualTo(new Tracers.Wakeup(220 * US, 0, 1_050 * US, "rt"));
        assertThat(r.blame().causes()).containsEntry("irqs_off", 170 * US).containsEntry("preempt_off", 50 * US);
    }

    /**
     * Costs: irq_entry 100 ns, irq_exit 200 ns, schedule 1 us, context_switch 2 us, all else free.
     * 0: idle to rt (3 us), rt sleeps, rt to worker (6 us); the lock at 1.006 ms; the timer IRQ at
     * 1.05 ms (sched_wakeup at 1.0501 after the entry, 300 ns in all), so the IRQ disable comes at
     * 1.1063, the unlock at 1.1563 (preemptoff 150.3 us), the IRQ enable at 1.2763 (irqsoff 170 us,
     * preemptirqsoff 270.3 us). The return to user calls __schedule: sched_switch after its 1 us,
     * at 1.2773 (wakeup_rt 227.2 us); rt runs at 1.2793 (latency 229.3 us), exits, and the worker is
     * back in user space at 1.2823 until 5 ms, less the 300 ns of the tick at 4 ms.
     * Accounting: 4 __schedule passes and 4 switches (idle to rt, rt to worker, worker to rt, rt to
     * worker): 4 us and 8 us; 2 hardirqs (the timer, the tick): 600 ns. CPU time: user 3.7174 ms,
     * hardirq 600 ns, system the rest of the 5 ms, no idle.
     */
    @Test
    void shouldAccountTheOverheadTheKernelExecutedAtTheScenariosCosts() {
        Costs c = new Costs(100, 200, 0, 0, 0, 1_000, 2_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        RunResult r = Simulation.run(machine(c), Model.of("full"), Measure.ANALYSIS);
        Tracers t = r.tracers();
        assertThat(t.preemptoff()).isEqualTo(new Tracers.Section(150_300, 0, 1_006 * US, LOCK, UNLOCK));
        assertThat(t.irqsoff()).isEqualTo(new Tracers.Section(170 * US, 0, 1_106_300, IRQ_OFF, IRQ_ON));
        assertThat(t.preemptirqsoff()).isEqualTo(new Tracers.Section(270_300, 0, 1_006 * US, LOCK, IRQ_ON));
        assertThat(t.wakeupRt()).isEqualTo(new Tracers.Wakeup(227_200, 0, 1_050_100, "rt"));
        assertThat(r.latency().maxNs()).isEqualTo(229_300);

        assertThat(r.accounting().scheduleCalls()).isEqualTo(4);
        assertThat(r.accounting().overheadNs()).isEqualTo(Map.of("schedule", 4_000L, "context_switch", 8_000L,
            "cache_refill", 0L, "irq_entry_exit", 600L, "preemptibility_ops", 0L));
        assertThat(r.counters().hardirqs()).isEqualTo(2);
        assertThat(r.counters().preemptions()).containsEntry("return_to_user", 1L).containsEntry("irq_exit", 0L)
            .containsEntry("preempt_enable", 0L);
        assertThat(r.throughput().cpuTimeNs()).isEqualTo(Map.of("user", 3_717_400L, "system", 1_282_000L,
            "hardirq", 600L, "softirq", 0L, "idle", 0L));
        assertThat(r.accounting().tasks().get(0).userNsPerS()).isEqualTo(743_480_000L);
        assertThat(r.tasks().get(0).nivcsw()).isEqualTo(1);
        assertThat(r.tasks().get(1).nvcsw()).isEqualTo(2);
    }
}
