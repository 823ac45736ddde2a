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

import static org.assertj.core.api.Assertions.assertThat;

/** The bound's arithmetic, its observed variables on a small machine, and its assumptions. */
class RtBoundTest {

    static final long US = 1_000;
    static final long MS = 1_000_000;

    static Sections.Instances instances(long[] at, long[] len) {
        Sections.Instances in = new Sections.Instances();
        for (int i = 0; i < at.length; i++) {
            in.add(at[i], len[i], 7);
        }
        return in;
    }

    /**
     * Instances at 0, 10, 15, 100 us lasting 4, 3, 5, 2 us; a closed window counts every instance
     * arriving in it whole. In 20 us the most work arrives from 0: 4 + 3 + 5 = 12 us; in 12 us
     * from 10: 3 + 5 = 8 us (from 0 only 4 + 3); in 5 us still 8 (15 is in [10, 15]); in 1 us
     * and in 0 the longest, 5; in 1 ms all 14. Sporadic: shortest gap 5 us, longest 5 us:
     * (floor(L / 5 us) + 1) * 5 us, so 10 us holds three arrivals (0, 5, 10).
     */
    @Test
    void shouldComputeTheSlidingWindowAndTheSporadicInterference() {
        RtBound.Interference i = new RtBound.Interference(instances(new long[] {0, 10 * US, 15 * US, 100 * US},
            new long[] {4 * US, 3 * US, 5 * US, 2 * US}));
        assertThat(i.window(20 * US)).isEqualTo(12 * US);
        assertThat(i.window(12 * US)).isEqualTo(8 * US);
        assertThat(i.window(5 * US)).isEqualTo(8 * US);
        assertThat(i.window(1 * US)).isEqualTo(5 * US);
        assertThat(i.window(0)).isEqualTo(5 * US);
        assertThat(i.window(MS)).isEqualTo(14 * US);
        assertThat(i.sporadic(12 * US)).isEqualTo(15 * US);
        assertThat(i.sporadic(10 * US)).isEqualTo(15 * US);
        assertThat(i.sporadic(9 * US)).isEqualTo(10 * US);
    }

    /**
     * L_IF = 10 us and the instances above: I(10) = 3 + 5 (from 10) = 8 -> 18; I(18) = 4 + 3 + 5
     * (from 0) = 12 -> 22; I(22) = 12: 22 us.
     * The sporadic model: 10 + 3 * 5 = 25, 10 + 6 * 5 = 40, ... never settles below 1 ms.
     */
    @Test
    void shouldFindTheLeastFixedPointOrReportDivergence() {
        RtBound.Interference irq = new RtBound.Interference(instances(new long[] {0, 10 * US, 15 * US, 100 * US},
            new long[] {4 * US, 3 * US, 5 * US, 2 * US}));
        RtBound.Interference none = new RtBound.Interference(new Sections.Instances());
        assertThat(RtBound.fixedPoint(10 * US, irq, none, false, Long.MAX_VALUE)).isEqualTo(22 * US);
        assertThat(RtBound.fixedPoint(10 * US, irq, none, true, MS)).isEqualTo(-1);
    }

    /**
     * The bound is the least positive fixed point (de Oliveira, Casini, Cucinotta, "Demystifying
     * the Real-Time Linux Scheduling Latency", ECRTS 2020): with L_IF = 0 an NMI arriving with
     * the sample still delays it, so L = 0 is not the answer. One 4.9 us NMI: 4.9 us, in both models.
     */
    @Test
    void shouldCountAnInterruptArrivingWithTheSampleWhenNothingDisablesPreemption() {
        RtBound.Interference nmi = new RtBound.Interference(instances(new long[] {MS}, new long[] {4_900}));
        RtBound.Interference none = new RtBound.Interference(new Sections.Instances());
        assertThat(RtBound.fixedPoint(0, none, nmi, false, Long.MAX_VALUE)).isEqualTo(4_900);
        assertThat(RtBound.fixedPoint(0, none, nmi, true, MS)).isEqualTo(4_900);
        assertThat(RtBound.fixedPoint(0, none, none, false, Long.MAX_VALUE)).isZero();
    }

    /**
     * A 1 CPU rt machine, zero costs: a FIFO 99 timerlat-like thread every 1 ms, and a fair worker
     * whose kernel loop disables preemption for 150 us at a time (preempt_disable is not made
     * preemptible by PREEMPT_RT). D_POID is 150 us, the rest is free: the bound is 150 us, and the
     * thread's worst wait is the rest of one section after its timer.
     */
    @Test
    void shouldBoundByTheLongestPreemptOffSectionOnAZeroCostMachine() {
        MachineBuilder m = new MachineBuilder("poid").cpus(1).hz(250).costs(Costs.ZERO).durationMs(20);
        m.task(TaskSpec.fair("worker", 0, new ProgramBuilder().syscall(1).loop(0).preemptDisable().kernel(150 * US)
            .preemptEnable().kernel(70 * US).endLoop().build()));
        m.task(timerlat(0, 99, MS));
        RunResult r = Simulation.run(m.build(), Model.of("rt"), Measure.ANALYSIS);
        Bound b = r.bound();
        assertThat(b.applies()).as(b.reason()).isTrue();
        Bound.CpuBound c = b.cpus().get(0);
        assertThat(c.dPoidNs()).isEqualTo(150 * US);
        assertThat(c.dStNs()).isZero();
        assertThat(c.dPsdNs()).isZero();
        assertThat(c.dPaieNs()).isZero();
        assertThat(c.boundNs()).isEqualTo(150 * US);
        assertThat(c.observedMaxNs()).isPositive().isLessThanOrEqualTo(c.boundNs());
    }

    static TaskSpec timerlat(int cpu, int prio, long period) {
        return new TaskSpec("timerlat/" + cpu, org.preemptsim.kernel.Policy.SCHED_FIFO, prio, 0, new int[] {cpu}, cpu, 0,
            new ProgramBuilder().loop(0).periodic(period).endLoop().build(), true, true);
    }

    static String reason(MachineSpec spec, String model) {
        RunResult r = Simulation.run(spec, Model.of(model), Measure.ANALYSIS);
        assertThat(r.bound().applies()).isFalse();
        assertThat(r.bound().cpus()).isEmpty();
        return r.bound().reason();
    }

    @Test
    void shouldSayWhenTheBoundDoesNotApplyAndWhy() {
        MachineBuilder m = new MachineBuilder("outside").cpus(2).hz(250).costs(Costs.ZERO).durationMs(5);
        m.task(timerlat(0, 90, MS));
        assertThat(reason(m.build(), "full")).startsWith("the bound is for PREEMPT_RT kernels").endsWith("full is not one");

        MachineBuilder higher = new MachineBuilder("higher").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
        higher.task(timerlat(0, 50, MS));
        higher.task(TaskSpec.fifo("hog", 60, new ProgramBuilder().loop(0).kernel(100 * US).sleep(500 * US).endLoop().build())
            .asKthread());
        assertThat(reason(higher.build(), "rt"))
            .isEqualTo("timerlat/0 is not the unique highest priority on CPU 0 (hog has prio 39, it has 49)");

        MachineBuilder unpinned = new MachineBuilder("unpinned").cpus(2).hz(250).costs(Costs.ZERO).durationMs(5);
        unpinned.task(TaskSpec.fifo("cyclic", 99, new ProgramBuilder().loop(0).syscall(230).periodic(MS).sysret().endLoop()
            .build()).asMeasured());
        assertThat(reason(unpinned.build(), "rt")).isEqualTo("cyclic may run on 2 CPUs (the analysis is of one CPU)");

        MachineBuilder locking = new MachineBuilder("locking").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
        int l = locking.spinlock("l");
        locking.task(new TaskSpec("t", org.preemptsim.kernel.Policy.SCHED_FIFO, 99, 0, new int[] {0}, 0, 0,
            new ProgramBuilder().loop(0).periodic(MS).spinLock(l).kernel(US).spinUnlock(l).endLoop().build(), true, true));
        assertThat(reason(locking.build(), "rt")).startsWith("t takes a lock or waits (step 2 lock");

        MachineBuilder fair = new MachineBuilder("fair").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
        fair.task(TaskSpec.fair("t", 0, new ProgramBuilder().syscall(1).periodic(MS).sysret().exit().build()).asMeasured()
            .withAffinity(new int[] {0}));
        assertThat(reason(fair.build(), "rt")).isEqualTo("t is not an RT thread");
    }
}
