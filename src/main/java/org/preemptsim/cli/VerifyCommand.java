package org.preemptsim.cli;

import org.preemptsim.kernel.Model;
import org.preemptsim.rv.MonitorReport;
import org.preemptsim.rv.RvMonitors;
import org.preemptsim.rv.Verifier;
import org.preemptsim.rv.Violation;
import org.preemptsim.rv.Wwnr;
import org.preemptsim.workload.Durations;
import org.preemptsim.workload.scenario.CompiledScenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Runs a scenario under each model with the kernel's runtime-verification monitors (kernel/trace/rv) "
        + "attached to the simulated tracepoints: wip, wwnr, sco, snroc, scpd, snep, sncid, tss, sts, nrp, sssw and the "
        + "hybrid opid (docs/rv.md). A model runs every monitor its build has the tracepoints for (wip, scpd and snep "
        + "need preempt_disable/enable events, which static none/voluntary kernels lack). Reports per model and monitor "
        + "the starts, events processed and violations, then each violation with the events that led to it. wwnr is "
        + "wrong on purpose upstream: its reports are shown and never count as a failure.",
        "Exit status: 0 no violation, 1 a monitor other than wwnr reported a violation or the simulated kernel "
            + "reported a bug, 2 bad input."},
    footer = {"", "Examples:", "  bin/preemptsim verify examples/rv.yaml",
        "  bin/preemptsim verify examples/default.yaml --models full,rt \\",
        "      --duration 200ms --monitors sts,nrp,opid"})
public final class VerifyCommand implements Callable<Integer> {

    /** Violations printed in detail per model and monitor. */
    static final int SHOWN = 2;
    /** Events of history printed per violation. */
    static final int HISTORY_SHOWN = 8;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (.yaml, .yml or .json); see docs/scenario.md.")
    Path scenario;

    @Option(names = "--models", split = ",", paramLabel = "LIST", description = "Models to run. Default: the scenario's models.")
    List<String> models;

    @Option(names = "--monitors", split = ",", paramLabel = "LIST", description = "Monitors to attach. Default: all of them.")
    List<String> monitors;

    @Mixin
    ScenarioOptions overrides;

    @Option(names = "--jobs", paramLabel = "N", description = "Models run in parallel on N threads. Default: the number of CPUs.")
    Integer jobs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompiledScenario cs;
        List<String> names;
        try {
            cs = overrides.load("verify", scenario);
            if (models != null) {
                cs = cs.withModels(ScenarioRun.models("verify", "--models", models, cs));
            }
            names = monitorNames();
            if (jobs != null && jobs < 1) {
                throw new ScenarioRun.BadInput("preemptsim verify: --jobs must be at least 1, got " + jobs);
            }
        } catch (ScenarioRun.BadInput e) {
            err.println(e.getMessage());
            err.flush();
            return ScenarioRun.BAD_INPUT;
        }
        List<Verifier.ModelReport> reports = runAll(cs, names, jobs != null ? jobs : Runtime.getRuntime().availableProcessors());
        out.print(render(cs, reports));
        out.flush();
        int code = ScenarioRun.OK;
        for (Verifier.ModelReport r : reports) {
            if (!r.result().ok()) {
                err.println("model " + r.model().name() + ": the simulated kernel reported a bug:");
                err.println(r.result().bug());
                code = ScenarioRun.KERNEL_BUG;
            } else if (r.violated()) {
                code = ScenarioRun.KERNEL_BUG;
            }
        }
        err.flush();
        return code;
    }

    private List<String> monitorNames() throws ScenarioRun.BadInput {
        if (monitors == null) {
            return RvMonitors.NAMES;
        }
        List<String> out = new ArrayList<>();
        for (String raw : monitors) {
            String n = raw.strip();
            if (!RvMonitors.NAMES.contains(n)) {
                throw new ScenarioRun.BadInput("preemptsim verify: --monitors: unknown monitor '" + n + "' ("
                    + String.join(", ", RvMonitors.NAMES) + ")");
            }
            if (out.contains(n)) {
                throw new ScenarioRun.BadInput("preemptsim verify: --monitors: " + n + " is listed twice");
            }
            out.add(n);
        }
        if (out.isEmpty()) {
            throw new ScenarioRun.BadInput("preemptsim verify: --monitors names no monitor");
        }
        // Report in the canonical order.
        List<String> ordered = new ArrayList<>(RvMonitors.NAMES);
        ordered.retainAll(out);
        return ordered;
    }

    private static List<Verifier.ModelReport> runAll(CompiledScenario cs, List<String> names, int jobs)
        throws InterruptedException, ExecutionException {
        List<Model> ms = cs.models();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, ms.size())), r -> {
            Thread t = new Thread(r, "preemptsim-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Verifier.ModelReport>> futures = new ArrayList<>();
            for (Model m : ms) {
                futures.add(pool.submit(() -> Verifier.run(cs.machine(), m, names, List.of())));
            }
            List<Verifier.ModelReport> out = new ArrayList<>();
            for (Future<Verifier.ModelReport> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The report: a table per model, then the violations in detail. */
    static String render(CompiledScenario cs, List<Verifier.ModelReport> reports) {
        StringBuilder sb = new StringBuilder();
        var m = cs.machine();
        sb.append("scenario ").append(m.name()).append(", kernel ").append(m.profile().version()).append(", seed ")
            .append(m.seed()).append(", ").append(Durations.format(m.durationNs())).append(", ").append(m.cpus())
            .append(m.cpus() == 1 ? " CPU" : " CPUs").append('\n');
        for (Verifier.ModelReport r : reports) {
            sb.append('\n').append("model ").append(r.model().name()).append(" (").append(build(r.model())).append(")");
            if (!r.result().ok()) {
                sb.append(": stopped by a kernel bug: ").append(r.result().status());
            }
            sb.append('\n');
            sb.append(String.format("  %-7s %-9s %8s %11s %11s%n", "monitor", "kind", "starts", "events", "violations"));
            for (MonitorReport mr : r.monitors()) {
                sb.append(String.format("  %-7s %-9s %8d %11d %11d", mr.name(), mr.perTask() ? "per-task" : "per-cpu",
                    mr.starts(), mr.events(), mr.violations()));
                if (mr.name().equals(Wwnr.NAME) && mr.violations() > 0) {
                    sb.append("  expected: wwnr is wrong on purpose upstream, not a failure");
                } else if (!mr.ran()) {
                    sb.append("  never ran");
                }
                sb.append('\n');
            }
            if (!r.notBuilt().isEmpty()) {
                sb.append("  not built: ").append(String.join(", ", r.notBuilt()))
                    .append(" (no preempt_disable/enable tracepoints without CONFIG_PREEMPTION)\n");
            }
        }
        boolean header = false;
        for (Verifier.ModelReport r : reports) {
            for (MonitorReport mr : r.monitors()) {
                if (mr.countsAsFailure()) {
                    header = header || appendHeader(sb, "violations:");
                    appendViolations(sb, r.model(), mr, SHOWN);
                }
            }
        }
        // wwnr reports the same race in every model: one example is enough.
        for (Verifier.ModelReport r : reports) {
            MonitorReport w = r.monitor(Wwnr.NAME);
            if (w != null && w.violations() > 0) {
                appendHeader(sb, "wwnr, wrong on purpose upstream (a task woken after set_current_state() but before"
                    + " __schedule() switched it out is still running), reports the race as on a real kernel:");
                appendViolations(sb, r.model(), w, 1);
                break;
            }
        }
        long failing = reports.stream().filter(Verifier.ModelReport::violated).count();
        long bugs = reports.stream().filter(r -> !r.result().ok()).count();
        sb.append('\n');
        if (failing == 0 && bugs == 0) {
            sb.append("verdict: ok, no violation (wwnr's expected reports aside)\n");
        } else {
            sb.append("verdict: FAILED:");
            if (failing > 0) {
                sb.append(" violations in ").append(failing).append(" of ").append(reports.size()).append(" models");
            }
            if (bugs > 0) {
                sb.append(failing > 0 ? "," : "").append(" a kernel bug in ").append(bugs).append(" of ")
                    .append(reports.size()).append(" models");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static boolean appendHeader(StringBuilder sb, String title) {
        sb.append('\n').append(title).append('\n');
        return true;
    }

    private static void appendViolations(StringBuilder sb, Model model, MonitorReport mr, int shown) {
        List<Violation> vs = mr.first();
        for (int i = 0; i < Math.min(shown, vs.size()); i++) {
            sb.append("\n[").append(model.name()).append("] ").append(vs.get(i).describe(HISTORY_SHOWN)).append('\n');
        }
        if (mr.violations() > shown) {
            sb.append("[").append(model.name()).append("] ... and ").append(mr.violations() - shown).append(" more from ")
                .append(mr.name()).append('\n');
        }
    }

    private static String build(Model m) {
        switch (m.build()) {
            case DYNAMIC:
                return "PREEMPT_DYNAMIC, preempt=" + m.mode().sysfsName();
            case RT:
                return "PREEMPT_RT, preempt=" + m.mode().sysfsName();
            case STATIC_NONE:
                return "static PREEMPT_NONE";
            case STATIC_VOLUNTARY:
                return "static PREEMPT_VOLUNTARY";
            case STATIC_PREEMPT:
                return "static PREEMPT";
            default:
                return "static PREEMPT_LAZY";
        }
    }
}
