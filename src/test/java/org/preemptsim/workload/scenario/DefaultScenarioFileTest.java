package org.preemptsim.workload.scenario;

import org.junit.jupiter.api.Test;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.metrics.Compare;
import org.preemptsim.report.JsonReport;
import org.preemptsim.workload.DefaultScenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** examples/default.yaml describes exactly the machine DefaultScenario.build() builds. */
class DefaultScenarioFileTest {

    @Test
    void shouldCompileDefaultYamlToTheBuiltInMachine() {
        CompiledScenario cs = ScenarioCompiler.load(Path.of("examples/default.yaml"));
        MachineSpec builtin = DefaultScenario.build();
        MachineSpec file = cs.machine();

        assertThat(file.name()).isEqualTo(builtin.name());
        assertThat(file.profile()).isEqualTo(builtin.profile());
        assertThat(file.staticBuild()).isEqualTo(builtin.staticBuild());
        assertThat(file.cpus()).isEqualTo(builtin.cpus());
        assertThat(file.hz()).isEqualTo(builtin.hz());
        assertThat(file.llcSize()).isEqualTo(builtin.llcSize());
        assertThat(file.idlePoll()).isEqualTo(builtin.idlePoll());
        assertThat(file.debugChecks()).isEqualTo(builtin.debugChecks());
        assertThat(file.costs()).isEqualTo(builtin.costs());
        assertThat(file.durationNs()).isEqualTo(builtin.durationNs());
        assertThat(file.seed()).isEqualTo(builtin.seed());
        assertThat(file.locks()).isEqualTo(builtin.locks());
        assertThat(file.waitQueues()).isEqualTo(builtin.waitQueues());
        assertThat(file.tasks()).hasSameSizeAs(builtin.tasks());
        for (int i = 0; i < file.tasks().size(); i++) {
            var a = file.tasks().get(i);
            var b = builtin.tasks().get(i);
            assertThat(a.name()).isEqualTo(b.name());
            assertThat(a.policy()).isEqualTo(b.policy());
            assertThat(a.priority()).isEqualTo(b.priority());
            assertThat(a.nice()).isEqualTo(b.nice());
            assertThat(a.affinity()).isEqualTo(b.affinity());
            assertThat(a.cpu()).isEqualTo(b.cpu());
            assertThat(a.kthread()).isEqualTo(b.kthread());
            assertThat(a.measured()).isEqualTo(b.measured());
            // Programs print every step's opcode, operands and distribution (not its origin).
            assertThat(a.program().toString()).isEqualTo(b.program().toString());
        }
        assertThat(file.irqs()).hasSameSizeAs(builtin.irqs());
        assertThat(cs.models()).extracting(Model::name).containsExactlyElementsOf(Model.DEFAULT_NAMES);
    }

    @Test
    void shouldGiveByteIdenticalResultsToTheBuiltInScenario() {
        long duration = 150_000_000L;
        MachineSpec builtin = DefaultScenario.build(DefaultScenario.DEFAULT_SEED, duration);
        CompiledScenario cs = ScenarioCompiler.load(Path.of("examples/default.yaml")).with(null, duration);
        List<Model> models = new ArrayList<>();
        for (String n : Model.DEFAULT_NAMES) {
            models.add(Model.of(n));
        }

        String fromJava = JsonReport.toJson(Compare.run(builtin, models, 2, i -> { }));
        String fromFile = JsonReport.toJson(Compare.run(cs.machine(), cs.models(), cs.measure(), 2, i -> { }));

        assertThat(fromFile).isEqualTo(fromJava);
    }
}
