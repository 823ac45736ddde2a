package org.preemptsim.cli;

import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.metrics.Compare;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Measure;
import org.preemptsim.report.CsvReport;
import org.preemptsim.report.HtmlReport;
import org.preemptsim.report.JsonReport;
import org.preemptsim.report.Results;
import org.preemptsim.report.TableReport;
import org.preemptsim.workload.Durations;
import org.preemptsim.workload.scenario.CompiledScenario;
import org.preemptsim.workload.scenario.ScenarioCompiler;
import org.preemptsim.workload.scenario.ScenarioError;
import org.preemptsim.workload.scenario.WorkloadReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What run and compare share: loading a scenario (bad input: exit 2, nothing written), checking
 * command-line overrides, running the models, attaching the workloads' figures, printing and
 * writing the results, and the exit code (1 when the simulated kernel reported a bug).
 */
final class ScenarioRun {

    static final int OK = 0;
    static final int KERNEL_BUG = 1;
    static final int BAD_INPUT = 2;

    /** Bad input found on the command line or in the scenario: the message to print. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message, null, false, false);
        }
    }

    private ScenarioRun() {
    }

    static CompiledScenario load(Path file) throws BadInput {
        try {
            return ScenarioCompiler.load(file);
        } catch (ScenarioError e) {
            throw new BadInput(e.getMessage());
        }
    }

    /** {@code --lockdep} turns the validator on; without it the scenario's lockdep: key decides. */
    static CompiledScenario lockdep(CompiledScenario cs, boolean on) {
        return on ? cs.withLockdep(true) : cs;
    }

    static Long duration(String cmd, String text) throws BadInput {
        if (text == null) {
            return null;
        }
        try {
            long ns = Durations.parse(text);
            if (ns <= 0) {
                throw new BadInput("preemptsim " + cmd + ": --duration must be positive, got " + text);
            }
            return ns;
        } catch (IllegalArgumentException e) {
            throw new BadInput("preemptsim " + cmd + ": --duration: " + e.getMessage());
        }
    }

    /** Resolves model names given on the command line against the scenario's kernel. */
    static List<Model> models(String cmd, String option, List<String> names, CompiledScenario cs) throws BadInput {
        List<Model> out = new ArrayList<>();
        for (String raw : names) {
            String n = raw.trim();
            Model m;
            try {
                m = Model.of(n, cs.machine().staticBuild());
            } catch (IllegalArgumentException e) {
                throw new BadInput("preemptsim " + cmd + ": " + option + ": " + e.getMessage());
            }
            String refusal = cs.machine().profile().refusal(m);
            if (refusal != null) {
                throw new BadInput("preemptsim " + cmd + ": " + option + " " + n + ": kernel " + cs.machine().profile().version()
                    + " cannot run it: " + refusal);
            }
            for (Model seen : out) {
                if (seen.name().equals(n)) {
                    throw new BadInput("preemptsim " + cmd + ": " + option + ": model " + n + " is listed twice");
                }
            }
            out.add(m);
        }
        if (out.isEmpty()) {
            throw new BadInput("preemptsim " + cmd + ": " + option + " names no model");
        }
        return out;
    }

    /** The number of worst samples the blame breaks down by default (--worst). */
    static final int DEFAULT_WORST = Measure.DEFAULT_WORST;

    /** --worst N: 0 or more. */
    static int worst(String cmd, Integer worst) throws BadInput {
        if (worst == null) {
            return DEFAULT_WORST;
        }
        if (worst < 0) {
            throw new BadInput("preemptsim " + cmd + ": --worst must be 0 or more, got " + worst);
        }
        return worst;
    }

    /**
     * Runs every model of {@code cs} with the analysis attached (blame, tracers, accounting, bound:
     * they are in the JSON too), prints, writes; returns the exit code.
     */
    static int execute(CompiledScenario cs, int jobs, Path json, Path csv, Path html, int worst, PrintWriter out, PrintWriter err)
        throws IOException {
        Progress progress = new Progress(err, cs.models().size());
        Results raw = Compare.run(cs.machine(), cs.models(), cs.measure().withAnalysis(worst), jobs, i -> progress.done());
        progress.end();
        Results results = results(cs, raw.runs());
        List<RunResult> runs = results.runs();
        out.print(TableReport.render(results));
        for (RunResult r : runs) {
            if (!r.ok() || cs.reports().isEmpty()) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            if (runs.size() > 1) {
                sb.append("\n=== ").append(r.model()).append(" ===\n");
            }
            for (WorkloadReport w : cs.reports()) {
                sb.append('\n');
                w.render(r, sb);
            }
            out.print(sb);
        }
        out.flush();
        if (json != null) {
            JsonReport.write(results, json);
        }
        if (csv != null) {
            CsvReport.write(results, csv);
        }
        if (html != null) {
            HtmlReport.write(results, html);
        }
        int code = OK;
        for (RunResult r : runs) {
            if (!r.ok()) {
                err.println("model " + r.model() + ": the simulated kernel reported a bug:");
                err.println(r.bug());
                code = KERNEL_BUG;
            }
        }
        err.flush();
        return code;
    }

    /** The results document of {@code cs}'s runs, with the workloads' figures, as run and compare write it. */
    static Results results(CompiledScenario cs, List<RunResult> raw) {
        List<RunResult> runs = new ArrayList<>();
        for (RunResult r : raw) {
            runs.add(withFigures(r, cs.reports()));
        }
        MachineSpec m = cs.machine();
        return new Results("preemptsim", m.name(), m.profile().version(), m.seed(), m.durationNs(), runs);
    }

    /** The one model a command runs: {@code --model}, or the scenario's only model. */
    static Model oneModel(String cmd, Path scenario, String model, CompiledScenario cs) throws BadInput {
        if (model != null) {
            return models(cmd, "--model", List.of(model), cs).get(0);
        }
        if (cs.models().size() == 1) {
            return cs.models().get(0);
        }
        throw new BadInput("preemptsim " + cmd + ": " + scenario + " lists " + cs.models().size() + " models ("
            + RunCommand.names(cs.models()) + "); " + cmd + " takes one: pick it with --model"
            + (cmd.equals("run") ? ", or use 'preemptsim compare' for all of them" : ""));
    }

    private static RunResult withFigures(RunResult r, List<WorkloadReport> reports) {
        if (!r.ok()) {
            return r;
        }
        List<RunResult.WorkloadResult> figures = new ArrayList<>();
        for (WorkloadReport w : reports) {
            RunResult.WorkloadResult f = w.figures(r);
            if (f != null) {
                figures.add(f);
            }
        }
        return figures.isEmpty() ? r : r.withWorkloads(figures);
    }
}
