package org.preemptsim.rv;

import org.junit.jupiter.api.Test;
import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.trace.TraceSink;
import org.preemptsim.workload.DefaultScenario;
import org.preemptsim.workload.scenario.ScenarioCompiler;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliberately broken kernels, each caught by the monitors that watch what it breaks and by no
 * other. Each variant edits the real run's tracepoint stream into the broken kernel's
 * ({@link BrokenKernel}); the kernel model itself is left alone.
 */
class BrokenKernelTest {

    /** Runs {@code spec} under {@code model} with every monitor behind the broken kernel; returns name -> report. */
    private static Map<String, MonitorReport> run(MachineSpec spec, String model, Function<List<DaMonitor>, BrokenKernel> variant) {
        Model m = Model.of(model);
        List<DaMonitor> monitors = RvMonitors.buildable(RvMonitors.NAMES, m.build());
        RunResult r = Simulation.run(spec, m, PreemptTable.KERNEL, List.<TraceSink>of(variant.apply(monitors).sink()));
        assertThat(r.status()).isEqualTo("ok");
        Map<String, MonitorReport> out = new HashMap<>();
        for (DaMonitor d : monitors) {
            out.put(d.name(), d.report());
        }
        return out;
    }

    private static void assertCaughtOnlyBy(Map<String, MonitorReport> reports, String... catchers) {
        Set<String> expected = Set.of(catchers);
        for (MonitorReport r : reports.values()) {
            if (expected.contains(r.name())) {
                assertThat(r.violations()).as("%s must catch it", r.name()).isPositive();
            } else if (!r.name().equals(Wwnr.NAME)) {
                assertThat(r.violations()).as("%s must stay silent:%n%s", r.name(),
                    r.first().isEmpty() ? "" : r.first().get(0).describe()).isZero();
            }
        }
    }

    /** A CPU as the monitors would read it in the broken kernel: the same, with another preempt_count. */
    private static Cpu withPreemptCount(Cpu real, int raw) {
        Cpu view = new Cpu(real.id, real.llc);
        view.preemptCount = raw;
        view.irqsDisabled = real.irqsDisabled;
        view.curr = real.curr;
        view.idle = real.idle;
        return view;
    }

    /**
     * try_to_wake_up without guard(preempt), and its p->pi_lock taken without counting (say an
     * arch_spin_lock): from task context it runs with preemption enabled. Its stream lacks ttwu's
     * outermost preempt_disable/enable pair, and the count at sched_waking is two lower.
     */
    static final class WakeupWithPreemptionEnabled extends BrokenKernel {
        private final Map<Cpu, Object[]> heldDisable = new HashMap<>();
        private final Map<Cpu, Object[]> heldIrqOff = new HashMap<>();
        private final Set<Cpu> dropEnable = new HashSet<>();

        WakeupWithPreemptionEnabled(List<? extends TraceSink> monitors) {
            super(monitors);
        }

        @Override
        void edit(String tp, Object[] args) {
            Cpu cpu = (Cpu) args[1];
            if (tp.equals("preemptDisable") && cpu.count() == 1 && !heldDisable.containsKey(cpu)) {
                heldDisable.put(cpu, args); // maybe ttwu's guard(preempt): wait for what follows
                return;
            }
            if (tp.equals("irqDisable") && heldDisable.containsKey(cpu) && !heldIrqOff.containsKey(cpu)) {
                heldIrqOff.put(cpu, args); // raw_spin_lock_irqsave(&p->pi_lock)
                return;
            }
            if (tp.equals("schedWaking")) {
                if (heldDisable.remove(cpu) != null) {
                    dropEnable.add(cpu); // it was ttwu's: the broken kernel never traced it
                }
                Object[] irqOff = heldIrqOff.remove(cpu);
                if (irqOff != null) {
                    pass("irqDisable", irqOff);
                }
                pass("schedWaking", args[0], withPreemptCount(cpu, cpu.preemptCount - 2), args[2]);
                return;
            }
            flush(cpu);
            if (tp.equals("preemptEnable") && dropEnable.remove(cpu)) {
                return;
            }
            pass(tp, args);
        }

        private void flush(Cpu cpu) {
            Object[] d = heldDisable.remove(cpu);
            if (d != null) {
                pass("preemptDisable", d);
            }
            Object[] i = heldIrqOff.remove(cpu);
            if (i != null) {
                pass("irqDisable", i);
            }
        }
    }

    @Test
    void shouldCatchAWakeupWithPreemptionEnabledWithWipAndOpid() {
        MachineSpec spec = ScenarioCompiler.load(Path.of("examples/wait-queues.yaml")).machine();
        Map<String, MonitorReport> r = run(spec, "full", WakeupWithPreemptionEnabled::new);

        assertCaughtOnlyBy(r, Wip.NAME, Opid.NAME);
        assertThat(r.get(Wip.NAME).first().get(0).message())
            .isEqualTo("rv: monitor wip does not allow event sched_waking on state preemptive");
        assertThat(r.get(Opid.NAME).first().get(0).guard()).endsWith("preempt_off=0");
    }

    @Test
    void shouldSeeNothingWrongWhenTheStreamIsPassedUnchanged() {
        MachineSpec spec = ScenarioCompiler.load(Path.of("examples/wait-queues.yaml")).machine();
        Map<String, MonitorReport> r = run(spec, "full", ms -> new BrokenKernel(ms) {
            @Override
            void edit(String tp, Object[] args) {
                pass(tp, args);
            }
        });

        assertCaughtOnlyBy(r);
        assertThat(r.values()).allMatch(MonitorReport::ran);
    }

    /**
     * __schedule entered with IRQs disabled (schedule() called inside local_irq_disable()): the
     * IRQs go off before schedule_entry, and __schedule's own local_irq_disable traces nothing.
     */
    static final class ScheduleWithIrqsDisabled extends BrokenKernel {
        private final Set<Cpu> dropIrqOff = new HashSet<>();

        ScheduleWithIrqsDisabled(List<? extends TraceSink> monitors) {
            super(monitors);
        }

        @Override
        void edit(String tp, Object[] args) {
            Cpu cpu = (Cpu) args[1];
            if (tp.equals("schedEntry") && !cpu.irqsDisabled) {
                pass("irqDisable", args[0], cpu);
                pass(tp, args);
                dropIrqOff.add(cpu);
                return;
            }
            if (tp.equals("irqDisable") && dropIrqOff.remove(cpu)) {
                return;
            }
            pass(tp, args);
        }
    }

    @Test
    void shouldCatchScheduleWithIrqsDisabledWithStsAndSncid() {
        Map<String, MonitorReport> r = run(DefaultScenario.build(1, 50_000_000L), "lazy", ScheduleWithIrqsDisabled::new);

        assertCaughtOnlyBy(r, Sts.NAME, Sncid.NAME);
        assertThat(r.get(Sts.NAME).first().get(0).message())
            .isEqualTo("rv: monitor sts does not allow event schedule_entry on state cant_sched");
        assertThat(r.get(Sncid.NAME).first().get(0).message())
            .isEqualTo("rv: monitor sncid does not allow event schedule_entry on state cant_sched");
    }

    /**
     * A kernel that preempts tasks nobody asked to reschedule: only a task's first
     * sched_set_need_resched is ever emitted, so its later preemptions come without one.
     */
    static final class PreemptWithoutNeedResched extends BrokenKernel {
        private final Set<Object> marked = new HashSet<>();

        PreemptWithoutNeedResched(List<? extends TraceSink> monitors) {
            super(monitors);
        }

        @Override
        void edit(String tp, Object[] args) {
            if (tp.equals("schedSetNeedResched") && !(Boolean) args[4] && !marked.add(args[2])) {
                return;
            }
            pass(tp, args);
        }
    }

    @Test
    void shouldCatchAPreemptionWithoutNeedReschedWithNrp() {
        Map<String, MonitorReport> r = run(DefaultScenario.build(1, 50_000_000L), "full", PreemptWithoutNeedResched::new);

        assertCaughtOnlyBy(r, Nrp.NAME);
        assertThat(r.get(Nrp.NAME).first().get(0).message())
            .isEqualTo("rv: monitor nrp does not allow event schedule_entry_preempt on state any_thread_running");
    }
}
