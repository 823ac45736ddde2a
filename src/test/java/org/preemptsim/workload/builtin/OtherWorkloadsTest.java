package org.preemptsim.workload.builtin;

import org.junit.jupiter.api.Test;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.workload.scenario.CompiledScenario;

import static org.assertj.core.api.Assertions.assertThat;

class OtherWorkloadsTest {

    /** A 10 ms kernel loop without cond_resched() delays cyclictest by up to the loop under none; full preempts at once. */
    @Test
    void shouldShowKernelLoopsWithoutCondReschedOnlyUnderNonPreemptibleModels() {
        CompiledScenario cs = Runs.compile("cpus: 1\nduration: 60ms\nworkloads:\n  - kernel-loop: {length: 10ms, gap: 2ms}\n"
            + "  - cyclictest: {interval: 1ms}\n");
        long none = Runs.run(cs, "none").latency().maxNs();
        long full = Runs.run(cs, "full").latency().maxNs();
        assertThat(none).isGreaterThan(1_000_000);
        assertThat(full).isLessThan(100_000);
    }

    @Test
    void shouldBoundTheDelayByTheCondReschedCadenceUnderVoluntary() {
        CompiledScenario cs = Runs.compile("cpus: 1\nduration: 60ms\nworkloads:\n"
            + "  - kernel-loop: {length: 10ms, cond_resched_every: 200us, gap: 2ms}\n  - cyclictest: {interval: 1ms}\n");
        long voluntary = Runs.run(cs, "voluntary").latency().maxNs();
        assertThat(voluntary).isLessThan(300_000);
    }

    @Test
    void shouldCreateOneIrqLinePerCpuWithNetRxWork() {
        CompiledScenario cs = Runs.compile("cpus: 4\nduration: 20ms\nworkloads:\n  - irq-load: {cpus: \"1-3\"}\n  - cpu-hog: {threads: 1}\n");
        assertThat(cs.machine().irqs()).hasSize(3);
        assertThat(cs.machine().irqs().get(0).name()).isEqualTo("eth0-rx-1");
        assertThat(cs.machine().irqs().get(2).irq()).isEqualTo(26);
        RunResult r = Runs.run(cs, "full");
        assertThat(r.counters().hardirqs()).isPositive();
        assertThat(r.throughput().cpuTimeNs().get("softirq")).isPositive();
    }

    @Test
    void shouldReleaseKbuildProcessesOverTimeAndReportTheMakespan() {
        CompiledScenario cs = Runs.compile("cpus: 2\nduration: 200ms\nworkloads:\n"
            + "  - kbuild: {jobs: 2, processes: 6, spawn_every: 10ms, syscalls: 5}\n");
        assertThat(cs.machine().tasks()).hasSize(6);
        assertThat(cs.machine().tasks().get(0).releaseNs()).isZero();
        assertThat(cs.machine().tasks().get(1).releaseNs()).isEqualTo(5_000_000);
        assertThat(cs.machine().tasks().get(2).releaseNs()).isEqualTo(10_000_000);
        RunResult r = Runs.run(cs, "lazy");
        RunResult.WorkloadResult f = Runs.figures(cs, r, "kbuild");
        assertThat(f.figures()).containsEntry("completed", 6L);
        assertThat(f.figures().get("makespan_ns")).isGreaterThan(20_000_000L);
    }

    @Test
    void shouldSpinCpuHogsInUserSpaceOnly() {
        CompiledScenario cs = Runs.compile("cpus: 2\nduration: 20ms\nworkloads: [cpu-hog]\n");
        RunResult r = Runs.run(cs, "none");
        assertThat(r.throughput().cpuTimeNs().get("user")).isGreaterThan(39_000_000L);
        assertThat(r.tasks()).hasSize(2);
    }
}
