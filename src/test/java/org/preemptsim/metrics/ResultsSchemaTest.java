package org.preemptsim.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.preemptsim.kernel.Costs;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.report.JsonReport;
import org.preemptsim.report.Results;
import org.preemptsim.workload.DefaultScenario;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.ProgramBuilder;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The --json document follows docs/results.schema.json, for good runs and for kernel bugs. */
class ResultsSchemaTest {

    static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("docs/results.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static Set<ValidationMessage> validate(String json) throws Exception {
        JsonNode node = new ObjectMapper().readTree(json);
        return schema.validate(node);
    }

    static List<Model> all() {
        return List.of(Model.of("none"), Model.of("voluntary"), Model.of("full"), Model.of("lazy"), Model.of("rt"));
    }

    @Test
    void shouldWriteTheDefaultScenarioResultsInTheSchemasShape() throws Exception {
        Results r = Compare.run(DefaultScenario.build(3, 200_000_000L), all(), 2, i -> { });
        String json = JsonReport.toJson(r);
        assertThat(validate(json)).isEmpty();
        assertThat(json).contains("\"runs\"", "\"model\" : \"none\"", "\"status\" : \"ok\"", "\"p99_ns\"", "\"user_ns_per_s\"");
    }

    @Test
    void shouldWriteAKernelBugInsteadOfNumbers() throws Exception {
        MachineBuilder m = new MachineBuilder("bug").cpus(1).costs(Costs.ZERO).durationMs(5);
        m.task(TaskSpec.fair("unbalanced", 0, new ProgramBuilder().syscall(1).preemptEnable().sysret().build()));
        MachineSpec spec = m.build();
        Results r = Compare.run(spec, List.of(Model.of("full")), 1, i -> { });
        String json = JsonReport.toJson(r);
        assertThat(validate(json)).isEmpty();
        assertThat(json).contains("\"status\" : \"WARNING: preempt_count underflow").doesNotContain("\"latency\"");
    }

    @Test
    void shouldRejectADocumentThatBreaksTheShape() throws Exception {
        assertThat(validate("{\"tool\":\"preemptsim\",\"scenario\":\"x\",\"kernel\":\"6.18\",\"seed\":1,\"duration_ns\":5,"
            + "\"runs\":[{\"model\":\"full\",\"status\":\"ok\"}]}")).isNotEmpty();
        assertThat(validate("{\"tool\":\"preemptsim\",\"scenario\":\"x\",\"kernel\":\"6.18\",\"seed\":1,\"duration_ns\":5,"
            + "\"runs\":[{\"model\":\"sometimes\",\"status\":\"BUG\",\"bug\":\"b\"}]}")).isNotEmpty();
    }

    /** Each run owns its machine and streams: parallel and sequential give the same bytes, twice. */
    @Test
    void shouldGiveByteIdenticalJsonSequentiallyAndInParallel() {
        MachineSpec spec = DefaultScenario.build(7, 150_000_000L);
        String sequential = JsonReport.toJson(Compare.run(spec, all(), 1, i -> { }));
        String parallel = JsonReport.toJson(Compare.run(spec, all(), 4, i -> { }));
        String again = JsonReport.toJson(Compare.run(DefaultScenario.build(7, 150_000_000L), all(), 3, i -> { }));
        assertThat(parallel).isEqualTo(sequential);
        assertThat(again).isEqualTo(sequential);
    }
}
