package org.preemptsim.workload.scenario;

import org.preemptsim.metrics.RunResult;

import java.util.List;
import java.util.Locale;

/** The written tasks that measure something: latency (measured: true) or response times (job_done). */
record TasksReport(List<Integer> tasks) implements WorkloadReport {

    @Override
    public String workload() {
        return "tasks";
    }

    @Override
    public RunResult.WorkloadResult figures(RunResult r) {
        return null;
    }

    @Override
    public void render(RunResult r, StringBuilder out) {
        out.append(String.format(Locale.ROOT, "%-16s %7s %9s %9s %9s %9s   %7s %11s %11s %7s%n", "task", "samples", "min(us)", "act(us)",
            "avg(us)", "max(us)", "jobs", "worst(us)", "avg(us)", "misses"));
        for (int idx : tasks) {
            RunResult.TaskResult t = r.tasks().get(idx);
            RunResult.Latency l = t.latency();
            RunResult.Response resp = t.response();
            out.append(String.format(Locale.ROOT, "%-16s %7s %9s %9s %9s %9s   %7s %11s %11s %7s%n", t.name(),
                l == null ? "-" : Long.toString(l.samples()), l == null ? "-" : us(l.minNs()),
                t.actNs() == null ? "-" : us(t.actNs()), l == null ? "-" : us(l.avgNs()), l == null ? "-" : us(l.maxNs()),
                resp == null ? "-" : Long.toString(resp.jobs()), resp == null ? "-" : us(resp.maxNs()),
                resp == null ? "-" : us(resp.avgNs()), resp == null ? "-" : Long.toString(resp.deadlineMisses())));
        }
    }

    private static String us(long ns) {
        return String.format(Locale.ROOT, "%.1f", ns / 1e3);
    }
}
