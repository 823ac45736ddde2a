package org.preemptsim.workload.builtin;

import org.junit.jupiter.api.Test;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.workload.scenario.CompiledScenario;

import static org.assertj.core.api.Assertions.assertThat;

class CyclictestWorkloadTest {

    /**
     * Thread i sleeps to absolute expiries k * P_i (k >= 1, P_i = interval + i * distance) and takes
     * its sample when it runs again, a wakeup latency after the expiry. So over a duration D the
     * count is floor(D / P_i), except that an expiry within one wakeup latency of D (in particular
     * exactly at D) gives its sample after the run has ended: one fewer. With D = 100 ms and
     * P = 1.0, 1.3, 1.6, 1.9 ms the last expiries are at 100 ms (exactly at D: lost), 98.8, 99.2 and
     * 98.8 ms (0.8 ms or more before D, far beyond any latency here), so the counts are exactly
     * floor((D - 1 ns) / P_i) = 99, 76, 62, 52.
     */
    @Test
    void shouldTakeOneSamplePerIntervalPlusDistanceForEachThread() {
        CompiledScenario cs = Runs.compile("cpus: 2\nduration: 100ms\nworkloads:\n"
            + "  - cyclictest: {threads: 4, interval: 1ms, distance: 300us}\n");
        long d = 100_000_000L;
        long[] expected = {99, 76, 62, 52};
        for (String model : new String[] {"none", "full", "rt"}) {
            RunResult r = Runs.run(cs, model);
            for (int i = 0; i < 4; i++) {
                long period = 1_000_000L + i * 300_000L;
                RunResult.TaskResult t = Runs.task(r, "cyclictest/" + i);
                assertThat(t.latency().samples()).as(model + " thread " + i).isEqualTo((d - 1) / period).isEqualTo(expected[i]);
                assertThat(t.cpu()).isEqualTo(i % 2);
            }
        }
    }

    @Test
    void shouldCountHistogramBucketsAndOverflowsLikeCyclictestH() {
        CompiledScenario cs = Runs.compile("cpus: 1\nduration: 50ms\nworkloads:\n"
            + "  - cyclictest: {interval: 500us, histogram: 3}\n  - kernel-loop: {length: 2ms, gap: 1ms}\n");
        RunResult r = Runs.run(cs, "none");
        RunResult.TaskResult t = Runs.task(r, "cyclictest/0");
        long inBuckets = 0;
        for (long c : t.histogram().counts()) {
            inBuckets += c;
        }
        assertThat(t.histogram().counts()).hasSize(3);
        assertThat(t.histogram().overflows()).isPositive();
        assertThat(inBuckets + t.histogram().overflows()).isEqualTo(t.latency().samples());
        assertThat(t.actNs()).isNotNull();
    }

    @Test
    void shouldPrintTLinesWithIntervalsAndPriority() {
        CompiledScenario cs = Runs.compile("cpus: 2\nduration: 20ms\nworkloads:\n"
            + "  - cyclictest: {threads: 2, priority: 80, interval: 1ms, distance: 500us}\n");
        RunResult r = Runs.run(cs, "full");
        StringBuilder sb = new StringBuilder();
        cs.reports().get(0).render(r, sb);
        assertThat(sb).contains("T: 0 ( 1000) P:80 I:1ms C:     19").contains("T: 1 ( 1001) P:80 I:1.5ms C:     13");
    }

    /** Threads with one interval share one immutable program; with a distance each has its own. */
    @Test
    void shouldShareTheProgramOnlyBetweenThreadsOfTheSameInterval() {
        CompiledScenario same = Runs.compile("cpus: 2\nduration: 1ms\nworkloads:\n  - cyclictest: {threads: 3}\n");
        CompiledScenario apart = Runs.compile("cpus: 2\nduration: 1ms\nworkloads:\n  - cyclictest: {threads: 2, distance: 100us}\n");
        assertThat(same.machine().tasks().get(1).program()).isSameAs(same.machine().tasks().get(0).program());
        assertThat(same.machine().tasks().get(2).program()).isSameAs(same.machine().tasks().get(0).program());
        assertThat(apart.machine().tasks().get(1).program()).isNotSameAs(apart.machine().tasks().get(0).program());
    }
}
