package org.preemptsim.workload.scenario;

import org.preemptsim.metrics.RunResult;

/**
 * How a compiled workload reads its results back out of a run: its own figures for the JSON
 * (hackbench's time, ...) and its lines for the terminal (cyclictest's T: lines, ...). It knows
 * its tasks by their index in the machine, which is their index in {@link RunResult#tasks()}.
 */
public interface WorkloadReport {

    /** The built-in's name, e.g. {@code hackbench}. */
    String workload();

    /** Figures for the JSON, or null when the workload has none beyond its tasks' own. */
    RunResult.WorkloadResult figures(RunResult r);

    /** Appends the terminal lines for one model's run (only called for runs that completed). */
    void render(RunResult r, StringBuilder out);
}
