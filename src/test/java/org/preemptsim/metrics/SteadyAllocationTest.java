package org.preemptsim.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.workload.scenario.ScenarioCompiler;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event loop allocates nothing per event: on the bench's reference scenario (hackbench's
 * contended socket locks, cyclictest, a network IRQ) a 200 ms run allocates no more than a 100 ms
 * one beyond a few bytes, under every model. Bytes, not time: the thread's allocation counter is
 * exact and this machine's load cannot move it. A string built on every lock contention (the
 * deadlock walk's report, written before any cycle was found) once made this 8-10 bytes/event.
 */
class SteadyAllocationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "voluntary", "full", "lazy", "rt"})
    void shouldAllocateNothingPerEventOnceWarm(String model) {
        MachineSpec spec = ScenarioCompiler.load(Path.of("examples/bench/bench.yaml")).with(null, 200_000_000L).machine();
        Model m = Model.of(model);
        Bench.warmUp(spec.withDuration(50_000_000L), java.util.List.of(m), 50_000_000L, 2);
        Bench.ModelRun full = Bench.timedRun(spec, m);
        double steady = Bench.steadyBytesPerEvent(spec, m, full, 0.5);

        assertThat(full.status()).isEqualTo("ok");
        assertThat(full.events()).isGreaterThan(1_000_000);
        assertThat(steady).as("bytes per event beyond the first 100 ms").isLessThan(0.01);
    }
}
