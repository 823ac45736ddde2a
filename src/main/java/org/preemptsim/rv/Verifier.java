package org.preemptsim.rv;

import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.trace.TraceSink;

import java.util.ArrayList;
import java.util.List;

/** Runs a machine under one model with the RV monitors its build can have attached to the tracepoints. */
public final class Verifier {

    private Verifier() {
    }

    /**
     * One model's verdict.
     *
     * @param model    the model
     * @param result   the run's result (a kernel bug stops the run early)
     * @param monitors what each monitor that ran saw, in {@link RvMonitors#NAMES} order
     * @param notBuilt monitors the build cannot have (their tracepoints do not exist there)
     */
    public record ModelReport(Model model, RunResult result, List<MonitorReport> monitors, List<String> notBuilt) {

        public ModelReport {
            monitors = List.copyOf(monitors);
            notBuilt = List.copyOf(notBuilt);
        }

        /** A monitor other than wwnr reported a violation. */
        public boolean violated() {
            return monitors.stream().anyMatch(MonitorReport::countsAsFailure);
        }

        public MonitorReport monitor(String name) {
            for (MonitorReport m : monitors) {
                if (m.name().equals(name)) {
                    return m;
                }
            }
            return null;
        }
    }

    public static ModelReport run(MachineSpec spec, Model model) {
        return run(spec, model, RvMonitors.NAMES, List.of());
    }

    /**
     * Runs {@code spec} under {@code model} with the named monitors its build has, plus
     * {@code observers} (attached after the monitors).
     */
    public static ModelReport run(MachineSpec spec, Model model, List<String> names, List<TraceSink> observers) {
        List<DaMonitor> monitors = RvMonitors.buildable(names, model.build());
        List<String> notBuilt = new ArrayList<>();
        for (String n : names) {
            if (monitors.stream().noneMatch(m -> m.name().equals(n))) {
                notBuilt.add(n);
            }
        }
        List<TraceSink> sinks = new ArrayList<>(monitors);
        sinks.addAll(observers);
        RunResult r = Simulation.run(spec, model, PreemptTable.KERNEL, sinks);
        List<MonitorReport> reports = new ArrayList<>();
        for (DaMonitor m : monitors) {
            reports.add(m.report());
        }
        return new ModelReport(model, r, reports, notBuilt);
    }
}
