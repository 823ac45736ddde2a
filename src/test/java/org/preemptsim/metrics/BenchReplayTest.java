package org.preemptsim.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.workload.scenario.ScenarioCompiler;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's machine/heap ratio compares like with like: the machine runs on the recorded window
 * pop exactly the events the replayed log pops, in every pair. Counts only: nothing here is timed.
 */
class BenchReplayTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "rt"})
    void shouldTimeTheMachineOnTheSameEventsAsTheReplay(String model) {
        MachineSpec spec = ScenarioCompiler.load(Path.of("examples/bench/bench.yaml")).with(null, 100_000_000L).machine();
        Model m = Model.of(model);
        long events = Bench.timedRun(spec, m).events();

        Bench.Replay rp = Bench.replay(spec, m, events, 200_000, 3);

        assertThat(rp.pops()).isBetween(10_000L, 200_000L);
        assertThat(rp.windowEvents()).isEqualTo(rp.pops());
        assertThat(rp.heapNs()).hasSize(3);
        assertThat(rp.machineNs()).hasSize(3);
        assertThat(java.util.Arrays.stream(rp.machineNs()).min().orElse(0)).isPositive();
        assertThat(Bench.totals(List.of(rp, rp)).ratio()).isPositive();
        assertThat(Bench.totals(List.of(rp, rp)).pops()).isEqualTo(2 * rp.pops());
    }
}
