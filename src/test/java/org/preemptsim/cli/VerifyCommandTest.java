package org.preemptsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/preemptsim verify: the report, the exit codes, the builds without preempt events, bad input. */
class VerifyCommandTest {

    @TempDir
    Path dir;

    static java.util.List<Path> examples() throws IOException {
        return CommandsTest.examples();
    }

    /** Every example under all its models satisfies every monitor but wwnr (kernel-bug.yaml stops with its bug). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void shouldFindNoViolationInAnyExample(Path example) {
        boolean buggy = example.getFileName().toString().equals("kernel-bug.yaml");

        Cli.Result r = Cli.exec("verify", example.toString(), "--duration", "100ms", "--jobs", "2");

        assertThat(r.code()).as(r.out()).isEqualTo(buggy ? 1 : 0);
        assertThat(r.out()).doesNotContain("\nviolations:\n");
    }

    @Test
    void shouldReportEveryMonitorPerModelAndShowTheExpectedWwnrRace() {
        Cli.Result r = Cli.exec("verify", "examples/rv.yaml", "--models", "full,rt", "--jobs", "2");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("scenario rv, kernel 6.18, seed 1, 100ms, 2 CPUs\n\nmodel full (PREEMPT_DYNAMIC, preempt=full)\n"
            + "  monitor kind        starts      events  violations\n");
        assertThat(r.out()).contains("model rt (PREEMPT_RT, preempt=full)");
        for (String m : new String[] {"wip", "wwnr", "sco", "snroc", "scpd", "snep", "sncid", "tss", "sts", "nrp", "sssw", "opid"}) {
            assertThat(r.out()).containsPattern("\n  " + m + " +per-(cpu|task) +[1-9]\\d* +[1-9]\\d* +\\d+");
        }
        assertThat(r.out()).containsPattern("\n  wwnr +per-task +\\d+ +\\d+ +[1-9]\\d*  expected: wwnr is wrong on purpose upstream, not a failure")
            .contains("rv: monitor wwnr does not allow event wakeup on state running")
            .contains("task waiter-1000")
            .contains("[001] wakeup: running -> INVALID")
            .endsWith("verdict: ok, no violation (wwnr's expected reports aside)\n");
    }

    /** A driver calling schedule() inside local_irq_disable(): the real simulated kernel lets it, sts and sncid do not. */
    @Test
    void shouldExitOneAndShowTheEventsWhenAMonitorCatchesABuggyDriver() throws IOException {
        Path bad = dir.resolve("irqs-off-schedule.yaml");
        Files.writeString(bad, String.join("\n",
            "cpus: 1",
            "duration: 20ms",
            "models: [full]",
            "tasks:",
            "  - name: driver",
            "    kthread: true",
            "    program:",
            "      - loop:",
            "          body:",
            "            - kernel: 50us",
            "            - local_irq_disable",
            "            - schedule",
            "            - local_irq_enable",
            "            - sleep: 1ms",
            ""));

        Cli.Result r = Cli.exec("verify", bad.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("\nviolations:\n")
            .contains("[full] rv: monitor sncid does not allow event schedule_entry on state cant_sched")
            .contains("[full] rv: monitor sts does not allow event schedule_entry on state cant_sched")
            .contains("irq_disable: can_sched -> cant_sched")
            .endsWith("verdict: FAILED: violations in 1 of 1 models\n");
    }

    @Test
    void shouldNotBuildThePreemptEventMonitorsOnStaticNoneAndVoluntary() throws IOException {
        Path s = dir.resolve("static.yaml");
        Files.writeString(s, String.join("\n",
            "build: static",
            "models: [none, voluntary, full]",
            "duration: 20ms",
            "workloads:",
            "  - cyclictest: {interval: 500us}",
            ""));

        Cli.Result r = Cli.exec("verify", s.toString());

        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("model none (static PREEMPT_NONE)")
            .contains("  not built: wip, scpd, snep (no preempt_disable/enable tracepoints without CONFIG_PREEMPTION)")
            .contains("model full (static PREEMPT)");
        String full = r.out().substring(r.out().indexOf("model full"));
        assertThat(full).contains("  wip ").doesNotContain("not built");
    }

    @Test
    void shouldExitOneOnAKernelBug() {
        Cli.Result r = Cli.exec("verify", "examples/kernel-bug.yaml", "--models", "full");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("model full (PREEMPT_DYNAMIC, preempt=full): stopped by a kernel bug: BUG: scheduling while atomic")
            .endsWith("verdict: FAILED: a kernel bug in 1 of 1 models\n");
        assertThat(r.err()).contains("model full: the simulated kernel reported a bug:");
    }

    @Test
    void shouldRunOnlyTheMonitorsAsked() {
        Cli.Result r = Cli.exec("verify", "examples/periodic.yaml", "--monitors", "opid,sts");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\n  sts +per-cpu").containsPattern("\n  opid +per-cpu")
            .doesNotContain("  wip ").doesNotContain("  nrp ");
        assertThat(r.out().indexOf("  sts ")).isLessThan(r.out().indexOf("  opid "));
    }

    @Test
    void shouldRefuseBadInput() {
        Cli.Result m = Cli.exec("verify", "examples/rv.yaml", "--monitors", "wip,rtapp");
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).isEqualTo("preemptsim verify: --monitors: unknown monitor 'rtapp' (wip, wwnr, sco, snroc, scpd, snep, "
            + "sncid, tss, sts, nrp, sssw, opid)\n");
        assertThat(m.out()).isEmpty();

        Cli.Result d = Cli.exec("verify", "examples/rv.yaml", "--monitors", "sts,sts");
        assertThat(d.err()).isEqualTo("preemptsim verify: --monitors: sts is listed twice\n");

        Cli.Result k = Cli.exec("verify", "examples/costs.yaml", "--models", "lazy");
        assertThat(k.code()).isEqualTo(2);
        assertThat(k.err()).isEqualTo("preemptsim verify: --models lazy: kernel 6.12 cannot run it: the lazy model arrived in 6.13; "
            + "kernel 6.12 refuses preempt=lazy\n");

        assertThat(Cli.exec("verify", "no/such.yaml").err()).isEqualTo("no/such.yaml: error: no such scenario file\n");
        assertThat(Cli.exec("verify", "examples/rv.yaml", "--jobs", "0").code()).isEqualTo(2);
    }
}
