package org.preemptsim.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.preemptsim.kernel.Model;
import org.preemptsim.report.Results;
import org.preemptsim.workload.DefaultScenario;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the default scenario the preemptible models serve cyclictest at least twice as fast in the
 * worst case. The mechanism: the kernel loop calls cond_resched() only every 2 ms and the workers'
 * syscalls have no preemption point but might_sleep, so under none/voluntary a cyclictest wakeup
 * on their CPU waits for those points; under full/rt the hrtimer's IRQ exit (or the next
 * preempt_enable) preempts at once.
 */
class DefaultScenarioCompareTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldGiveFullAndRtAtMostHalfTheMaximumLatencyOfNoneAndVoluntary(long seed) {
        List<Model> models = List.of(Model.of("none"), Model.of("voluntary"), Model.of("full"), Model.of("rt"));
        Results r = Compare.run(DefaultScenario.build(seed, 1_000_000_000L), models, 2, i -> { });
        Map<String, Long> max = new HashMap<>();
        for (RunResult run : r.runs()) {
            assertThat(run.status()).isEqualTo("ok");
            max.put(run.model(), run.latency().maxNs());
        }
        long nonPreemptible = Math.min(max.get("none"), max.get("voluntary"));
        assertThat(max.get("full")).as("%s", max).isLessThanOrEqualTo(nonPreemptible / 2);
        assertThat(max.get("rt")).as("%s", max).isLessThanOrEqualTo(nonPreemptible / 2);
    }
}
