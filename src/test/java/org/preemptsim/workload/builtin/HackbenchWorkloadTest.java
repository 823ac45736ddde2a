package org.preemptsim.workload.builtin;

import org.junit.jupiter.api.Test;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.workload.Program;
import org.preemptsim.workload.scenario.CompiledScenario;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HackbenchWorkloadTest {

    private static long time(int groups, int loops, String model) {
        CompiledScenario cs = Runs.compile("cpus: 2\nduration: 1s\nworkloads:\n  - hackbench: {groups: " + groups + ", fds: 4, loops: "
            + loops + "}\n");
        RunResult r = Runs.run(cs, model);
        RunResult.WorkloadResult f = Runs.figures(cs, r, "hackbench");
        assertThat(f.figures().get("receivers_done")).isEqualTo(f.figures().get("receivers"));
        assertThat(f.figures().get("messages")).isEqualTo((long) groups * 4 * 4 * loops);
        return f.figures().get("time_ns");
    }

    @Test
    void shouldTakeLongerWithMoreGroups() {
        long one = time(1, 10, "voluntary");
        long two = time(2, 10, "voluntary");
        long four = time(4, 10, "voluntary");
        assertThat(two).isGreaterThan(one);
        assertThat(four).isGreaterThan(two);
    }

    @Test
    void shouldTakeLongerWithMoreLoops() {
        long five = time(2, 5, "full");
        long ten = time(2, 10, "full");
        long twenty = time(2, 20, "full");
        assertThat(ten).isGreaterThan(five);
        assertThat(twenty).isGreaterThan(ten);
    }

    @Test
    void shouldContendOnTheReceiversSocketLocksAcrossCpus() {
        CompiledScenario cs = Runs.compile("cpus: 4\nduration: 1s\nworkloads:\n  - hackbench: {groups: 1, fds: 4, loops: 10}\n");
        assertThat(cs.machine().locks()).hasSize(8);
        assertThat(cs.machine().locks().get(0).name()).isEqualTo("hackbench/0/sock0/sk_receive_queue.lock");
        assertThat(cs.machine().tasks()).hasSize(8);
        RunResult r = Runs.run(cs, "lazy");
        assertThat(Runs.task(r, "hackbench/0/r0").response().jobs()).isEqualTo(1);
    }

    @Test
    void shouldReportNotFinishedWhenTheDurationIsTooShort() {
        CompiledScenario cs = Runs.compile("cpus: 1\nduration: 100us\nworkloads:\n  - hackbench: {groups: 1, fds: 4, loops: 50}\n");
        RunResult r = Runs.run(cs, "full");
        RunResult.WorkloadResult f = Runs.figures(cs, r, "hackbench");
        assertThat(f.figures()).doesNotContainKey("time_ns");
        StringBuilder sb = new StringBuilder();
        cs.reports().get(0).render(r, sb);
        assertThat(sb).contains("Time: not finished within the simulated duration");
    }

    /**
     * The senders of a group run the same code, so they share one immutable program (a task's
     * position and samplers live in the task): with a copy each, a group's memory grew with fds²
     * (fds senders, each with 10 steps per receiver). Receivers differ (each waits on its own socket).
     */
    @Test
    void shouldShareOneProgramAmongTheSendersOfAGroup() {
        CompiledScenario cs = Runs.compile("cpus: 2\nduration: 1ms\nworkloads:\n  - hackbench: {groups: 2, fds: 3, loops: 1}\n");
        Map<String, Program> prog = new HashMap<>();
        for (TaskSpec t : cs.machine().tasks()) {
            prog.put(t.name(), t.program());
        }
        assertThat(prog.get("hackbench/0/s1")).isSameAs(prog.get("hackbench/0/s0"));
        assertThat(prog.get("hackbench/0/s2")).isSameAs(prog.get("hackbench/0/s0"));
        assertThat(prog.get("hackbench/1/s0")).isNotSameAs(prog.get("hackbench/0/s0"));
        assertThat(prog.get("hackbench/0/r1")).isNotSameAs(prog.get("hackbench/0/r0"));
    }
}
