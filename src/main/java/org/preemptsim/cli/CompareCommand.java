package org.preemptsim.cli;

import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.metrics.Measure;
import org.preemptsim.workload.DefaultScenario;
import org.preemptsim.workload.scenario.CompiledScenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Runs a scenario (default: the built-in one, examples/default.yaml) under several preemption models "
        + "with the same seed (the same IRQ arrivals and random draws) and prints latency and throughput side by side.",
        "Exit status: 0 ok, 1 the simulated kernel reported a bug in some model (the JSON is still written, "
            + "the other models still run), 2 bad input (nothing written)."},
    footer = {"", "Examples:", "  bin/preemptsim compare",
        "  bin/preemptsim compare --models none,full,rt --seed 7 --duration 5s --json out.json",
        "  bin/preemptsim compare examples/hackbench.yaml --models voluntary,lazy --csv out.csv",
        "  bin/preemptsim compare examples/locks.yaml --html report.html"})
public final class CompareCommand implements Callable<Integer> {

    /** The built-in scenario's duration when none is given. */
    static final String BUILTIN_DURATION = "2s";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
        description = "The scenario file; without it, the built-in default scenario.")
    Path scenario;

    @Option(names = "--models", split = ",", paramLabel = "LIST",
        description = "Models to run (none, voluntary, full, lazy, rt, rt-lazy). Default: the scenario's models "
            + "(the built-in: none,voluntary,full,lazy,rt).")
    List<String> models;

    @Option(names = "--seed", paramLabel = "S", description = "Overrides the scenario's seed (built-in: 1).")
    Long seed;

    @Option(names = "--duration", paramLabel = "D",
        description = "Overrides the simulated time, e.g. 500ms or 2s (built-in: " + BUILTIN_DURATION + ").")
    String duration;

    @Option(names = "--lockdep", description = "Turns the lock validator on (the scenario's lockdep: key; off by default).")
    boolean lockdep;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write one CSV row per model and measured task.")
    Path csv;

    @Option(names = "--html", paramLabel = "FILE",
        description = "Also write a self-contained HTML report: histograms, percentile spectra, blame, tracers, bound.")
    Path html;

    @Option(names = "--worst", paramLabel = "N",
        description = "How many of the worst samples to break down by cause (default: " + ScenarioRun.DEFAULT_WORST + ").")
    Integer worst;

    @Option(names = "--jobs", paramLabel = "N", description = "Models run in parallel on N threads. Default: the number of CPUs.")
    Integer jobs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompiledScenario cs;
        int w;
        try {
            w = ScenarioRun.worst("compare", worst);
            Long durationNs = ScenarioRun.duration("compare", duration);
            if (scenario == null) {
                cs = builtin(seed != null ? seed : DefaultScenario.DEFAULT_SEED,
                    durationNs != null ? durationNs : ScenarioRun.duration("compare", BUILTIN_DURATION));
            } else {
                cs = ScenarioRun.load(scenario).with(seed, durationNs);
            }
            cs = ScenarioRun.lockdep(cs, lockdep);
            if (models != null) {
                cs = cs.withModels(ScenarioRun.models("compare", "--models", models, cs));
            }
            if (jobs != null && jobs < 1) {
                throw new ScenarioRun.BadInput("preemptsim compare: --jobs must be at least 1, got " + jobs);
            }
        } catch (ScenarioRun.BadInput e) {
            err.println(e.getMessage());
            err.flush();
            return ScenarioRun.BAD_INPUT;
        }
        int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        return ScenarioRun.execute(cs, n, json, csv, html, w, out, err);
    }

    /** The built-in default scenario (DefaultScenario), under the five default models, lockdep off as in scenario runs. */
    static CompiledScenario builtin(long seed, long durationNs) {
        MachineSpec m = DefaultScenario.build(seed, durationNs);
        List<Model> ms = new ArrayList<>();
        for (String name : Model.DEFAULT_NAMES) {
            ms.add(Model.of(name));
        }
        return new CompiledScenario(null, m, ms, List.of(), Measure.NONE, List.of(), List.of()).withLockdep(false);
    }
}
