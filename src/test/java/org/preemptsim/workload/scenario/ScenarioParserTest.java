package org.preemptsim.workload.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioParserTest {

    @Test
    void shouldKeepLineColumnAndPathOfEveryKeyAndValue() {
        Node.Mapping root = ScenarioParser.parse("s.yaml", "cpus: 4\ntasks:\n  - name: a\n    program:\n      - user: 1ms\n");

        Node.Entry cpus = root.entries().get("cpus");
        assertThat(cpus.keyAt()).isEqualTo(new Where("s.yaml", 1, 1, "cpus"));
        assertThat(cpus.value().at()).isEqualTo(new Where("s.yaml", 1, 7, "cpus"));
        Node.Sequence tasks = (Node.Sequence) root.get("tasks");
        Node.Mapping task = (Node.Mapping) tasks.items().get(0);
        Node.Sequence program = (Node.Sequence) task.get("program");
        Node.Mapping step = (Node.Mapping) program.items().get(0);
        assertThat(step.entries().get("user").value().at()).isEqualTo(new Where("s.yaml", 5, 15, "tasks[0].program[0].user"));
    }

    @Test
    void shouldReadJsonWithTheSameLocations() {
        Node.Mapping root = ScenarioParser.parse("s.json", "{\n  \"cpus\": 4,\n  \"models\": [\"none\", \"rt\"]\n}\n");

        Node.Sequence models = (Node.Sequence) root.get("models");
        assertThat(models.items().get(1).at()).isEqualTo(new Where("s.json", 3, 22, "models[1]"));
    }

    @Test
    void shouldKeepNumbersAsWrittenSoKernelVersionsSurvive() {
        Node.Mapping root = ScenarioParser.parse("s.yaml", "kernel: 6.10\n");

        assertThat(((Node.Scalar) root.get("kernel")).text()).isEqualTo("6.10");
        assertThat(((Node.Scalar) root.get("kernel")).kind()).isEqualTo(Node.Kind.FLOAT);
    }

    @Test
    void shouldResolveYamlAnchorsAndAliases() {
        Node.Mapping root = ScenarioParser.parse("s.yaml", "a: &prog [{user: 1ms}]\nb: *prog\n");

        assertThat(root.get("b")).isSameAs(root.get("a"));
    }

    @Test
    void shouldRejectAnAliasWithoutAnchor() {
        assertThatThrownBy(() -> ScenarioParser.parse("s.yaml", "b: *nowhere\n"))
            .isInstanceOf(ScenarioError.class);
    }

    @Test
    void shouldRejectADocumentThatIsNotAMapping() {
        assertThatThrownBy(() -> ScenarioParser.parse("s.yaml", "- 1\n- 2\n"))
            .hasMessage("s.yaml:1:1: error: a scenario must be a mapping of keys (cpus:, tasks:, ...), got a list");
    }

    @Test
    void shouldCompileTheSameScenarioFromYamlAndJson() {
        String yaml = "cpus: 2\nduration: 10ms\nlocks: [l]\ntasks:\n  - name: t\n    program:\n"
            + "      - loop: {times: 3, body: [{user: {uniform: [1us, 9us]}}, {syscall: 1}, {spin_lock: l}, {kernel: 5us},"
            + " {spin_unlock: l}, sysret]}\n";
        String json = "{\"cpus\": 2, \"duration\": \"10ms\", \"locks\": [\"l\"], \"tasks\": [{\"name\": \"t\", \"program\": ["
            + "{\"loop\": {\"times\": 3, \"body\": [{\"user\": {\"uniform\": [\"1us\", \"9us\"]}}, {\"syscall\": 1},"
            + " {\"spin_lock\": \"l\"}, {\"kernel\": \"5us\"}, {\"spin_unlock\": \"l\"}, \"sysret\"]}}]}]}";

        CompiledScenario a = ScenarioCompiler.compile(ScenarioReader.read("x.yaml", yaml));
        CompiledScenario b = ScenarioCompiler.compile(ScenarioReader.read("x.json", json));

        assertThat(b.machine().tasks().get(0).program().toString()).isEqualTo(a.machine().tasks().get(0).program().toString());
        assertThat(b.machine().locks()).isEqualTo(a.machine().locks());
        assertThat(b.models()).isEqualTo(a.models());
    }
}
