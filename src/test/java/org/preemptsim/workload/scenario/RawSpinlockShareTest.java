package org.preemptsim.workload.scenario;

import org.junit.jupiter.api.Test;
import org.preemptsim.kernel.LockSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/raw-share.yaml at 0 %, 6 % and 100 % on rt. On PREEMPT_RT a spinlock_t is an rtlock:
 * its holder stays preemptible, so cyclictest (FIFO 95) preempts a kthread inside any of its
 * sections at once. A raw_spinlock_t section runs with preemption off on rt too, so cyclictest's
 * wakeup waits for the rest of the section it lands in: each lock made raw can only add to the
 * worst latency. At 6 % only rq_lock (5 us sections) is raw; at 100 % the drivers' 60 us sections are too.
 */
class RawSpinlockShareTest {

    private static final Path EXAMPLE = Path.of("examples/raw-share.yaml");

    private static CompiledScenario at(String share) throws IOException {
        String text = Files.readString(EXAMPLE);
        assertThat(text).contains("raw_spinlock_share: 6%\n");
        return ScenarioCompiler.compile(ScenarioReader.read(EXAMPLE.toString(), text.replace("raw_spinlock_share: 6%\n",
            "raw_spinlock_share: " + share + "\n")));
    }

    private static long rawLocks(CompiledScenario cs) {
        return cs.machine().locks().stream().filter(LockSpec::raw).count();
    }

    private static long maxLatencyOnRt(CompiledScenario cs) {
        RunResult r = Simulation.run(cs.machine(), Model.of("rt"), cs.measure());
        assertThat(r.ok()).as(r.bug()).isTrue();
        return r.latency().maxNs();
    }

    @Test
    void shouldMakeMoreLocksRawAndLatencyWorseOnRtAsTheShareGrows() throws IOException {
        CompiledScenario none = at("0%");
        CompiledScenario announced = at("6%");
        CompiledScenario all = at("100%");

        assertThat(rawLocks(none)).isZero();
        assertThat(rawLocks(announced)).isEqualTo(1); // round(6 % of 17) = 1: the first declared, rq_lock
        assertThat(announced.madeRaw()).containsExactly("rq_lock");
        assertThat(rawLocks(all)).isEqualTo(17);

        long l0 = maxLatencyOnRt(none);
        long l6 = maxLatencyOnRt(announced);
        long l100 = maxLatencyOnRt(all);
        assertThat(l0).isLessThanOrEqualTo(l6);
        assertThat(l6).isLessThanOrEqualTo(l100);
        // converting the drivers' locks is what buys rt its latency: well under one 60 us section
        assertThat(l100).isGreaterThan(50_000);
        assertThat(l6).isLessThan(20_000);
    }
}
