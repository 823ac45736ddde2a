package org.preemptsim.kernel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.preemptsim.metrics.Measure;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.metrics.blame.Bound;
import org.preemptsim.workload.ProgramBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ECRTS 2020 bound holds on the simulated PREEMPT_RT kernel: over seeded random machines
 * ({@link RandomMachines}: nested spinlock, raw spinlock, preempt, IRQ and BH sections, sleeps,
 * wait queues, device IRQs with softirqs, all policies), each CPU gets a timerlat-like measured
 * thread inside the bound's assumptions (FIFO 99, pinned, the unique highest priority there, no
 * lock), and its observed maximum thread latency never exceeds the bound computed from the run's
 * own observed variables, on rt and rt-lazy.
 *
 * <p>NMIs are kept (the I_NMI term covers them), and every run must complete: the two kernel-model
 * bugs this sweep once had to step around (an IRQ that became pending during an NMI was not taken
 * when the NMI returned to code with IRQs on; a non-preemptible local_bh_disable on PREEMPT_RT
 * shared the per-CPU BH count with a preempted holder) are fixed.
 */
class RtBoundSweepTest {

    static final long US = 1_000;
    static final int MACHINES = 300;
    static final int LAZY_MACHINES = 100;

    static LongStream seeds() {
        return LongStream.range(0, MACHINES);
    }

    static LongStream lazySeeds() {
        return LongStream.range(MACHINES, MACHINES + LAZY_MACHINES);
    }

    /** The random machine with one measured FIFO 99 thread pinned to each CPU. */
    static MachineSpec insideAssumptions(long seed) {
        MachineSpec m = RandomMachines.generate(seed, RandomMachines.Bug.NONE);
        SplittableRandom r = new SplittableRandom(seed);
        List<TaskSpec> tasks = new ArrayList<>();
        for (TaskSpec t : m.tasks()) {
            if (!t.measured()) {
                tasks.add(t);
            }
        }
        for (int c = 0; c < m.cpus(); c++) {
            long period = (100 + r.nextInt(900)) * US;
            tasks.add(new TaskSpec("timerlat/" + c, Policy.SCHED_FIFO, 99, 0, new int[] {c}, c, 0,
                new ProgramBuilder().loop(0).periodic(period).endLoop().build(), true, true));
        }
        return new MachineSpec(m.name(), m.profile(), m.staticBuild(), m.cpus(), m.hz(), m.llcSize(), m.idlePoll(),
            m.debugChecks(), m.lockdep(), m.costs(), m.durationNs(), m.seed(), tasks, m.irqs(), m.nmis(), m.locks(),
            m.waitQueues());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldNeverObserveMoreThanTheBoundOnRt(long seed) {
        check(seed, "rt");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("lazySeeds")
    void shouldNeverObserveMoreThanTheBoundOnRtLazy(long seed) {
        check(seed, "rt-lazy");
    }

    private static void check(long seed, String model) {
        RunResult r = Simulation.run(insideAssumptions(seed), Model.of(model), Measure.ANALYSIS);
        assertThat(r.status()).as("seed %d %s: %s", seed, model, r.bug()).isEqualTo("ok");
        Bound b = r.bound();
        assertThat(b.applies()).as(b.reason()).isTrue();
        assertThat(b.cpus()).isNotEmpty();
        for (Bound.CpuBound c : b.cpus()) {
            assertThat(c.observedMaxNs()).as("CPU %d: %s", c.cpu(), c).isLessThanOrEqualTo(c.boundNs());
            assertThat(c.boundNs()).isEqualTo(c.lIfNs() + c.iNmiNs() + c.iIrqNs());
        }
    }
}
