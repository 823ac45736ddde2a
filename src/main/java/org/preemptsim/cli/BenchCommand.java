package org.preemptsim.cli;

import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.metrics.Bench;
import org.preemptsim.workload.scenario.CompiledScenario;
import org.preemptsim.workload.scenario.Node;
import org.preemptsim.workload.scenario.Scenario;
import org.preemptsim.workload.scenario.ScenarioCompiler;
import org.preemptsim.workload.scenario.ScenarioError;
import org.preemptsim.workload.scenario.ScenarioReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measures the simulator itself on one thread: runs a scenario (default: the reference one, "
        + "examples/bench/bench.yaml: 8 CPUs, HZ=1000, cyclictest on every CPU at 1 kHz, hackbench, a network IRQ, 10 s, "
        + "all five models) and prints per model events per second (an event is one pop of the event queue), "
        + "simulated seconds per wall second, bytes allocated per event (whole run, and steady state: a full run minus a "
        + "tenth of it), peak and live heap; also per second of the thread's CPU time; then a window of each model's "
        + "run replayed through the heap alone and, alternating with it, the machine on the same events, and the ratio "
        + "of the two rates.",
        "The first runs are an untimed JIT warm-up. Figures are wall-clock and vary from run to run; "
            + "see docs/performance.md. Exit status: 0 ok, 2 bad input."},
    footer = {"", "Examples:", "  bin/preemptsim bench",
        "  bin/preemptsim bench --models full --duration 2s --cpus 64",
        "  bin/preemptsim bench --models lazy --duration 500ms --tasks 10000 --warmup 200ms",
        "  bin/preemptsim bench --against /tmp/old.jar --models full --duration 400ms --rounds 24"})
public final class BenchCommand implements Callable<Integer> {

    static final String DEFAULT_SCENARIO = "examples/bench/bench.yaml";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
        description = "The scenario file; default " + DEFAULT_SCENARIO + ".")
    Path scenario;

    @Option(names = "--models", split = ",", paramLabel = "LIST", description = "Models to run. Default: the scenario's.")
    List<String> models;

    @Option(names = "--duration", paramLabel = "D", description = "Overrides the simulated time of each timed run, e.g. 2s.")
    String duration;

    @Option(names = "--seed", paramLabel = "S", description = "Overrides the scenario's seed.")
    Long seed;

    @Option(names = "--cpus", paramLabel = "N", description = "Overrides the number of CPUs (1..256); per-CPU workloads follow.")
    Integer cpus;

    @Option(names = "--tasks", paramLabel = "N",
        description = "Resizes the scenario's hackbench to about N tasks: groups of 10 senders and 10 receivers "
            + "(N/20 groups; below 40, one group of N/2 and N/2).")
    Integer tasks;

    @Option(names = "--warmup", paramLabel = "D",
        description = "Simulated time per model and warm-up round; rounds repeat (2 to 6) until the rate "
        + "improves by less than 3%%. 0: none. Default: 1s.")
    String warmup = "1s";

    @Option(names = "--replay-ops", paramLabel = "N",
        description = "Event-queue operations recorded per model for the bare-heap replay; 0 skips it. Default: "
            + Bench.DEFAULT_LOG_OPS + ".")
    int replayOps = Bench.DEFAULT_LOG_OPS;

    @Option(names = "--against", paramLabel = "JAR",
        description = "Compares this build with another one (its jar, e.g. built from an older commit) in one JVM: "
            + "each in its own class loader, timed runs alternating model by model, the order swapped every round; "
            + "prints per model the median ratio of events per CPU-second. Takes the scenario, --models, --seed, "
            + "--warmup and --duration (default here: 1s); not --cpus, --tasks or --replay-ops.")
    Path against;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds of the --against comparison. Default: 10.")
    int rounds = 10;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompiledScenario cs;
        long warmupNs;
        Path file;
        try {
            file = scenario != null ? scenario : defaultScenario();
            Long durationNs = ScenarioRun.duration("bench", duration);
            warmupNs = warmup.equals("0") ? 0 : ScenarioRun.duration("bench", warmup);
            if (cpus != null && (cpus < 1 || cpus > 256)) {
                throw new ScenarioRun.BadInput("preemptsim bench: --cpus must be 1..256, got " + cpus);
            }
            if (tasks != null && (tasks < 2 || tasks > 20_000)) {
                throw new ScenarioRun.BadInput("preemptsim bench: --tasks must be 2..20000, got " + tasks);
            }
            if (replayOps < 0) {
                throw new ScenarioRun.BadInput("preemptsim bench: --replay-ops must be at least 0, got " + replayOps);
            }
            if (against != null) {
                if (cpus != null || tasks != null) {
                    throw new ScenarioRun.BadInput("preemptsim bench: --against compares the scenario as written; "
                        + "--cpus and --tasks do not apply to it");
                }
                if (!Files.isRegularFile(against)) {
                    throw new ScenarioRun.BadInput("preemptsim bench: --against: " + against + ": no such file");
                }
                if (rounds < 1) {
                    throw new ScenarioRun.BadInput("preemptsim bench: --rounds must be at least 1, got " + rounds);
                }
                if (durationNs == null) {
                    durationNs = 1_000_000_000L;
                }
            }
            try {
                cs = ScenarioCompiler.compile(resize(ScenarioReader.read(file), cpus, tasks)).with(seed, durationNs);
            } catch (ScenarioError e) {
                throw new ScenarioRun.BadInput(e.getMessage());
            }
            if (models != null) {
                cs = cs.withModels(ScenarioRun.models("bench", "--models", models, cs));
            }
        } catch (ScenarioRun.BadInput e) {
            err.println(e.getMessage());
            err.flush();
            return ScenarioRun.BAD_INPUT;
        }
        if (against != null) {
            List<String> names = new ArrayList<>();
            for (Model model : cs.models()) {
                names.add(model.name());
            }
            try {
                PairedBench.run(out, against, file, seed, cs.machine().durationNs(), warmupNs, names, rounds);
            } catch (ScenarioRun.BadInput e) {
                err.println(e.getMessage());
                err.flush();
                return ScenarioRun.BAD_INPUT;
            }
            return ScenarioRun.OK;
        }
        MachineSpec m = cs.machine();
        out.printf(Locale.ROOT, "preemptsim bench: %s: %d CPUs, HZ=%d, %d tasks, %s simulated per model; %s %s, one thread%n",
            file, m.cpus(), m.hz(), m.tasks().size(), seconds(m.durationNs()), System.getProperty("java.vm.name"),
            System.getProperty("java.runtime.version"));
        out.flush();
        long w0 = System.nanoTime();
        double[] rounds = Bench.warmUp(m, cs.models(), warmupNs, 6);
        StringBuilder rates = new StringBuilder();
        for (double r : rounds) {
            rates.append(rates.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", r / 1e6));
        }
        out.printf(Locale.ROOT, "warm-up: %d rounds of %s simulated per model (Mevents per cpu-s: %s), %.1f s wall%n%n",
            rounds.length, seconds(Math.min(warmupNs, m.durationNs())), rates, (System.nanoTime() - w0) / 1e9);
        out.printf(Locale.ROOT, "%-10s %11s %7s %7s %9s %9s %8s %8s %8s %7s %7s  %s%n", "model", "events", "wall s", "cpu s",
            "Mevents/s", "per cpu-s", "sim/wall", "B/event", "B/steady", "peak MB", "live MB", "status");
        out.flush();
        List<Bench.ModelRun> runs = new ArrayList<>();
        long events = 0;
        long wall = 0;
        long cpu = 0;
        long alloc = 0;
        long sim = 0;
        long peak = 0;
        long live = 0;
        double steadyBytes = 0;
        for (Model model : cs.models()) {
            Bench.ModelRun r = Bench.timedRun(m, model);
            double steady = Bench.steadyBytesPerEvent(m, model, r, 0.1);
            steadyBytes += steady * r.events();
            runs.add(r);
            events += r.events();
            wall += r.wallNs();
            cpu += r.cpuNs();
            alloc += r.allocatedBytes();
            sim += r.simNs();
            peak = Math.max(peak, r.peakHeapBytes());
            live = Math.max(live, r.retainedHeapBytes());
            printRun(out, r, steady);
        }
        Bench.ModelRun all = new Bench.ModelRun("all", events, sim, wall, cpu, alloc, peak, live, "");
        printRun(out, all, steadyBytes / events);
        if (replayOps == 0) {
            return ScenarioRun.OK;
        }
        out.printf(Locale.ROOT, "%nbare heap: each model's first %d event-queue operations (from boot) replayed "
            + "through IndexedHeap alone, and the machine on the same events: 5 pairs, alternating; rates are medians, "
            + "machine/heap the median over the pairs%n", replayOps);
        out.printf(Locale.ROOT, "%-10s %10s %10s %13s %10s %10s %9s %13s %9s %12s %12s%n", "model", "events", "arms/event",
            "cancels/event", "mean queue", "heap Mev/s", "per cpu-s", "machine Mev/s", "per cpu-s", "machine/heap", "(cpu basis)");
        List<Bench.Replay> replays = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Bench.ModelRun r = runs.get(i);
            Bench.Replay rp = Bench.replay(m, cs.models().get(i), r.events(), replayOps, 5);
            replays.add(rp);
            out.printf(Locale.ROOT, "%-10s %10d %10.2f %13.3f %10.1f %10.2f %9.2f %13.2f %9.2f %12.2f %12.2f%n", rp.model(),
                rp.pops(), (double) rp.arms() / rp.pops(), (double) rp.cancels() / rp.pops(), rp.meanSize(),
                rp.popsPerS() / 1e6, rp.popsPerCpuS() / 1e6, rp.windowEventsPerS() / 1e6, rp.windowEventsPerCpuS() / 1e6,
                rp.ratio(false), rp.ratio(true));
            out.flush();
        }
        Bench.Totals t = Bench.totals(replays);
        out.printf(Locale.ROOT, "%-10s %10d %10s %13s %10s %10.2f %9.2f %13.2f %9.2f %12.2f %12.2f%n", "all", t.pops(), "", "", "",
            t.heapRate() / 1e6, t.heapCpuRate() / 1e6, t.machineRate() / 1e6, t.machineCpuRate() / 1e6, t.ratio(), t.ratioCpu());
        out.printf(Locale.ROOT, "%ntargets: >= 10 Mevents/s (all: %.2f wall, %.2f per cpu-s); machine/heap >= 0.33 (all, on the "
            + "same events: %.2f wall, %.2f cpu; the timed runs' rate over the heap's: %.2f); about 0 bytes/event in steady "
            + "state (all: %.3f)%n", all.eventsPerS() / 1e6, all.eventsPerCpuS() / 1e6, t.ratio(), t.ratioCpu(),
            all.eventsPerCpuS() / t.heapCpuRate(), steadyBytes / events);
        out.flush();
        return ScenarioRun.OK;
    }

    private static void printRun(PrintWriter out, Bench.ModelRun r, double steadyBytes) {
        out.printf(Locale.ROOT, "%-10s %11d %7.2f %7.2f %9.2f %9.2f %8.2f %8.3f %8.3f %7.1f %7.1f  %s%n", r.model(), r.events(),
            r.wallNs() / 1e9, r.cpuNs() / 1e9, r.eventsPerS() / 1e6, r.eventsPerCpuS() / 1e6, r.simPerWall(), r.bytesPerEvent(),
            steadyBytes, r.peakHeapBytes() / 1048576.0, r.retainedHeapBytes() / 1048576.0, r.status());
        out.flush();
    }

    private static String seconds(long ns) {
        String s = ns % 1_000_000L == 0 ? String.valueOf(ns / 1e9) : String.format(Locale.ROOT, "%.6f", ns / 1e9);
        return s + " s";
    }

    /** examples/bench/bench.yaml in the working directory, else beside the jar's project. */
    private static Path defaultScenario() throws ScenarioRun.BadInput {
        Path here = Path.of(DEFAULT_SCENARIO);
        if (Files.exists(here)) {
            return here;
        }
        try {
            Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            if (root != null && Files.exists(root.resolve(DEFAULT_SCENARIO))) {
                return root.resolve(DEFAULT_SCENARIO);
            }
        } catch (java.net.URISyntaxException | SecurityException e) {
            // fall through to the message below
        }
        throw new ScenarioRun.BadInput("preemptsim bench: " + DEFAULT_SCENARIO + " not found; give the scenario file");
    }

    /** The scenario with another CPU count and/or its hackbench resized to about {@code tasks} tasks. */
    static Scenario resize(Scenario s, Integer cpus, Integer tasks) throws ScenarioRun.BadInput {
        int n = cpus != null ? cpus : s.cpus();
        List<Scenario.WorkloadDef> ws = s.workloads();
        if (tasks != null) {
            ws = new ArrayList<>();
            boolean found = false;
            for (Scenario.WorkloadDef w : s.workloads()) {
                if (w.kind().equals("hackbench")) {
                    found = true;
                    int groups = tasks < 40 ? 1 : (tasks + 10) / 20;
                    int fds = tasks < 40 ? Math.max(1, tasks / 2) : 10;
                    Map<String, Node.Entry> e = new LinkedHashMap<>(w.args().entries());
                    e.put("groups", entry(w.args().at(), "groups", groups));
                    e.put("fds", entry(w.args().at(), "fds", fds));
                    w = new Scenario.WorkloadDef(w.at(), w.kind(), new Node.Mapping(w.args().at(), e));
                }
                ws.add(w);
            }
            if (!found) {
                throw new ScenarioRun.BadInput("preemptsim bench: --tasks resizes a hackbench workload; the scenario has none");
            }
        }
        return new Scenario(s.file(), s.name(), s.description(), s.profile(), s.staticBuild(), n, s.hz(),
            Math.min(s.llcSize(), n), s.idlePoll(), s.debugChecks(), s.lockdep(), s.costs(), s.models(), s.refusedDefaults(),
            s.durationNs(), s.seed(), s.irqs(), s.nmis(), s.locks(), s.rawSpinlockSharePpm(), s.waitQueues(), s.tasks(), ws);
    }

    private static Node.Entry entry(org.preemptsim.workload.scenario.Where at, String key, int value) {
        return new Node.Entry(key, at, new Node.Scalar(at, String.valueOf(value), Node.Kind.INT));
    }
}
