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
import org.preemptsim.workload.scenario.CompiledScenario;
import org.preemptsim.workload.scenario.ScenarioCompiler;

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

    /**
     * With the analysis (run and compare always attach it): histograms, blame, tracers, accounting
     * and the bound follow the schema, on a PREEMPT_DYNAMIC machine with IRQ lines, softirqs and an
     * NMI under none, full and rt, on static none/voluntary builds (no preemptoff figures there),
     * and next to a model the kernel stopped.
     */
    @Test
    void shouldWriteTheAnalysisInTheSchemasShape() throws Exception {
        for (String example : List.of("irq-load.yaml", "costs.yaml", "kernel-bug.yaml", "locks.yaml")) {
            CompiledScenario cs = ScenarioCompiler.load(Path.of("examples", example));
            Results r = Compare.run(cs.machine(), cs.models(), cs.measure().withAnalysis(3), 2, i -> { });
            String json = JsonReport.toJson(r);
            assertThat(validate(json)).as(example).isEmpty();
            if (!example.equals("kernel-bug.yaml")) {
                assertThat(json).contains("\"histograms\"", "\"blame\"", "\"tracers\"", "\"accounting\"", "\"bound\"",
                    "\"worst\"", "\"irqsoff\"", "\"d_poid_ns\"", "\"preempt_point\"");
            }
        }
    }

    @Test
    void shouldRejectABlameWithoutEveryCause() throws Exception {
        String doc = "{\"tool\":\"preemptsim\",\"scenario\":\"x\",\"kernel\":\"6.18\",\"seed\":1,\"duration_ns\":5,"
            + "\"runs\":[{\"model\":\"full\",\"status\":\"ok\",\"latency\":{\"samples\":1,\"min_ns\":1,\"avg_ns\":1,"
            + "\"p99_ns\":1,\"max_ns\":1},\"throughput\":{\"user_ns_per_s\":1},\"counters\":{\"events\":1,"
            + "\"context_switches\":1,\"wakeups\":1,\"preemptions\":{\"return_to_user\":0,\"irq_exit\":0,"
            + "\"preempt_enable\":0,\"cond_resched\":0,\"might_resched\":0},\"resched_ipis\":0,\"preemptibility_ops\":{}},"
            + "\"blame\":{\"samples\":1,\"total_ns\":1,\"worst\":[],\"causes\":{%s}}}]}";
        StringBuilder all = new StringBuilder();
        for (String c : List.of("nmi", "hardirq", "softirq", "irqs_off", "preempt_off", "higher_prio", "lock_holder",
            "preempt_point", "lazy_tick", "ipi", "sched")) {
            all.append(all.length() == 0 ? "" : ",").append('"').append(c).append("\":").append(c.equals("sched") ? 1 : 0);
        }
        assertThat(validate(String.format(doc, all))).isEmpty();
        assertThat(validate(String.format(doc, all.toString().replace("\"ipi\":0,", "")))).isNotEmpty();
        assertThat(validate(String.format(doc, all + ",\"other\":0"))).isNotEmpty();
    }
}
