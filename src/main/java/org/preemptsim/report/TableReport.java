package org.preemptsim.report;

import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.blame.BlameReport;
import org.preemptsim.metrics.blame.Bound;
import org.preemptsim.metrics.blame.Cause;

import java.util.ArrayList;
import java.util.List;
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
        why(sb, r);
        bound(sb, r);
        return sb.toString();
    }

    /** Per model, the three largest causes of the measured latency and what the worst sample was mostly. */
    static void why(StringBuilder sb, Results r) {
        boolean header = false;
        for (RunResult run : r.runs()) {
            BlameReport b = run.blame();
            if (!run.ok() || b == null || b.totalNs() == 0) {
                continue;
            }
            if (!header) {
                sb.append(String.format("%nwhy (the measured latency by cause; the worst sample's largest part):%n"));
                header = true;
            }
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < Cause.COUNT; c++) {
                if (b.causes().get(Cause.key(c)) > 0) {
                    order.add(c);
                }
            }
            order.sort((x, y) -> Long.compare(b.causes().get(Cause.key(y)), b.causes().get(Cause.key(x))));
            StringBuilder top = new StringBuilder();
            for (int i = 0; i < Math.min(3, order.size()); i++) {
                int c = order.get(i);
                top.append(i == 0 ? "" : ", ").append(Cause.label(c)).append(' ')
                    .append(Math.round(100.0 * b.causes().get(Cause.key(c)) / b.totalNs())).append('%');
            }
            sb.append(String.format(Locale.ROOT, "%-10s %s%n", run.model(), top));
            BlameReport.WorstSample w = b.worst().isEmpty() ? null : b.worst().get(0);
            if (w != null && !w.parts().isEmpty()) {
                BlameReport.Part p = w.parts().get(0);
                sb.append(String.format(Locale.ROOT, "%-10s worst %.1f us on CPU %d: %.1f us %s, %s%n", "", w.latencyNs() / 1e3,
                    w.cpu(), p.ns() / 1e3, p.cause(), p.detail()));
            }
        }
    }

    /** The rt bound beside the observed maximum, or why it does not apply. */
    static void bound(StringBuilder sb, Results r) {
        boolean header = false;
        for (RunResult run : r.runs()) {
            Bound b = run.bound();
            if (!run.ok() || b == null || (!b.applies() && !run.model().startsWith("rt"))) {
                continue;
            }
            if (!header) {
                sb.append(String.format("%nbound (ECRTS 2020, from the run's observed variables):%n"));
                header = true;
            }
            if (!b.applies()) {
                sb.append(String.format(Locale.ROOT, "%-10s does not apply: %s%n", run.model(), b.reason()));
                continue;
            }
            for (Bound.CpuBound c : b.cpus()) {
                sb.append(String.format(Locale.ROOT, "%-10s CPU %d %s: observed %.1f us, bound %.1f us (D_ST %.1f, D_POID %.1f, "
                    + "D_PAIE %.1f, D_PSD %.1f, I_NMI %.1f, I_IRQ %.1f)%n", run.model(), c.cpu(), c.task(), c.observedMaxNs() / 1e3,
                    c.boundNs() / 1e3, c.dStNs() / 1e3, c.dPoidNs() / 1e3, c.dPaieNs() / 1e3, c.dPsdNs() / 1e3, c.iNmiNs() / 1e3,
                    c.iIrqNs() / 1e3));
            }
        }
    }
}
