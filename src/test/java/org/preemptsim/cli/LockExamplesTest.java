package org.preemptsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.preemptsim.kernel.Model;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.workload.scenario.CompiledScenario;
import org.preemptsim.workload.scenario.ScenarioCompiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The lock examples behave as their comments and docs/scenario.md say; lockdep from the command line. */
class LockExamplesTest {

    private static RunResult run(String example, String model) {
        CompiledScenario cs = ScenarioCompiler.load(Path.of("examples", example));
        RunResult r = Simulation.run(cs.machine(), Model.of(model), cs.measure());
        assertThat(r.ok()).as(r.bug()).isTrue();
        return r;
    }

    private static long response(RunResult r, String task) {
        return r.tasks().stream().filter(t -> t.name().equals(task)).findFirst().orElseThrow().response().maxNs();
    }

    /**
     * locks-rt.yaml, one CPU, costs zero. low (FIFO 10) takes dev_mutex at 0 and needs 3 ms of
     * kernel work under it; high (FIFO 90) arrives at 1 ms and blocks on it; medium (FIFO 50, 30 ms
     * of user work) arrives at 1.5 ms. high's response (release to job_done) is:
     * <ul>
     * <li>full: high preempts low at 1 ms and blocks (no PI off RT); medium preempts low at 1.5 ms
     * and runs to 31.5 ms; low finishes its 1.5 ms left at 33 ms; high runs 100 us: 33.1 - 1 = 32.1 ms.</li>
     * <li>rt: high's block boosts low to 90, medium cannot preempt it; low unlocks at 3 ms, high
     * runs 100 us: 3.1 - 1 = 2.1 ms, the rest of low's section plus high's own work.</li>
     * <li>none: nothing preempts low in the kernel; high runs at low's sysret (3 ms), finds the
     * mutex free: 2.1 ms too.</li>
     * </ul>
     */
    @Test
    void shouldShowUnboundedInversionOnFullAndPiBoundingItOnRt() {
        assertThat(response(run("locks-rt.yaml", "full"), "high")).isEqualTo(32_100_000);
        RunResult rt = run("locks-rt.yaml", "rt");
        assertThat(response(rt, "high")).isEqualTo(2_100_000);
        assertThat(rt.locking().piBoosts()).isEqualTo(1);
        assertThat(response(run("locks-rt.yaml", "none"), "high")).isEqualTo(2_100_000);
    }

    @Test
    void shouldBoundTheRtReaderAndCyclictestLatencyOnRtOnly() {
        for (String example : new String[] {"seqlock.yaml", "rwlock.yaml"}) {
            long full = run(example, "full").latency().maxNs();
            long rt = run(example, "rt").latency().maxNs();
            assertThat(full).as(example).isGreaterThan(100_000);
            assertThat(rt).as(example).isLessThan(20_000);
        }
    }

    @Test
    void shouldExplainWhatEachLockIsOnEachModelsBuild() {
        assertThat(Cli.exec("explain", "examples/locks-rt.yaml").out())
            .contains("debug checks on, lockdep off\n")
            .contains("  dev_mutex  struct mutex\n"
                + "      none, full: sleeping mutex, FIFO waiters, spins while the owner runs, no PI\n"
                + "      rt: rt_mutex with PI\n")
            .contains("mutex_lock dev_mutex");
        assertThat(Cli.exec("explain", "examples/raw-share.yaml").out())
            .contains("  raw_spinlock_share 6%: 1 spinlock_t made raw (rq_lock), 16 stay spinlock_t\n")
            .contains("  rq_lock  raw_spinlock_t (declared spinlock_t, made raw by raw_spinlock_share)\n      full, rt: spins, preemption off\n")
            .contains("raw_spin_lock rq_lock");
        assertThat(Cli.exec("explain", "examples/rwlock.yaml").out())
            .contains("      rt: rwbase_rt: readers share; a writer holds an rt_mutex (PI) and sleeps until the readers leave\n")
            .contains("read_lock tasklist_lock").contains("write_unlock_irq tasklist_lock");
    }

    @Test
    void shouldTurnLockdepOnFromTheCommandLineOrTheScenario(@TempDir Path dir) throws IOException {
        String abba = "models: [full]\nduration: 5ms\nlocks: [a_lock, b_lock]\ntasks:\n  - name: t\n    kthread: true\n"
            + "    program: [{spin_lock: a_lock}, {spin_lock: b_lock}, {kernel: 1us}, {spin_unlock: b_lock}, {spin_unlock: a_lock},\n"
            + "              {spin_lock: b_lock}, {spin_lock: a_lock}, {kernel: 1us}, {spin_unlock: a_lock}, {spin_unlock: b_lock}]\n";
        Path file = dir.resolve("abba.yaml");
        Files.writeString(file, abba);
        Path keyed = dir.resolve("abba-lockdep.yaml");
        Files.writeString(keyed, "lockdep: true\n" + abba);

        assertThat(Cli.exec("run", file.toString()).code()).isZero();
        for (String cmd : new String[] {"run", "compare"}) {
            Cli.Result r = Cli.exec(cmd, file.toString(), "--lockdep");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("WARNING: possible circular locking dependency detected")
                .contains("abba.yaml:7");
        }
        assertThat(Cli.exec("trace", file.toString(), "--lockdep", "-o", dir.resolve("t.txt").toString()).code()).isEqualTo(1);
        assertThat(Cli.exec("verify", file.toString(), "--lockdep").code()).isEqualTo(1);
        assertThat(Cli.exec("run", keyed.toString()).err()).contains("possible circular locking dependency");
    }
}
