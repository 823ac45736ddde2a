package org.preemptsim.kernel;

import org.junit.jupiter.api.Test;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.workload.Arrivals;
import org.preemptsim.workload.Dists;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.Op;
import org.preemptsim.workload.ProgramBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lock shared between a device IRQ handler and task context: the rules lockdep enforces, and
 * what forced threading changes.
 */
class IrqLockTest {

    static final long US = 1_000;
    static final long MS = 1_000_000;

    /** A task holding L for 500 us from 1 ms (with the given flavour); the device fires at 1.2 ms and its handler takes L. */
    static MachineBuilder shared(int flavour, boolean lockdep) {
        MachineBuilder m = new MachineBuilder("irq-lock").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5).lockdep(lockdep);
        int l = m.spinlock("dev_lock");
        m.irq(new IrqSourceSpec("dev", 24, 0, Arrivals.listed(new long[] {1_200 * US, 3 * MS}), Dists.fixed(10 * US), -1, null, -1, l));
        m.task(TaskSpec.fair("driver", 0, new ProgramBuilder().user(MS).syscall(16).lock(l, flavour).kernel(500 * US)
            .unlock(l, flavour).sysret().loop(0).user(MS).endLoop().build()));
        return m;
    }

    /**
     * lockdep: dev_lock is taken in hardirq context (at 1.2 ms... no: the first acquisition in the
     * task at 1 ms is with IRQs on) and in a hardirq handler: {IN-HARDIRQ-W} -> {HARDIRQ-ON-W}.
     * Here the handler's acquisition (the line fires while the task holds it) is the second usage.
     */
    @Test
    void shouldReportAnInconsistentLockStateWhenTaskContextTakesAHardirqLockWithIrqsOn() {
        RunResult r = Simulation.run(shared(Op.LOCK_PLAIN, true).build(), Model.of("full"));
        assertThat(r.status()).isEqualTo("WARNING: inconsistent lock state");
        assertThat(r.bug()).contains("inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.")
            .contains("was taken in hardirq context at").contains("and with IRQs enabled at driver/1000");
    }

    /** Without lockdep the same code really deadlocks: the handler spins on a lock its CPU's interrupted task holds. */
    @Test
    void shouldDeadlockInTheHandlerWithoutLockdep() {
        RunResult r = Simulation.run(shared(Op.LOCK_PLAIN, false).build(), Model.of("full"));
        assertThat(r.status()).isEqualTo("BUG: spinlock recursion on CPU#0, driver/1000");
    }

    /** spin_lock_irqsave in task context is the correct usage: the interrupt waits for the unlock; no report. */
    @Test
    void shouldAcceptTheIrqsaveFlavour() {
        RunResult r = Simulation.run(shared(Op.LOCK_IRQSAVE, true).build(), Model.of("full"));
        assertThat(r.status()).isEqualTo("ok");
        assertThat(r.counters().hardirqs()).isPositive();
    }

    /**
     * On rt the handler is forced into irq/24-dev, task context: it sleeps on the rtlock until the
     * driver's unlock (boosting it), so the plain flavour is no bug there and lockdep sees only
     * task-context acquisitions.
     */
    @Test
    void shouldNeedNoIrqsaveOnRtWhereTheHandlerIsAThread() {
        RunResult r = Simulation.run(shared(Op.LOCK_PLAIN, true).build(), Model.of("rt"));
        assertThat(r.status()).isEqualTo("ok");
        assertThat(r.locking().piBoosts()).isEqualTo(1);
        assertThat(r.locking().locks().get(0).contentions()).isEqualTo(1);
    }
}
