package org.preemptsim.kernel;

import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Running small machines in tests. */
final class Runs {

    private Runs() {
    }

    record Outcome(RunResult result, EventLog log) {
        /** The measured task's only (or worst) latency sample. */
        long latency() {
            assertThat(result.status()).as(result.bug() == null ? "status" : result.bug()).isEqualTo("ok");
            assertThat(result.latency().samples()).as("latency samples").isPositive();
            return result.latency().maxNs();
        }
    }

    static Outcome run(MachineSpec spec, String model) {
        return run(spec, Model.of(model, spec.staticBuild()), PreemptTable.KERNEL);
    }

    static Outcome run(MachineSpec spec, Model model, PreemptTable table) {
        EventLog log = new EventLog();
        RunResult r = Simulation.run(spec, model, table, List.of(log));
        return new Outcome(r, log);
    }
}
