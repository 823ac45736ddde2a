package org.preemptsim.cli;

import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.report.JsonReport;
import org.preemptsim.trace.FtraceEvent;
import org.preemptsim.trace.RecordingSink;
import org.preemptsim.trace.TraceOptions;
import org.preemptsim.trace.TraceSink;
import org.preemptsim.trace.TraceWriters;
import org.preemptsim.workload.Durations;
import org.preemptsim.workload.scenario.CompiledScenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "trace", mixinStandardHelpOptions = true,
    description = {"Runs a scenario under one model and writes its trace as ftrace text (/sys/kernel/tracing/trace), "
        + "trace-cmd's trace.dat (trace-cmd report, KernelShark) or Chrome/Perfetto JSON (ui.perfetto.dev), "
        + "streamed to disk in constant memory however long the run (docs/tracing.md). Tracing changes no result: "
        + "--json writes the same bytes as 'run --json'.",
        "Exit status: 0 ok, 1 the simulated kernel reported a bug (the trace up to it is still written), "
            + "2 bad input (nothing written)."},
    footer = {"", "Examples:", "  bin/preemptsim trace examples/cyclictest.yaml --model rt -o trace.txt",
        "  bin/preemptsim trace examples/irq-load.yaml --model full --format dat \\",
        "      -o trace.dat --from 10ms --to 20ms --cpus 0-1",
        "  bin/preemptsim trace examples/hackbench.yaml --model lazy --format perfetto \\",
        "      -o trace.json --events sched,irq:softirq_entry"})
public final class TraceCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (.yaml, .yml or .json); see docs/scenario.md.")
    Path scenario;

    @Option(names = "--model", paramLabel = "M", description = "The model: none, voluntary, full, lazy, rt or rt-lazy "
        + "(default: the scenario's only model).")
    String model;

    @Option(names = "--format", paramLabel = "F", defaultValue = "ftrace",
        description = "ftrace (text), dat (trace-cmd trace.dat) or perfetto (JSON). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The trace file to write.")
    Path output;

    @Option(names = "--from", paramLabel = "T", description = "Keep events from this instant on, e.g. 10ms (default: 0).")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "Keep events up to this instant, inclusive (default: the end).")
    String to;

    @Option(names = "--cpus", paramLabel = "LIST", description = "Keep only these CPUs, as taskset writes them: 0-3,6.")
    String cpus;

    @Option(names = "--events", split = ",", paramLabel = "LIST",
        description = "Keep only these events: names (sched_switch), systems (sched, irq, irq_vectors, preemptirq) "
            + "or system:event.")
    List<String> events;

    @Mixin
    ScenarioOptions overrides;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the run's results as JSON (as 'run --json').")
    Path json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompiledScenario cs;
        Model m;
        TraceOptions opts;
        try {
            cs = overrides.load("trace", scenario);
            m = ScenarioRun.oneModel("trace", scenario, model, cs);
            cs = cs.withModels(List.of(m));
            opts = options(cs.machine());
            checkFormat();
            checkWritable(output, "-o");
            if (json != null) {
                checkWritable(json, "--json");
            }
        } catch (ScenarioRun.BadInput e) {
            err.println(e.getMessage());
            err.flush();
            return ScenarioRun.BAD_INPUT;
        }
        MachineSpec machine = cs.machine();
        RunResult r;
        long entries = -1;
        Closeable writer = open(opts);
        try (writer) {
            r = Simulation.boot(machine, m, PreemptTable.KERNEL, List.of((TraceSink) writer),
                cs.measure().withAnalysis(ScenarioRun.DEFAULT_WORST)).run(); // as run's --json
            if (writer instanceof RecordingSink rs) {
                entries = rs.entries();
            }
        }
        out.println("trace " + scenario + " --model " + m.name() + ": " + (entries >= 0 ? entries + " events" : "events")
            + " written to " + output + " (" + describeFormat() + ")");
        out.flush();
        if (json != null) {
            JsonReport.write(ScenarioRun.results(cs, List.of(r)), json);
        }
        if (!r.ok()) {
            err.println("model " + r.model() + ": the simulated kernel reported a bug:");
            err.println(r.bug());
            err.flush();
            return ScenarioRun.KERNEL_BUG;
        }
        return ScenarioRun.OK;
    }

    private Closeable open(TraceOptions opts) throws IOException {
        switch (format) {
            case "dat":
                return TraceWriters.dat(output, opts);
            case "perfetto":
                return TraceWriters.perfetto(output, opts);
            default:
                return TraceWriters.ftrace(output, opts);
        }
    }

    private String describeFormat() {
        switch (format) {
            case "dat":
                return "trace-cmd trace.dat";
            case "perfetto":
                return "Chrome/Perfetto JSON";
            default:
                return "ftrace text";
        }
    }

    private void checkFormat() throws ScenarioRun.BadInput {
        if (!List.of("ftrace", "dat", "perfetto").contains(format)) {
            throw new ScenarioRun.BadInput("preemptsim trace: --format: '" + format + "' is not a trace format (ftrace, dat, perfetto)");
        }
    }

    private static void checkWritable(Path file, String option) throws ScenarioRun.BadInput {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ScenarioRun.BadInput("preemptsim trace: " + option + " " + file + ": the directory " + dir + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new ScenarioRun.BadInput("preemptsim trace: " + option + " " + file + " is a directory");
        }
    }

    /** The window, CPU and event filters, checked against the machine. */
    TraceOptions options(MachineSpec m) throws ScenarioRun.BadInput {
        TraceOptions o = TraceOptions.forCpus(m.cpus());
        long fromNs = from == null ? 0 : instant("--from", from);
        long toNs = to == null ? Long.MAX_VALUE : instant("--to", to);
        if (fromNs > toNs) {
            throw new ScenarioRun.BadInput("preemptsim trace: the window --from " + from + " --to " + to + " is empty: it ends before it starts");
        }
        if (fromNs > m.durationNs()) {
            throw new ScenarioRun.BadInput("preemptsim trace: --from " + from + " is after the end of the run ("
                + Durations.format(m.durationNs()) + ")");
        }
        o = o.window(fromNs, toNs);
        if (cpus != null) {
            o = o.onlyCpus(cpuList(cpus, m.cpus()));
        }
        if (events != null) {
            o = o.onlyEvents(eventNames(events));
        }
        return o;
    }

    private static long instant(String option, String text) throws ScenarioRun.BadInput {
        if (text.strip().equals("0")) {
            return 0;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ScenarioRun.BadInput("preemptsim trace: " + option + ": " + e.getMessage());
        }
    }

    /** A CPU list as taskset writes it ("0-3,6"); every CPU must exist. */
    static int[] cpuList(String text, int nrCpus) throws ScenarioRun.BadInput {
        BitSet set = new BitSet();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            if (!p.matches("\\d{1,9}(-\\d{1,9})?")) {
                throw new ScenarioRun.BadInput("preemptsim trace: --cpus: '" + text + "' is not a CPU list (write CPUs as 0-3,6)");
            }
            String[] ends = p.split("-");
            int lo = Integer.parseInt(ends[0]);
            int hi = ends.length > 1 ? Integer.parseInt(ends[1]) : lo;
            if (hi < lo) {
                throw new ScenarioRun.BadInput("preemptsim trace: --cpus: the range " + p + " runs backwards (write " + hi + "-" + lo + ")");
            }
            if (hi >= nrCpus) {
                throw new ScenarioRun.BadInput("preemptsim trace: --cpus: CPU " + hi + " does not exist: the machine has "
                    + (nrCpus == 1 ? "CPU 0 only" : "CPUs 0-" + (nrCpus - 1)));
            }
            set.set(lo, hi + 1);
        }
        return set.stream().toArray();
    }

    /** Event, system or system:event names, each naming something the writers emit. */
    static String[] eventNames(List<String> names) throws ScenarioRun.BadInput {
        Set<String> known = new TreeSet<>();
        Set<String> systems = new LinkedHashSet<>();
        for (FtraceEvent e : FtraceEvent.ALL) {
            known.add(e.name());
            known.add(e.system() + ":" + e.name());
            systems.add(e.system());
        }
        known.addAll(systems);
        List<String> out = new ArrayList<>();
        for (String raw : names) {
            String n = raw.strip();
            if (!known.contains(n)) {
                String hint = List.of("sched_set_need_resched", "sched_entry", "sched_exit", "sched_set_state").contains(n)
                    ? " (a bare tracepoint: never printed, only RV monitors see it)" : "";
                throw new ScenarioRun.BadInput("preemptsim trace: --events: unknown event '" + n + "'" + hint
                    + "; systems: " + String.join(", ", systems) + "; events: e.g. sched_switch, irq:softirq_entry");
            }
            out.add(n);
        }
        return out.toArray(new String[0]);
    }
}
