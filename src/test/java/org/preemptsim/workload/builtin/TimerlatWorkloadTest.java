package org.preemptsim.workload.builtin;

import org.junit.jupiter.api.Test;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.workload.scenario.CompiledScenario;

import static org.assertj.core.api.Assertions.assertThat;

class TimerlatWorkloadTest {

    @Test
    void shouldReportIrqLatencyAndThreadLatencySeparatelyPerCpu() {
        CompiledScenario cs = Runs.compile("cpus: 2\nduration: 50ms\nworkloads:\n  - timerlat: {period: 1ms}\n"
            + "  - irq-load: {cpus: \"0-1\"}\n");
        RunResult r = Runs.run(cs, "full");
        for (int c = 0; c < 2; c++) {
            RunResult.TaskResult t = Runs.task(r, "timerlat/" + c);
            assertThat(t.cpu()).isEqualTo(c);
            // one IRQ sample and one thread sample per activation (the expiry at exactly 50 ms is handled after the end)
            assertThat(t.irqLatency().samples()).isEqualTo(t.latency().samples()).isEqualTo(49);
            // The thread runs after its timer's IRQ: its latency includes the IRQ latency.
            assertThat(t.latency().minNs()).isGreaterThan(t.irqLatency().minNs());
            assertThat(t.latency().maxNs()).isGreaterThanOrEqualTo(t.irqLatency().maxNs());
        }
        StringBuilder sb = new StringBuilder();
        cs.reports().get(0).render(r, sb);
        assertThat(sb).contains("IRQ timer latency").contains("thread timer latency");
    }

    @Test
    void shouldRunKernelThreadsUnlessUserIsSet() {
        assertThat(Runs.compile("cpus: 1\nworkloads: [timerlat]\n").machine().tasks().get(0).kthread()).isTrue();
        assertThat(Runs.compile("cpus: 1\nworkloads: [{timerlat: {user: true}}]\n").machine().tasks().get(0).kthread()).isFalse();
    }
}
