package org.preemptsim.workload.builtin;

import org.preemptsim.kernel.Model;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.workload.scenario.CompiledScenario;
import org.preemptsim.workload.scenario.ScenarioCompiler;
import org.preemptsim.workload.scenario.ScenarioReader;
import org.preemptsim.workload.scenario.WorkloadReport;

/** Compiles inline scenarios and runs them, for the workload-shape tests. */
final class Runs {

    private Runs() {
    }

    static CompiledScenario compile(String yaml) {
        return ScenarioCompiler.compile(ScenarioReader.read("test.yaml", yaml));
    }

    static RunResult run(CompiledScenario cs, String model) {
        RunResult r = Simulation.run(cs.machine(), Model.of(model, cs.machine().staticBuild()), cs.measure());
        if (!r.ok()) {
            throw new AssertionError(r.bug());
        }
        return r;
    }

    static RunResult.WorkloadResult figures(CompiledScenario cs, RunResult r, String workload) {
        for (WorkloadReport w : cs.reports()) {
            if (w.workload().equals(workload)) {
                return w.figures(r);
            }
        }
        throw new AssertionError("no " + workload + " report");
    }

    static RunResult.TaskResult task(RunResult r, String name) {
        for (RunResult.TaskResult t : r.tasks()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no task " + name);
    }
}
