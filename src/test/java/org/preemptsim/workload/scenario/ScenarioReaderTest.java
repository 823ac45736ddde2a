package org.preemptsim.workload.scenario;

import org.junit.jupiter.api.Test;
import org.preemptsim.kernel.Costs;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.workload.Dists;
import org.preemptsim.workload.Op;
import org.preemptsim.workload.Program;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioReaderTest {

    private static Scenario read(String yaml) {
        return ScenarioReader.read("t.yaml", yaml);
    }

    private static CompiledScenario compile(String yaml) {
        return ScenarioCompiler.compile(read(yaml));
    }

    @Test
    void shouldDefaultToAllFiveModelsTheKernelAccepts() {
        assertThat(read("tasks: [{name: t, program: [{user: 1ms}]}]\n").models()).extracting(Model::name)
            .containsExactly("none", "voluntary", "full", "lazy", "rt");
        Scenario old = read("kernel: \"6.6\"\ntasks: [{name: t, program: [{user: 1ms}]}]\n");
        assertThat(old.models()).extracting(Model::name).containsExactly("none", "voluntary", "full");
        assertThat(old.refusedDefaults()).containsExactly("lazy", "rt");
    }

    @Test
    void shouldUseStaticBuildsWhenAsked() {
        Scenario s = read("build: static\nmodels: [none, full, rt]\ntasks: [{name: t, program: [{user: 1ms}]}]\n");
        assertThat(s.models().get(0).build()).isEqualTo(org.preemptsim.kernel.Build.STATIC_NONE);
        assertThat(s.models().get(2).build()).isEqualTo(org.preemptsim.kernel.Build.RT);
    }

    @Test
    void shouldReadEveryDistribution() {
        assertThat(Quantity.parse(ScenarioParser.parse("q.yaml", "q: 200us\n").get("q")).fixedNs()).isEqualTo(200_000);
        assertThat(dist("{uniform: [10us, 50us]}")).isEqualTo(Dists.uniform(10_000, 50_000));
        assertThat(dist("{uniform: {min: 0, max: 50us}}")).isEqualTo(Dists.uniform(0, 50_000));
        assertThat(dist("{exponential: {mean: 300us, max: 5ms}}")).isEqualTo(Dists.exponential(300_000, 5_000_000));
        assertThat(dist("{normal: {mean: 1ms, sd: 100us, min: 500us, max: 2ms}}"))
            .isEqualTo(Dists.normal(1_000_000, 100_000, 500_000, 2_000_000));
        assertThat(dist("{lognormal: {median: 1ms, sigma: 0.5, max: 10ms}}")).isEqualTo(Dists.lognormal(1_000_000, 0.5, 10_000_000));
        assertThat(dist("{pareto: {scale: 100us, shape: 1.5, max: 10ms}}")).isEqualTo(Dists.pareto(100_000, 1.5, 10_000_000));
        assertThat(dist("{empirical: {values: [10us, 20us], weights: [3, 1]}}"))
            .isEqualTo(Dists.empirical(new long[] {10_000, 20_000}, new double[] {3, 1}));
        assertThat(Quantity.parse(ScenarioParser.parse("q.yaml", "q: {fixed: 3us}\n").get("q")).fixedNs()).isEqualTo(3_000);
    }

    private static Object dist(String text) {
        return Quantity.parse(ScenarioParser.parse("q.yaml", "q: " + text + "\n").get("q")).dist();
    }

    @Test
    void shouldExpandCountAndPerCpuTasks() {
        CompiledScenario cs = compile("cpus: 4\ntasks:\n  - {name: w, count: 3, affinity: \"1-2\", program: [{user: 1ms}]}\n"
            + "  - {name: rt, per_cpu: true, affinity: \"0,3\", policy: rr, priority: 7, release: 2ms, program: [{user: 1ms}]}\n");
        List<TaskSpec> ts = cs.machine().tasks();
        assertThat(ts).extracting(TaskSpec::name).containsExactly("w/0", "w/1", "w/2", "rt/0", "rt/3");
        assertThat(ts.get(0).affinity()).containsExactly(1, 2);
        assertThat(ts.get(0).cpu()).isEqualTo(-1);
        assertThat(ts.get(4).affinity()).containsExactly(3);
        assertThat(ts.get(4).cpu()).isEqualTo(3);
        assertThat(ts.get(4).policy()).isEqualTo(Policy.SCHED_RR);
        assertThat(ts.get(4).priority()).isEqualTo(7);
        assertThat(ts.get(4).releaseNs()).isEqualTo(2_000_000);
    }

    @Test
    void shouldStartCostsFromABaseAndOverrideFields() {
        Costs c = compile("costs: {base: zero, context_switch: 1.2us, debug_check: 0}\ntasks: [{name: t, program: [{user: 1ms}]}]\n")
            .machine().costs();
        assertThat(c.contextSwitchNs()).isEqualTo(1_200);
        assertThat(c.irqEntryNs()).isZero();
        assertThat(compile("tasks: [{name: t, program: [{user: 1ms}]}]\n").machine().costs()).isEqualTo(Costs.DEFAULT);
        assertThat(CostsReader.keys()).hasSize(Costs.class.getRecordComponents().length).contains("irq_entry", "preempt_count_op");
    }

    @Test
    void shouldCompileFlatAndNestedLoopsAlike() {
        Program flat = compile("tasks: [{name: t, program: [{loop: 3}, {user: 1ms}, end_loop]}]\n").machine().tasks().get(0).program();
        Program nested = compile("tasks: [{name: t, program: [{loop: {times: 3, body: [{user: 1ms}]}}]}]\n").machine().tasks().get(0)
            .program();
        assertThat(flat.toString()).isEqualTo(nested.toString());
        assertThat(flat.op(0)).isEqualTo(Op.LOOP);
        assertThat(flat.a(0)).isEqualTo(3);
    }

    @Test
    void shouldRecordTheFileAndLineOfEveryStepAsItsOrigin() {
        Program p = compile("tasks:\n  - name: t\n    program:\n      - user: 1ms\n      - syscall: 1\n      - kernel: 5us\n"
            + "      - sysret\n").machine().tasks().get(0).program();
        assertThat(p.origin(0)).isEqualTo("t.yaml:4");
        assertThat(p.origin(2)).isEqualTo("t.yaml:6");
        assertThat(p.describe(2)).isEqualTo("step 2 kernel (t.yaml:6)");
    }

    @Test
    void shouldMapLockFlavoursToTheKernelsOperands() {
        Program p = compile("locks: [{name: r, kind: raw_spinlock}, s]\ntasks:\n  - name: t\n    kthread: true\n    program:\n"
            + "      - raw_spin_lock_irqsave: r\n      - spin_lock_bh: s\n      - spin_unlock_bh: s\n"
            + "      - raw_spin_unlock_irqrestore: r\n").machine().tasks().get(0).program();
        assertThat(p.op(0)).isEqualTo(Op.SPIN_LOCK);
        assertThat(p.c(0)).isEqualTo(0);
        assertThat(p.d(0)).isEqualTo(Op.LOCK_IRQSAVE);
        assertThat(p.d(1)).isEqualTo(Op.LOCK_BH);
        assertThat(p.c(1)).isEqualTo(1);
        assertThat(p.op(3)).isEqualTo(Op.SPIN_UNLOCK);
    }

    @Test
    void shouldRejectUnknownKeyWithLineAndColumn() {
        assertThatThrownBy(() -> read("cpus: 2\ntasks:\n  - name: t\n    nicee: 3\n    program: [{user: 1ms}]\n"))
            .isInstanceOfSatisfying(ScenarioError.class, e -> {
                assertThat(e.where()).isEqualTo(new Where("t.yaml", 4, 5, "tasks[0].nicee"));
                assertThat(e.problem()).isEqualTo("unknown key 'nicee' in a task");
                assertThat(e.hint()).startsWith("did you mean 'nice'?");
            });
    }

    @Test
    void shouldPointAtTheWorkloadParameterThatIsWrong() {
        assertThatThrownBy(() -> compile("cpus: 2\nworkloads:\n  - hackbench: {groups: 0}\n"))
            .hasMessage("t.yaml:3:25: error: must be between 1 and 1000, got 0 (at workloads[0].hackbench.groups)");
    }
}
