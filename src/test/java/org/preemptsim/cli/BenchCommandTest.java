package org.preemptsim.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** bench end to end on a tiny run: the figures are printed (their values are wall-clock: never asserted). */
class BenchCommandTest {

    @Test
    void shouldPrintEveryFigureForEachModelAndTheBareHeapRatio() {
        Cli.Result r = Cli.exec("bench", "--models", "none,rt", "--duration", "5ms", "--warmup", "0", "--replay-ops", "20000");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("8 CPUs, HZ=1000").contains("Mevents/s").contains("sim/wall").contains("bytes/event")
            .contains("peak MB").contains("machine/heap").contains("targets:");
        assertThat(r.out().lines().filter(l -> l.startsWith("none ") || l.startsWith("rt ")).count()).isEqualTo(4);
    }

    @Test
    void shouldResizeCpusAndTasks() {
        Cli.Result r = Cli.exec("bench", "--models", "full", "--duration", "2ms", "--warmup", "0", "--replay-ops", "0",
            "--cpus", "2", "--tasks", "100");

        assertThat(r.code()).as(r.err()).isZero();
        // 5 hackbench groups of 20, and cyclictest's one thread per CPU
        assertThat(r.out()).contains("2 CPUs, HZ=1000, 102 tasks");
    }

    @Test
    void shouldRefuseBadSizes() {
        Cli.Result r = Cli.exec("bench", "--cpus", "0");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--cpus must be 1..256, got 0");
    }

    /**
     * --against with this very build as the other side (its classes and libraries from the test class
     * path, in a class loader of their own): both simulate the same thing, so every model pops the
     * same events, and the table has a row per model and one for all.
     */
    @Test
    void shouldCompareTwoBuildsRunInTheirOwnClassLoaders() throws Exception {
        List<URL> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.endsWith("test-classes")) {
                cp.add(Path.of(e).toUri().toURL());
            }
        }
        StringWriter sw = new StringWriter();
        boolean same = PairedBench.run(new PrintWriter(sw, true), "same build", cp.toArray(new URL[0]),
            Path.of("examples/cyclictest.yaml"), 3L, 5_000_000L, 0, List.of("none", "rt"), 2);

        assertThat(same).as(sw.toString()).isTrue();
        assertThat(sw.toString()).contains("paired: this build against same build, 2 rounds, models none,rt")
            .doesNotContain("note:");
        assertThat(sw.toString().lines().filter(l -> l.matches("(none|rt|all) .*\\d\\.\\d{3}$")).count()).isEqualTo(3);
    }

    @Test
    void shouldRefuseAgainstWithResizingOrAMissingJar() {
        Cli.Result resized = Cli.exec("bench", "--against", "pom.xml", "--cpus", "2");
        Cli.Result missing = Cli.exec("bench", "--against", "no/such.jar");

        assertThat(resized.code()).isEqualTo(2);
        assertThat(resized.err()).contains("--against compares the scenario as written; --cpus and --tasks do not apply to it");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--against: no/such.jar: no such file");
    }

    /** A jar that is not preemptsim (a library from the class path): a clear refusal, not a stack trace. */
    @Test
    void shouldRefuseAJarThatIsNotPreemptsim() {
        String lib = null;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.contains("HdrHistogram") && e.endsWith(".jar")) {
                lib = e;
            }
        }
        assertThat(lib).as("HdrHistogram on the test class path").isNotNull();

        Cli.Result r = Cli.exec("bench", "examples/cyclictest.yaml", "--against", lib, "--models", "none", "--duration", "1ms",
            "--warmup", "0", "--rounds", "1");

        assertThat(r.code()).as(r.out()).isEqualTo(2);
        assertThat(r.err()).contains("is not a preemptsim build with the bench command's API")
            .contains("ClassNotFoundException: org.preemptsim.workload.scenario.ScenarioReader");
    }
}
