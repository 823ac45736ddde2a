package org.preemptsim.cli;

import org.junit.jupiter.api.Test;

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
}
