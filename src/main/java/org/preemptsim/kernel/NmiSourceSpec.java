package org.preemptsim.kernel;

import org.preemptsim.workload.Arrivals;
import org.preemptsim.workload.Dist;

/** A source of NMIs (perf counter overflow, watchdog) on one CPU. */
public record NmiSourceSpec(String name, int cpu, Arrivals.Process arrivals, Dist handler) {
}
