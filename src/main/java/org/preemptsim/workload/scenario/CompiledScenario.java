package org.preemptsim.workload.scenario;

import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.metrics.Measure;

import java.util.List;

/**
 * A scenario compiled to the machine the kernel boots, the models to run it under, and what to
 * report beyond the defaults.
 *
 * @param scenario        the scenario as read, or null for the built-in default
 * @param machine         the machine
 * @param models          the models, in the scenario's order
 * @param refusedDefaults default models left out because the kernel version refuses them
 * @param measure         histograms asked for
 * @param reports         the built-in workloads' (and explicit measured tasks') reports
 * @param madeRaw         the spinlock_t locks the scenario's raw_spinlock_share made raw_spinlock_t
 */
public record CompiledScenario(Scenario scenario, MachineSpec machine, List<Model> models, List<String> refusedDefaults,
                               Measure measure, List<WorkloadReport> reports, List<String> madeRaw) {

    public CompiledScenario {
        models = List.copyOf(models);
        refusedDefaults = List.copyOf(refusedDefaults);
        reports = List.copyOf(reports);
        madeRaw = List.copyOf(madeRaw);
    }

    /** The same machine with another seed and/or duration (null keeps the scenario's). */
    public CompiledScenario with(Long seed, Long durationNs) {
        return with(seed, durationNs, machine.lockdep());
    }

    /** The same machine with the lock validator on or off. */
    public CompiledScenario withLockdep(boolean lockdep) {
        return with(null, null, lockdep);
    }

    private CompiledScenario with(Long seed, Long durationNs, boolean lockdep) {
        MachineSpec copy = machine.with(seed != null ? seed : machine.seed(),
            durationNs != null ? durationNs : machine.durationNs(), lockdep);
        return new CompiledScenario(scenario, copy, models, refusedDefaults, measure, reports, madeRaw);
    }

    public CompiledScenario withModels(List<Model> ms) {
        return new CompiledScenario(scenario, machine, ms, refusedDefaults, measure, reports, madeRaw);
    }
}
