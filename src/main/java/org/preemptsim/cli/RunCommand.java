package org.preemptsim.cli;

import org.preemptsim.kernel.Model;
import org.preemptsim.workload.scenario.CompiledScenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs a scenario file under one preemption model and prints its latency, throughput and the "
        + "reports of its workloads (cyclictest's T: lines, hackbench's Time:, response times, ...).",
        "The model is --model, or the scenario's only model; a scenario listing several needs --model (or use compare).",
        "Exit status: 0 ok, 1 the simulated kernel reported a bug (the JSON is still written), 2 bad input (nothing written)."},
    footer = {"", "Examples:", "  bin/preemptsim run examples/cyclictest.yaml --model rt",
        "  bin/preemptsim run examples/hackbench.yaml --model lazy --seed 7 --duration 500ms --json out.json --csv out.csv",
        "  bin/preemptsim run examples/timerlat.yaml --model rt --html report.html --worst 10"})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (.yaml, .yml or .json); see docs/scenario.md.")
    Path scenario;

    @Option(names = "--model", paramLabel = "M", description = "The model: none, voluntary, full, lazy, rt or rt-lazy.")
    String model;

    @Mixin
    ScenarioOptions overrides;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write one CSV row per measured task.")
    Path csv;

    @Option(names = "--html", paramLabel = "FILE",
        description = "Also write a self-contained HTML report: histograms, percentile spectra, blame, tracers, bound.")
    Path html;

    @Option(names = "--worst", paramLabel = "N",
        description = "How many of the worst samples to break down by cause (default: " + ScenarioRun.DEFAULT_WORST + ").")
    Integer worst;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompiledScenario cs;
        int n;
        try {
            n = ScenarioRun.worst("run", worst);
            cs = overrides.load("run", scenario);
            cs = cs.withModels(List.of(ScenarioRun.oneModel("run", scenario, model, cs)));
        } catch (ScenarioRun.BadInput e) {
            err.println(e.getMessage());
            err.flush();
            return ScenarioRun.BAD_INPUT;
        }
        return ScenarioRun.execute(cs, 1, json, csv, html, n, out, err);
    }

    static String names(List<Model> ms) {
        StringBuilder sb = new StringBuilder();
        for (Model m : ms) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(m.name());
        }
        return sb.toString();
    }
}
