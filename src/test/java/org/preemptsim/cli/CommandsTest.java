package org.preemptsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.preemptsim.workload.scenario.CompiledScenario;
import org.preemptsim.workload.scenario.ScenarioCompiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command end to end, in-process, on every example scenario. */
class CommandsTest {

    static final Path EXAMPLES = Path.of("examples");
    /** default.yaml is the built-in scenario (2 s); the tests run it shorter. */
    static final String SHORT = "100ms";

    static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).sorted()
                .collect(Collectors.toList());
        }
    }

    private static boolean buggy(Path p) {
        return p.getFileName().toString().equals("kernel-bug.yaml");
    }

    private static String[] withDuration(Path p, String... args) {
        if (!p.getFileName().toString().equals("default.yaml")) {
            return args;
        }
        String[] a = java.util.Arrays.copyOf(args, args.length + 2);
        a[args.length] = "--duration";
        a[args.length + 1] = SHORT;
        return a;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void shouldKeepEveryExampleShort(Path example) {
        CompiledScenario cs = ScenarioCompiler.load(example);
        if (!example.getFileName().toString().equals("default.yaml")) {
            assertThat(cs.machine().durationNs()).isLessThanOrEqualTo(200_000_000L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void shouldRunEveryExampleUnderItsFirstModel(Path example, @TempDir Path dir) throws IOException {
        CompiledScenario cs = ScenarioCompiler.load(example);
        String model = cs.models().get(0).name();
        Path json = dir.resolve("r.json");
        Path csv = dir.resolve("r.csv");

        Cli.Result r = Cli.exec(withDuration(example, "run", example.toString(), "--model", model, "--json", json.toString(),
            "--csv", csv.toString()));

        assertThat(r.code()).as(r.err()).isEqualTo(buggy(example) ? 1 : 0);
        assertThat(r.out()).contains("scenario " + cs.machine().name()).contains(model);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("runs")).hasSize(1);
        assertThat(doc.get("runs").get(0).get("model").asText()).isEqualTo(model);
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo(org.preemptsim.report.CsvReport.HEADER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void shouldCompareEveryExampleUnderAllItsModels(Path example, @TempDir Path dir) throws IOException {
        CompiledScenario cs = ScenarioCompiler.load(example);
        Path json = dir.resolve("r.json");
        Path csv = dir.resolve("r.csv");

        Cli.Result r = Cli.exec(withDuration(example, "compare", example.toString(), "--jobs", "2", "--json", json.toString(),
            "--csv", csv.toString()));

        assertThat(r.code()).as(r.err()).isEqualTo(buggy(example) ? 1 : 0);
        JsonNode runs = new ObjectMapper().readTree(json.toFile()).get("runs");
        assertThat(runs).hasSize(cs.models().size());
        for (int i = 0; i < runs.size(); i++) {
            assertThat(runs.get(i).get("model").asText()).isEqualTo(cs.models().get(i).name());
        }
        List<String> rows = Files.readAllLines(csv);
        // a row per model and measured task; a model stopped by a bug has one row
        assertThat(rows.size()).isGreaterThanOrEqualTo(1 + (hasMeasured(cs) || buggy(example) ? cs.models().size() : 0));
    }

    private static boolean hasMeasured(CompiledScenario cs) {
        for (var t : cs.machine().tasks()) {
            if (t.measured()) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void shouldExplainEveryExample(Path example) {
        CompiledScenario cs = ScenarioCompiler.load(example);

        Cli.Result r = Cli.exec("explain", example.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("scenario " + cs.machine().name()).contains("per model:")
            .contains("preemption points live: return_to_user");
        for (var t : cs.machine().tasks()) {
            assertThat(r.out()).contains(t.name());
        }
        for (var m : cs.models()) {
            assertThat(r.out()).contains("  " + m.name() + " ");
        }
    }

    @Test
    void shouldExplainLivePreemptionPointsAndLocksSleepingOnRt() {
        Cli.Result r = Cli.exec("explain", "examples/locks.yaml");

        assertThat(r.out())
            .contains("none      PREEMPT_DYNAMIC, preempt=none\n"
                + "            preemption points live: return_to_user, cond_resched; not live: irq_exit, preempt_enable, might_resched")
            .contains("voluntary PREEMPT_DYNAMIC, preempt=voluntary\n"
                + "            preemption points live: return_to_user, cond_resched, might_resched; not live: irq_exit, preempt_enable")
            .contains("full      PREEMPT_DYNAMIC, preempt=full\n"
                + "            preemption points live: return_to_user, irq_exit, preempt_enable; not live: cond_resched, might_resched")
            .contains("sleep on PREEMPT_RT: dev_lock, list_lock")
            .contains("still spin on PREEMPT_RT: rq_lock")
            .contains("  dev_lock  spinlock_t\n"
                + "      none, voluntary, full, lazy: spins, preemption off\n"
                + "      rt: sleeping rtlock (rt_mutex) with PI; the holder stays preemptible, migration off\n")
            .contains("  rq_lock  raw_spinlock_t\n      none, voluntary, full, lazy, rt: spins, preemption off\n")
            .doesNotContain("not modelled yet");
    }

    @Test
    void shouldListEveryBuiltInWorkloadWithItsParameters() {
        Cli.Result r = Cli.exec("workloads");

        assertThat(r.code()).isZero();
        for (String w : List.of("cyclictest", "timerlat", "hackbench", "kernel-loop", "irq-load", "kbuild", "cpu-hog", "periodic")) {
            assertThat(r.out()).contains(w + " - ");
        }
        assertThat(r.out()).contains("interval").contains("distance").contains("groups").contains("datasize")
            .contains("cond_resched_every").contains("assignment");
    }

    @Test
    void shouldPrintHelpWithoutArguments() {
        Cli.Result r = Cli.exec();

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: preemptsim").contains("run").contains("compare").contains("workloads")
            .contains("explain").contains("trace").contains("verify");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "compare", "trace", "verify", "workloads", "explain"})
    void shouldShowAnExampleInEveryCommandsHelp(String command) {
        Cli.Result r = Cli.exec(command, "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Example").contains("bin/preemptsim " + command);
    }

    @Test
    void shouldRefuseRunOfSeveralModelsWithoutModelAndWriteNothing(@TempDir Path dir) {
        Path json = dir.resolve("r.json");

        Cli.Result r = Cli.exec("run", "examples/cyclictest.yaml", "--json", json.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("preemptsim run: examples/cyclictest.yaml lists 3 models (none, full, rt); run takes one: "
            + "pick it with --model, or use 'preemptsim compare' for all of them\n");
        assertThat(json).doesNotExist();
    }

    @Test
    void shouldRunTheScenariosOnlyModelWithoutModelOption() {
        Cli.Result r = Cli.exec("run", "examples/periodic.yaml");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("full ").contains("tau3");
    }

    @Test
    void shouldRefuseAModelTheKernelRefusesOnTheCommandLine(@TempDir Path dir) {
        Path csv = dir.resolve("r.csv");

        Cli.Result r = Cli.exec("run", "examples/costs.yaml", "--model", "lazy", "--csv", csv.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("preemptsim run: --model lazy: kernel 6.12 cannot run it: the lazy model arrived in 6.13; "
            + "kernel 6.12 refuses preempt=lazy\n");
        assertThat(csv).doesNotExist();
    }

    @Test
    void shouldRefuseBadDurationAndUnknownModels() {
        assertThat(Cli.exec("run", "examples/periodic.yaml", "--duration", "1.5").err())
            .isEqualTo("preemptsim run: --duration: '1.5' is not a duration (write e.g. 500ns, 200us, 1.5ms, 3s)\n");
        assertThat(Cli.exec("run", "examples/periodic.yaml", "--duration", "0ms").err())
            .isEqualTo("preemptsim run: --duration must be positive, got 0ms\n");
        Cli.Result r = Cli.exec("compare", "--models", "none,preempt", "--duration", "10ms");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("preemptsim compare: --models: unknown model 'preempt' (none, voluntary, full, lazy, rt, rt-lazy)\n");
        assertThat(Cli.exec("run", "no/such/file.yaml").err()).isEqualTo("no/such/file.yaml: error: no such scenario file\n");
    }

    /** run, trace and verify share ScenarioOptions: the same check, before the file is read. */
    @ParameterizedTest
    @ValueSource(strings = {"run", "trace", "verify"})
    void shouldCheckTheDurationBeforeReadingTheFileInEveryScenarioCommand(String cmd) {
        Cli.Result r = cmd.equals("trace")
            ? Cli.exec(cmd, "no/such/file.yaml", "--duration", "0s", "-o", "unused.txt")
            : Cli.exec(cmd, "no/such/file.yaml", "--duration", "0s");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("preemptsim " + cmd + ": --duration must be positive, got 0s\n");
    }

    @Test
    void shouldWriteJsonAndExitOneWhenTheKernelReportsABug(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("bug.json");

        Cli.Result r = Cli.exec("compare", "examples/kernel-bug.yaml", "--json", json.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("BUG: scheduling while atomic: buggy-driver/1000/0x00000002")
            .contains("step: step 3 sleep (examples/kernel-bug.yaml:17)");
        JsonNode run = new ObjectMapper().readTree(json.toFile()).get("runs").get(0);
        assertThat(run.get("status").asText()).isEqualTo("BUG: scheduling while atomic: buggy-driver/1000/0x00000002");
        assertThat(run.has("latency")).isFalse();
        assertThat(run.get("bug").asText()).contains("examples/kernel-bug.yaml:17");
    }

    @Test
    void shouldCompareTheBuiltInScenarioWithExistingOptions(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("r.json");

        Cli.Result r = Cli.exec("compare", "--models", "none,rt", "--seed", "7", "--duration", "50ms", "--jobs", "1", "--json",
            json.toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("scenario default, kernel 6.18, seed 7, 50ms simulated");
        assertThat(new ObjectMapper().readTree(json.toFile()).get("runs")).hasSize(2);
    }
}
