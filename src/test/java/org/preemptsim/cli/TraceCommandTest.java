package org.preemptsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/preemptsim trace: formats, filters, results unchanged by tracing, bad input. */
class TraceCommandTest {

    static final String SCENARIO = "examples/irq-load.yaml";

    @TempDir
    Path dir;

    private static List<String> body(Path ftrace) throws IOException {
        return Files.readAllLines(ftrace).stream().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void shouldWriteTheFtraceTextOfTheRun() throws IOException {
        Path out = dir.resolve("trace.txt");

        Cli.Result r = Cli.exec("trace", SCENARIO, "--model", "full", "-o", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("# tracer: nop");
        assertThat(lines).anyMatch(l -> l.contains(": sched_switch: prev_comm="))
            .anyMatch(l -> l.contains(": irq_handler_entry: irq="))
            .anyMatch(l -> l.contains(": softirq_entry: vec="));
        assertThat(r.out()).isEqualTo("trace " + SCENARIO + " --model full: " + body(out).size() + " events written to " + out
            + " (ftrace text)\n");
    }

    @Test
    void shouldWriteATraceDatFile() throws IOException {
        Path out = dir.resolve("trace.dat");

        Cli.Result r = Cli.exec("trace", SCENARIO, "--model", "rt", "--format", "dat", "-o", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        byte[] head = Arrays.copyOf(Files.readAllBytes(out), 10);
        // trace-cmd's magic: 0x17 0x08 0x44 "tracing"
        assertThat(head).isEqualTo(new byte[] {0x17, 0x08, 0x44, 't', 'r', 'a', 'c', 'i', 'n', 'g'});
    }

    @Test
    void shouldWriteParsablePerfettoJson() throws IOException {
        Path out = dir.resolve("trace.json");

        Cli.Result r = Cli.exec("trace", SCENARIO, "--model", "none", "--format", "perfetto", "-o", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertThat(doc.get("traceEvents").size()).isGreaterThan(100);
    }

    @Test
    void shouldKeepOnlyTheWindowCpusAndEventsAsked() throws IOException {
        Path out = dir.resolve("trace.txt");

        Cli.Result r = Cli.exec("trace", SCENARIO, "--model", "full", "-o", out.toString(), "--from", "20ms", "--to", "30ms",
            "--cpus", "1", "--events", "sched_switch,irq");

        assertThat(r.code()).as(r.err()).isZero();
        Pattern line = Pattern.compile(".*\\[(\\d{3})\\] .{5} +(\\d+)\\.(\\d{6}): (\\w+):.*");
        List<String> lines = body(out);
        assertThat(lines).isNotEmpty();
        for (String l : lines) {
            Matcher m = line.matcher(l);
            assertThat(m.matches()).as(l).isTrue();
            assertThat(m.group(1)).isEqualTo("001");
            long us = Long.parseLong(m.group(2)) * 1_000_000 + Long.parseLong(m.group(3));
            assertThat(us).isBetween(20_000L, 30_000L);
            assertThat(m.group(4)).isIn("sched_switch", "irq_handler_entry", "irq_handler_exit", "softirq_raise",
                "softirq_entry", "softirq_exit");
        }
        assertThat(lines).anyMatch(l -> l.contains("sched_switch")).anyMatch(l -> l.contains("softirq_entry"));
    }

    /** The CLI-level check that tracing changes no result: trace --json equals run --json, byte for byte. */
    @ParameterizedTest
    @ValueSource(strings = {"ftrace", "dat", "perfetto"})
    void shouldLeaveTheResultsJsonByteIdenticalToAnUntracedRun(String format) throws IOException {
        Path untraced = dir.resolve("run.json");
        Path traced = dir.resolve("trace.json");
        assertThat(Cli.exec("run", "examples/hackbench.yaml", "--model", "lazy", "--json", untraced.toString()).code()).isZero();

        Cli.Result r = Cli.exec("trace", "examples/hackbench.yaml", "--model", "lazy", "--format", format,
            "-o", dir.resolve("t").toString(), "--json", traced.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(traced)).isEqualTo(Files.readString(untraced));
    }

    @Test
    void shouldWriteTheTraceUpToAKernelBugAndExitOne() throws IOException {
        Path out = dir.resolve("bug.txt");

        Cli.Result r = Cli.exec("trace", "examples/kernel-bug.yaml", "--model", "full", "-o", out.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("model full: the simulated kernel reported a bug:").contains("BUG: scheduling while atomic");
        assertThat(body(out)).isNotEmpty();
    }

    @Test
    void shouldTakeTheScenariosOnlyModel() {
        Cli.Result r = Cli.exec("trace", "examples/periodic.yaml", "-o", dir.resolve("p.txt").toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("trace examples/periodic.yaml --model full: ");
    }

    private void assertBadInput(String expectedErr, String... args) {
        Path out = dir.resolve("never.txt");
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "-o";
        all[args.length + 1] = out.toString();

        Cli.Result r = Cli.exec(all);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(expectedErr + "\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void shouldRefuseBadInputWithOneErrorAndWriteNothing() throws IOException {
        assertBadInput("preemptsim trace: examples/cyclictest.yaml lists 3 models (none, full, rt); trace takes one: pick it with --model",
            "trace", "examples/cyclictest.yaml");
        assertBadInput("preemptsim trace: --model: unknown model 'preempt' (none, voluntary, full, lazy, rt, rt-lazy)",
            "trace", SCENARIO, "--model", "preempt");
        assertBadInput("preemptsim trace: --format: 'svg' is not a trace format (ftrace, dat, perfetto)",
            "trace", SCENARIO, "--model", "full", "--format", "svg");
        assertBadInput("preemptsim trace: --cpus: CPU 7 does not exist: the machine has CPUs 0-1",
            "trace", SCENARIO, "--model", "full", "--cpus", "0,7");
        assertBadInput("preemptsim trace: --cpus: '1-' is not a CPU list (write CPUs as 0-3,6)",
            "trace", SCENARIO, "--model", "full", "--cpus", "1-");
        assertBadInput("preemptsim trace: --events: unknown event 'sched_entry' (a bare tracepoint: never printed, only RV "
                + "monitors see it); systems: sched, irq, irq_vectors, preemptirq; events: e.g. sched_switch, irq:softirq_entry",
            "trace", SCENARIO, "--model", "full", "--events", "sched,sched_entry");
        assertBadInput("preemptsim trace: --from: '5' is not a duration (write e.g. 500ns, 200us, 1.5ms, 3s)",
            "trace", SCENARIO, "--model", "full", "--from", "5");
        assertBadInput("preemptsim trace: the window --from 5ms --to 1ms is empty: it ends before it starts",
            "trace", SCENARIO, "--model", "full", "--from", "5ms", "--to", "1ms");
        assertBadInput("preemptsim trace: --from 2s is after the end of the run (100ms)",
            "trace", SCENARIO, "--model", "full", "--from", "2s");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "cpus: two\ntasks: []\n", StandardCharsets.UTF_8);
        Cli.Result r = Cli.exec("trace", bad.toString(), "--model", "full", "-o", dir.resolve("never.txt").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith(bad + ":1:7: error: ");
        assertThat(dir.resolve("never.txt")).doesNotExist();

        Cli.Result noDir = Cli.exec("trace", SCENARIO, "--model", "full", "-o", dir.resolve("no/such/dir/t.txt").toString());
        assertThat(noDir.code()).isEqualTo(2);
        assertThat(noDir.err()).contains("-o ").contains("does not exist");
    }
}
