package org.preemptsim.trace;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.report.JsonReport;
import org.preemptsim.report.Results;
import org.preemptsim.workload.DefaultScenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A traced run's results JSON is byte-identical to the untraced run's, for every writer. */
class TracingChangesNoResultTest {

    @TempDir
    Path dir;

    private static String json(MachineSpec spec, RunResult r) {
        return JsonReport.toJson(new Results("preemptsim", spec.name(), "test", spec.seed(), spec.durationNs(), List.of(r)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "voluntary", "full", "lazy", "rt"})
    void shouldLeaveTheResultsByteIdenticalUnderEveryWriter(String model) throws IOException {
        MachineSpec spec = DefaultScenario.build(3, 60_000_000L);
        String untraced = json(spec, TraceFixtures.run(spec, model));
        try (RecordingSink text = TraceWriters.ftrace(dir.resolve("t.txt"), TraceOptions.forCpus(spec.cpus()));
             RecordingSink dat = TraceWriters.dat(dir.resolve("t.dat"), TraceOptions.forCpus(spec.cpus()));
             PerfettoJsonWriter json = TraceWriters.perfetto(dir.resolve("t.json"), TraceOptions.forCpus(spec.cpus()))) {
            for (TraceSink sink : List.of(text, dat, json)) {
                assertThat(json(spec, TraceFixtures.run(spec, model, sink))).as("%s under %s", sink.getClass().getSimpleName(), model)
                    .isEqualTo(untraced);
            }
            assertThat(text.entries()).isPositive();
            assertThat(dat.entries()).isEqualTo(text.entries());
        }
    }
}
