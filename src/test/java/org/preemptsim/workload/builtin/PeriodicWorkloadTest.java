package org.preemptsim.workload.builtin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.workload.scenario.CompiledScenario;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodicWorkloadTest {

    /**
     * Response-time analysis (Joseph and Pandya; Audsley et al.) for fixed priorities on one CPU:
     * R_i = C_i + sum over higher-priority j of ceil(R_i / T_j) * C_j, iterated from R_i = C_i.
     * Rate-monotonic, synchronous release at 0 (the critical instant), times in ms:
     *   tau1 (C=1, T=4):  R1 = 1.
     *   tau2 (C=2, T=6):  R = 2 + ceil(2/4)*1 = 3; 2 + ceil(3/4)*1 = 3.  R2 = 3.
     *   tau3 (C=3, T=12): R = 3 + ceil(3/4)*1 + ceil(3/6)*2 = 6; 3 + 2*1 + 1*2 = 7;
     *                     3 + 2 + ceil(7/6)*2 = 9; 3 + ceil(9/4)*1 + 2*2 = 10; 3 + 3 + 4 = 10.  R3 = 10.
     * With zero costs and the work in user space (preemptible at once under every model), the
     * simulated worst case over four hyperperiods must be exactly 1, 3 and 10 ms. (Where a job
     * would finish at the very instant a higher-priority job is released, the timer interrupt is
     * handled first, so that job finishes after it: still within the analysis' worst case.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "voluntary", "full", "lazy", "rt"})
    void shouldReproduceTheExactWorstCaseResponseTimesOfResponseTimeAnalysis(String model) {
        CompiledScenario cs = Runs.compile("cpus: 1\ncosts: zero\nduration: 48ms\nworkloads:\n  - periodic:\n      tasks:\n"
            + "        - {name: tau1, c: 1ms, t: 4ms}\n        - {name: tau2, c: 2ms, t: 6ms}\n        - {name: tau3, c: 3ms, t: 12ms}\n");
        RunResult r = Runs.run(cs, model);

        assertThat(Runs.task(r, "tau1").response().maxNs()).isEqualTo(1_000_000);
        assertThat(Runs.task(r, "tau2").response().maxNs()).isEqualTo(3_000_000);
        assertThat(Runs.task(r, "tau3").response().maxNs()).isEqualTo(10_000_000);
        assertThat(Runs.task(r, "tau1").response().jobs()).isEqualTo(12);
        assertThat(Runs.task(r, "tau3").response().jobs()).isEqualTo(4);
        assertThat(Runs.figures(cs, r, "periodic").figures()).containsEntry("deadline_misses", 0L);
    }

    /**
     * A constrained deadline: tau1 (C=1, T=4, D=4), tau2 (C=2, T=6, D=2.5). Rate-monotonic orders
     * by T, so tau1 is higher: R2 = 2 + ceil(R2/4)*1 = 3 > 2.5, tau2 misses at every critical
     * instant. Deadline-monotonic orders by D, so tau2 is higher: R2 = 2, and
     * R1 = 1 + ceil(R1/6)*2 = 3 <= 4: no misses.
     */
    @Test
    void shouldMissDeadlinesUnderRateMonotonicButNotDeadlineMonotonic() {
        String set = "        - {name: tau1, c: 1ms, t: 4ms}\n        - {name: tau2, c: 2ms, t: 6ms, d: 2.5ms}\n";
        CompiledScenario rm = Runs.compile("cpus: 1\ncosts: zero\nduration: 24ms\nworkloads:\n  - periodic:\n"
            + "      assignment: rate-monotonic\n      tasks:\n" + set);
        CompiledScenario dm = Runs.compile("cpus: 1\ncosts: zero\nduration: 24ms\nworkloads:\n  - periodic:\n"
            + "      assignment: deadline-monotonic\n      tasks:\n" + set);

        RunResult r = Runs.run(rm, "full");
        assertThat(Runs.task(r, "tau2").response().maxNs()).isEqualTo(3_000_000);
        assertThat(Runs.task(r, "tau2").response().deadlineMisses()).isPositive();

        RunResult d = Runs.run(dm, "full");
        assertThat(Runs.task(d, "tau2").response().maxNs()).isEqualTo(2_000_000);
        assertThat(Runs.task(d, "tau1").response().maxNs()).isEqualTo(3_000_000);
        assertThat(Runs.figures(dm, d, "periodic").figures()).containsEntry("deadline_misses", 0L);
    }

    @Test
    void shouldStartEachTaskAtItsOffset() {
        CompiledScenario cs = Runs.compile("cpus: 1\ncosts: zero\nduration: 20ms\nworkloads:\n  - periodic:\n      tasks:\n"
            + "        - {name: a, c: 1ms, t: 5ms, offset: 2ms}\n");
        RunResult r = Runs.run(cs, "full");
        // releases at 2, 7, 12, 17 ms: four jobs, each 1 ms
        assertThat(Runs.task(r, "a").response().jobs()).isEqualTo(4);
        assertThat(Runs.task(r, "a").response().minNs()).isEqualTo(1_000_000);
        assertThat(Runs.task(r, "a").response().maxNs()).isEqualTo(1_000_000);
    }
}
