package org.preemptsim.kernel;

import org.junit.jupiter.api.Test;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.ProgramBuilder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table, not per-model code, decides: patching a row of the PREEMPT_DYNAMIC table changes a
 * model's behaviour exactly as patching the kernel's static calls would.
 */
class MutationTest {

    static final long US = 1_000;
    static final long MS = 1_000_000;

    static Map<String, Supplier<MachineBuilder>> cases() {
        Map<String, Supplier<MachineBuilder>> m = new LinkedHashMap<>();
        m.put("spinlock", TimelineTest::spinlockCase);
        m.put("might_sleep", TimelineTest::mightSleepCase);
        m.put("lazy_tick", TimelineTest::lazyTickCase);
        m.put("cond_resched_lock", TimelineTest::condReschedLockCase);
        m.put("remote_ipi", TimelineTest::remoteIpiCase);
        m.put("local_wake", TimelineTest::localWakeCase);
        return m;
    }

    @Test
    void shouldMakeEveryFullTimelineEqualVoluntaryWhenTheFullRowIsTheVoluntaryRow() {
        PreemptTable patched = PreemptTable.KERNEL.with(Mode.FULL, PreemptTable.KERNEL.row(Mode.VOLUNTARY));
        boolean anyDifferedBefore = false;
        for (Map.Entry<String, Supplier<MachineBuilder>> c : cases().entrySet()) {
            MachineSpec spec = c.getValue().get().build();
            EventLog voluntary = Runs.run(spec, Model.of("voluntary"), PreemptTable.KERNEL).log();
            EventLog full = Runs.run(spec, Model.of("full"), PreemptTable.KERNEL).log();
            EventLog patchedFull = Runs.run(spec, Model.of("full"), patched).log();
            anyDifferedBefore |= !full.lines.equals(voluntary.lines);
            assertThat(patchedFull.lines).as(c.getKey()).isEqualTo(voluntary.lines);
        }
        assertThat(anyDifferedBefore).as("the cases must tell full from voluntary").isTrue();
    }

    @Test
    void shouldChangeExactlyTheCasesThatPreemptedAtIrqExitWhenIrqentryExitCondReschedIsOff() {
        PreemptTable.Row full = PreemptTable.KERNEL.row(Mode.FULL);
        PreemptTable patched = PreemptTable.KERNEL.with(Mode.FULL, new PreemptTable.Row(full.condResched(),
            full.mightResched(), full.preemptSchedule(), full.preemptScheduleNotrace(), false, full.preemptLazy()));
        int changed = 0;
        for (Map.Entry<String, Supplier<MachineBuilder>> c : cases().entrySet()) {
            MachineSpec spec = c.getValue().get().build();
            EventLog before = Runs.run(spec, Model.of("full"), PreemptTable.KERNEL).log();
            EventLog after = Runs.run(spec, Model.of("full"), patched).log();
            if (before.count(PreemptPoint.IRQ_EXIT) == 0) {
                assertThat(after.lines).as(c.getKey() + " never preempted at IRQ exit").isEqualTo(before.lines);
            } else {
                changed++;
                assertThat(after.count(PreemptPoint.IRQ_EXIT)).isZero();
                assertThat(after.lines).as(c.getKey()).isNotEqualTo(before.lines);
            }
        }
        assertThat(changed).isEqualTo(2);
        // Where it did preempt at IRQ exit, it now waits for the next preempt_enable or return to user:
        // might_sleep: the syscall's return to user at 3 ms (1.7 ms); lazy_tick: the hog's at 31 ms.
        assertThat(Runs.run(TimelineTest.mightSleepCase().build(), Model.of("full"), patched).latency()).isEqualTo(1_700 * US);
        assertThat(Runs.run(TimelineTest.lazyTickCase().build(), Model.of("full"), patched).latency()).isEqualTo(20_800 * US);
    }

    /**
     * The price of preemptibility comes only from the operations executed: a CPU-bound task with
     * no switches, every cost zero but the preemptibility operations (each c ns). Between any two
     * models the user work is equal and the kernel-side (system + softirq) time differs by exactly c
     * times the difference in operations the kernel counted.
     */
    @Test
    void shouldChargeExactlyCTimesTheOperationsExecuted() {
        long c = 7;
        MachineBuilder m = new MachineBuilder("cpu-bound").cpus(1).hz(1000).durationMs(200)
            .costs(org.preemptsim.kernel.Costs.preemptibilityOnly(c)).debugChecks(false);
        m.task(TaskSpec.fair("busy", 0, new ProgramBuilder()
            .loop(1000)
            .syscall(0).kernel(50 * US, 10 * US, 5 * US, 20, 3).sysret()
            .preemptDisable().preemptEnable()
            .user(50 * US)
            .endLoop().exit().build()));
        MachineSpec spec = m.build();
        // Not rt: on PREEMPT_RT the tick's SCHED_SOFTIRQ runs in ksoftirqd, so the run is not switch-free.
        String[] models = {"none", "voluntary", "full", "lazy"};
        long[] system = new long[models.length];
        long[] ops = new long[models.length];
        long user = -1;
        for (int i = 0; i < models.length; i++) {
            var r = Runs.run(spec, models[i]).result();
            assertThat(r.status()).isEqualTo("ok");
            assertThat(r.counters().contextSwitches()).as("only the boot and exit switches").isEqualTo(2);
            system[i] = r.throughput().cpuTimeNs().get("system") + r.throughput().cpuTimeNs().get("softirq");
            var o = r.counters().preemptibilityOps();
            ops[i] = o.get("preempt_count") + o.get("resched_check") + o.get("might_resched") + o.get("cond_resched")
                + o.get("rcu_read");
            long u = r.throughput().cpuTimeNs().get("user");
            if (user < 0) {
                user = u;
            }
            assertThat(u).isEqualTo(user);
        }
        for (int i = 1; i < models.length; i++) {
            assertThat(system[i] - system[0]).as(models[i] + " vs none").isEqualTo(c * (ops[i] - ops[0]));
        }
        // voluntary pays for might_resched, full for resched checks: they differ from none.
        assertThat(ops[1]).isNotEqualTo(ops[0]);
        assertThat(ops[2]).isNotEqualTo(ops[1]);
    }
}
