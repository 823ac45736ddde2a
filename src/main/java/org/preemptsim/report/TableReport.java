package org.preemptsim.report;

import org.preemptsim.metrics.RunResult;

import java.util.Locale;

/** The terminal table: one row per model, latency in microseconds as cyclictest prints it. */
public final class TableReport {

    private TableReport() {
    }

    public static String render(Results r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "scenario %s, kernel %s, seed %d, %s simulated%n%n", r.scenario(), r.kernel(),
            r.seed(), org.preemptsim.workload.Durations.format(r.durationNs())));
        sb.append(String.format(Locale.ROOT, "%-10s %8s %9s %9s %9s %9s  %14s %10s %10s  %s%n", "model", "samples",
            "min(us)", "avg(us)", "p99(us)", "max(us)", "user ms/s", "switches", "preempts", "status"));
        for (RunResult run : r.runs()) {
            if (!run.ok()) {
                sb.append(String.format(Locale.ROOT, "%-10s %s%n", run.model(), run.status()));
                continue;
            }
            RunResult.Latency l = run.latency();
            long preempts = 0;
            for (long v : run.counters().preemptions().values()) {
                preempts += v;
            }
            sb.append(String.format(Locale.ROOT, "%-10s %8d %9.1f %9.1f %9.1f %9.1f  %14.3f %10d %10d  %s%n", run.model(),
                l.samples(), l.minNs() / 1e3, l.avgNs() / 1e3, l.p99Ns() / 1e3, l.maxNs() / 1e3,
                run.throughput().userNsPerS() / 1e6, run.counters().contextSwitches(), preempts, run.status()));
        }
        return sb.toString();
    }
}
