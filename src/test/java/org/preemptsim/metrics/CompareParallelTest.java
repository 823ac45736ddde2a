package org.preemptsim.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.report.JsonReport;
import org.preemptsim.workload.scenario.CompiledScenario;
import org.preemptsim.workload.scenario.ScenarioCompiler;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** compare runs its models on a thread pool; the JSON must be the one a sequential run writes. */
class CompareParallelTest {

    private static final List<Model> ALL = List.of(Model.of("none"), Model.of("voluntary"), Model.of("full"), Model.of("lazy"),
        Model.of("rt"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"examples/default.yaml", "examples/bench/bench.yaml", "examples/irq-load.yaml"})
    void shouldWriteTheSameJsonInParallelAsInSequence(String file) {
        CompiledScenario cs = ScenarioCompiler.load(Path.of(file)).with(null, 50_000_000L);
        MachineSpec spec = cs.machine();
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());

        String sequential = JsonReport.toJson(Compare.run(spec, ALL, 1, i -> { }));
        ConcurrentLinkedQueue<Integer> done = new ConcurrentLinkedQueue<>();
        String parallel = JsonReport.toJson(Compare.run(spec, ALL, cores, done::add));
        String onePerModel = JsonReport.toJson(Compare.run(spec, ALL, ALL.size(), i -> { }));

        assertThat(parallel).isEqualTo(sequential);
        assertThat(onePerModel).isEqualTo(sequential);
        assertThat(done).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }
}
