package org.preemptsim.metrics.blame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.preemptsim.kernel.Model;
import org.preemptsim.metrics.Histograms;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.workload.scenario.CompiledScenario;
import org.preemptsim.workload.scenario.ScenarioCompiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sample of every run of every example scenario, under each of its models, is blamed, and
 * its parts sum to it exactly ({@link Blame#sample} throws otherwise, which fails the run here);
 * the histograms' buckets add up to their samples.
 */
class BlameExamplesTest {

    /** default.yaml is the 2 s built-in scenario; the others are 200 ms at most. */
    static final long DEFAULT_SHORT_NS = 200_000_000L;

    static List<Object[]> runs() throws IOException {
        List<Object[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json")).sorted().toList()) {
                CompiledScenario cs = ScenarioCompiler.load(p);
                for (Model m : cs.models()) {
                    out.add(new Object[] {p.getFileName().toString(), m.name()});
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void shouldBlameEverySampleWithPartsSummingToIt(String example, String model) {
        CompiledScenario cs = ScenarioCompiler.load(Path.of("examples", example));
        if (example.equals("default.yaml")) {
            cs = cs.with(null, DEFAULT_SHORT_NS);
        }
        Model m = cs.models().stream().filter(x -> x.name().equals(model)).findFirst().orElseThrow();
        RunResult r = Simulation.run(cs.machine(), m, cs.measure().withAnalysis(3));
        if (!r.ok()) {
            assertThat(example).isEqualTo("kernel-bug.yaml");
            return;
        }
        BlameReport b = r.blame();
        assertThat(b.samples()).isEqualTo(r.latency().samples());
        assertThat(b.causes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(b.totalNs());
        if (b.samples() > 0) {
            assertThat(Math.floorDiv(b.totalNs(), b.samples())).isEqualTo(r.latency().avgNs());
            assertThat(b.worst().get(0).latencyNs()).isEqualTo(r.latency().maxNs());
        }
        assertThat(b.truncatedSamples()).isNull();
        for (Histograms.Scope scope : r.histograms()) {
            for (Histograms.Distribution d : java.util.Arrays.asList(scope.thread(), scope.irq())) {
                if (d != null) {
                    assertThat(java.util.Arrays.stream(d.counts()).sum()).as(scope.toString()).isEqualTo(d.samples());
                }
            }
        }
        for (BlameReport.WorstSample w : b.worst()) {
            assertThat(w.causes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(w.latencyNs());
            assertThat(w.parts().stream().mapToLong(BlameReport.Part::ns).sum()).isEqualTo(w.latencyNs());
        }
    }
}
