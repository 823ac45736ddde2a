package org.preemptsim.cli;

import org.preemptsim.workload.scenario.CompiledScenario;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The overrides every command that runs one scenario file takes (run, trace, verify), as a picocli
 * mixin: --seed, --duration and --lockdep, and loading the file with them applied. compare keeps its
 * own, whose help names the built-in scenario's defaults.
 */
final class ScenarioOptions {

    @Option(names = "--seed", paramLabel = "S", description = "Overrides the scenario's seed.")
    Long seed;

    @Option(names = "--duration", paramLabel = "D", description = "Overrides the scenario's simulated time, e.g. 500ms or 2s.")
    String duration;

    @Option(names = "--lockdep", description = "Turns the lock validator on (the scenario's lockdep: key; off by default).")
    boolean lockdep;

    /** The scenario file with the overrides applied; --duration is checked before the file is read. */
    CompiledScenario load(String cmd, Path scenario) throws ScenarioRun.BadInput {
        Long durationNs = ScenarioRun.duration(cmd, duration);
        return ScenarioRun.lockdep(ScenarioRun.load(scenario).with(seed, durationNs), lockdep);
    }
}
