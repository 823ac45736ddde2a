package org.preemptsim.report;

import org.preemptsim.metrics.Accounting;
import org.preemptsim.metrics.Histograms;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.blame.BlameReport;
import org.preemptsim.metrics.blame.Bound;
import org.preemptsim.metrics.blame.Cause;
import org.preemptsim.metrics.blame.Tracers;
import org.preemptsim.workload.Durations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The self-contained HTML report of run and compare ({@code --html FILE}): one page, inline CSS
 * and SVG, no script and nothing fetched. Across models: a summary table, latency versus
 * throughput, the blame of each model, the percentile spectra, the latency tracers, the CPU time
 * and overhead accounting, the rt bound. Per model: the latency histogram (log counts, as OSADL's
 * plots), the percentile spectrum, the blame breakdown, the worst samples part by part, per-task
 * figures. Needs the analysis ({@link org.preemptsim.metrics.Measure#analysis()}); without it the
 * page says what is missing.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static void write(Results r, Path file) throws IOException {
        JsonReport.writeAtomically(file, render(r));
    }

    public static String render(Results r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .append("<title>preemptsim · ").append(Html.esc(r.scenario())).append("</title><style>").append(CSS)
            .append("</style></head><body>\n");
        header(h, r);
        h.append("<main>\n");
        overview(h, r);
        for (RunResult run : r.runs()) {
            model(h, run);
        }
        h.append("</main><footer>preemptsim · the same scenario and seed give the same page · every figure comes from the ")
            .append("simulated mechanism (preempt_count, need_resched, the preemption points)</footer></body></html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, Results r) {
        h.append("<header><div class=\"wrap\"><p class=\"kicker\">preemptsim · why was it late?</p><h1>")
            .append(Html.esc(r.scenario())).append("</h1><p class=\"meta\">kernel ").append(Html.esc(r.kernel()))
            .append(" · seed ").append(r.seed()).append(" · ").append(Durations.format(r.durationNs())).append(" simulated · ")
            .append(r.runs().size()).append(r.runs().size() == 1 ? " model" : " models").append("</p><nav>")
            .append("<a href=\"#overview\">overview</a>");
        for (RunResult run : r.runs()) {
            h.append("<a href=\"#model-").append(Html.esc(run.model())).append("\" style=\"--c:")
                .append(Html.modelColour(run.model())).append("\">").append(Html.esc(run.model())).append("</a>");
        }
        h.append("</nav></div></header>\n");
    }

    // ================================================================== across models

    private static void overview(StringBuilder h, Results r) {
        h.append("<section id=\"overview\"><h2>Across models</h2>");
        summaryTable(h, r.runs());
        h.append("<div class=\"grid\">");
        card(h, "Latency versus throughput", "p99 and maximum latency of the measured tasks against the user-space work "
            + "the other tasks completed", Charts.latencyVsThroughput(r.runs()));
        card(h, "What the latency was spent on", "each model's measured latency, split by cause (every instant charged "
            + "to one cause, highest precedence first)", Charts.blameByModel(r.runs()) + causeLegend());
        List<String> names = new ArrayList<>();
        List<Histograms.Distribution> dists = new ArrayList<>();
        List<String> colours = new ArrayList<>();
        for (RunResult run : r.runs()) {
            Histograms.Scope all = allScope(run);
            if (all != null && all.thread() != null) {
                names.add(run.model());
                dists.add(all.thread());
                colours.add(Html.modelColour(run.model()));
            }
        }
        card(h, "Percentile spectrum", "thread latency of the measured tasks at each percentile, per model",
            dists.isEmpty() ? Charts.spectrum(null, List.of("thread"), java.util.Arrays.asList((Histograms.Distribution) null),
                List.of(Html.THREAD), false) : Charts.spectrum(null, names, dists, colours, false));
        card(h, "Where the CPU time went", "user, system, hardirq, softirq and idle time over all CPUs, as /proc/stat",
            Charts.cpuTime(r.runs()));
        h.append("</div>");
        workloadsTable(h, r.runs());
        tracersTable(h, r.runs());
        accountingTable(h, r.runs());
        countersTable(h, r.runs());
        boundTable(h, r.runs());
        h.append("</section>\n");
    }

    private static Histograms.Scope allScope(RunResult run) {
        if (run.histograms() == null) {
            return null;
        }
        for (Histograms.Scope s : run.histograms()) {
            if (s.scope().equals("all")) {
                return s;
            }
        }
        return null;
    }

    private static void card(StringBuilder h, String title, String sub, String body) {
        h.append("<figure class=\"card\"><figcaption><strong>").append(Html.esc(title)).append("</strong><span>")
            .append(Html.esc(sub)).append("</span></figcaption>").append(body).append("</figure>");
    }

    private static String causeLegend() {
        StringBuilder s = new StringBuilder("<ul class=\"legend\">");
        for (int c = 0; c < Cause.COUNT; c++) {
            s.append("<li><i style=\"background:").append(Html.causeColour(c)).append("\"></i>").append(Html.esc(Cause.label(c)))
                .append("</li>");
        }
        return s.append("</ul>").toString();
    }

    private static void summaryTable(StringBuilder h, List<RunResult> runs) {
        h.append("<table id=\"summary\" class=\"data\"><caption>Latency of the measured tasks (µs) and throughput</caption>")
            .append("<thead><tr><th class=\"text\">model</th><th>samples</th><th>min</th><th>avg</th><th>p99</th><th>max</th>")
            .append("<th>max IRQ latency</th><th>user ms/s</th><th>switches</th><th>preemptions</th>")
            .append("<th class=\"text\">top cause</th><th class=\"text\">status</th></tr></thead><tbody>");
        for (RunResult run : runs) {
            h.append("<tr><th>").append(modelChip(run.model())).append("</th>");
            if (!run.ok()) {
                h.append("<td colspan=\"10\"></td><td class=\"bad\">").append(Html.esc(run.status())).append("</td></tr>");
                continue;
            }
            RunResult.Latency l = run.latency();
            Histograms.Scope all = allScope(run);
            boolean none = l.samples() == 0;
            long preempts = 0;
            for (long v : run.counters().preemptions().values()) {
                preempts += v;
            }
            h.append(td(Html.num(l.samples()))).append(td(none ? "–" : Html.us(l.minNs())))
                .append(td(none ? "–" : Html.us(l.avgNs()))).append(td(none ? "–" : Html.us(l.p99Ns())))
                .append(td(none ? "–" : Html.us(l.maxNs())))
                .append(td(all == null || all.irq() == null ? "–" : Html.us(all.irq().maxNs())))
                .append(td(String.format(Locale.ROOT, "%.1f", run.throughput().userNsPerS() / 1e6)))
                .append(td(Html.num(run.counters().contextSwitches()))).append(td(Html.num(preempts)))
                .append("<td class=\"text\">").append(topCause(run.blame())).append("</td><td class=\"text ok\">ok</td></tr>");
        }
        h.append("</tbody></table>");
    }

    private static String topCause(BlameReport b) {
        if (b == null || b.totalNs() == 0) {
            return "–";
        }
        int best = 0;
        for (int c = 1; c < Cause.COUNT; c++) {
            if (b.causes().get(Cause.key(c)) > b.causes().get(Cause.key(best))) {
                best = c;
            }
        }
        return swatch(best) + Html.esc(Cause.label(best)) + " " + Html.pct((double) b.causes().get(Cause.key(best)) / b.totalNs());
    }

    private static String swatch(int cause) {
        return "<i class=\"sw\" style=\"background:" + Html.causeColour(cause) + "\"></i>";
    }

    private static String modelChip(String model) {
        return "<span class=\"chip\" style=\"--c:" + Html.modelColour(model) + "\">" + Html.esc(model) + "</span>";
    }

    private static String td(String s) {
        return "<td>" + s + "</td>";
    }

    /** The built-in workloads' own figures (hackbench's time and messages/s, ...), a row per model and workload. */
    private static void workloadsTable(StringBuilder h, List<RunResult> runs) {
        List<String> keys = new ArrayList<>();
        for (RunResult run : runs) {
            if (run.ok() && run.workloads() != null) {
                for (RunResult.WorkloadResult w : run.workloads()) {
                    for (String k : w.figures().keySet()) {
                        if (!keys.contains(k)) {
                            keys.add(k);
                        }
                    }
                }
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        h.append("<table id=\"workloads\" class=\"data\"><caption>Work completed: the workloads' own figures</caption>")
            .append("<thead><tr><th class=\"text\">model</th><th class=\"text\">workload</th>");
        for (String k : keys) {
            h.append("<th>").append(Html.esc(k)).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (RunResult run : runs) {
            if (!run.ok() || run.workloads() == null) {
                continue;
            }
            for (RunResult.WorkloadResult w : run.workloads()) {
                h.append("<tr><th>").append(modelChip(run.model())).append("</th><td class=\"text\">").append(Html.esc(w.workload()))
                    .append(' ').append(Html.esc(w.name())).append("</td>");
                for (String k : keys) {
                    Long v = w.figures().get(k);
                    h.append(td(v == null ? "–" : k.endsWith("_ns") ? Html.ns(v) : Html.num(v)));
                }
                h.append("</tr>");
            }
        }
        h.append("</tbody></table>");
    }

    private static void tracersTable(StringBuilder h, List<RunResult> runs) {
        h.append("<table id=\"tracers\" class=\"data\"><caption>The kernel's latency tracers: longest sections ")
            .append("(wall time, where they began → ended)</caption><thead><tr><th class=\"text\">model</th>")
            .append("<th class=\"text\">irqsoff</th><th class=\"text\">preemptoff</th><th class=\"text\">preemptirqsoff</th>")
            .append("<th class=\"text\">wakeup_rt</th></tr></thead><tbody>");
        for (RunResult run : runs) {
            h.append("<tr><th>").append(modelChip(run.model())).append("</th>");
            Tracers t = run.tracers();
            if (t == null) {
                h.append("<td colspan=\"4\" class=\"text\">–</td></tr>");
                continue;
            }
            h.append(section(t.irqsoff())).append(section(t.preemptoff())).append(section(t.preemptirqsoff()));
            if (t.wakeupRt() == null) {
                h.append("<td class=\"text\">no RT wakeup</td>");
            } else {
                h.append("<td class=\"text\"><b>").append(Html.ns(t.wakeupRt().maxNs())).append("</b><small>")
                    .append(Html.esc(t.wakeupRt().task())).append(" on CPU ").append(t.wakeupRt().cpu()).append("</small></td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
    }

    private static String section(Tracers.Section s) {
        if (s == null) {
            return "<td class=\"text\">not on this build</td>";
        }
        return "<td class=\"text\"><b>" + Html.ns(s.maxNs()) + "</b> <span class=\"dim\">CPU " + s.cpu() + "</span><small>"
            + Html.esc(s.begin()) + "<br>→ " + Html.esc(s.end()) + "</small></td>";
    }

    private static void accountingTable(StringBuilder h, List<RunResult> runs) {
        h.append("<table id=\"accounting\" class=\"data\"><caption>CPU time (as /proc/stat, all CPUs) and the overhead the ")
            .append("kernel executed (operations × their cost)</caption><thead><tr><th class=\"text\">model</th>");
        for (String c : Charts.CPU_CATS) {
            h.append("<th>").append(c).append("</th>");
        }
        h.append("<th>__schedule</th><th>context switch</th><th>cache refill</th><th>IRQ entry/exit</th>")
            .append("<th>preemptibility ops</th></tr></thead><tbody>");
        for (RunResult run : runs) {
            h.append("<tr><th>").append(modelChip(run.model())).append("</th>");
            if (!run.ok()) {
                h.append("<td colspan=\"10\"></td></tr>");
                continue;
            }
            Map<String, Long> cpu = run.throughput().cpuTimeNs();
            long total = 0;
            for (long v : cpu.values()) {
                total += v;
            }
            for (String c : Charts.CPU_CATS) {
                long v = cpu.getOrDefault(c, 0L);
                h.append("<td title=\"").append(Html.ns(v)).append("\">").append(Html.pct(total == 0 ? 0 : (double) v / total))
                    .append("</td>");
            }
            Accounting a = run.accounting();
            for (String k : List.of("schedule", "context_switch", "cache_refill", "irq_entry_exit", "preemptibility_ops")) {
                h.append(td(a == null ? "–" : Html.ns(a.overheadNs().get(k))));
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
    }

    private static void countersTable(StringBuilder h, List<RunResult> runs) {
        List<String> points = null;
        for (RunResult run : runs) {
            if (run.ok()) {
                points = new ArrayList<>(run.counters().preemptions().keySet());
                break;
            }
        }
        if (points == null) {
            return;
        }
        h.append("<table id=\"counters\" class=\"data\"><caption>Preemptions by the point they happened at, IPIs and ")
            .append("need_resched requests</caption><thead><tr><th class=\"text\">model</th>");
        for (String p : points) {
            h.append("<th>").append(Html.esc(p)).append("</th>");
        }
        h.append("<th>resched IPIs</th><th>full requests</th><th>lazy requests</th></tr></thead><tbody>");
        for (RunResult run : runs) {
            h.append("<tr><th>").append(modelChip(run.model())).append("</th>");
            if (!run.ok()) {
                h.append("<td colspan=\"").append(points.size() + 3).append("\"></td></tr>");
                continue;
            }
            for (String p : points) {
                h.append(td(Html.num(run.counters().preemptions().get(p))));
            }
            h.append(td(Html.num(run.counters().reschedIpis()))).append(td(Html.num(run.counters().reschedRequests())))
                .append(td(Html.num(run.counters().lazyReschedRequests()))).append("</tr>");
        }
        h.append("</tbody></table>");
    }

    private static void boundTable(StringBuilder h, List<RunResult> runs) {
        h.append("<table id=\"bound\" class=\"data\"><caption>The PREEMPT_RT scheduling-latency bound (de Oliveira et al., ")
            .append("ECRTS 2020): L = max(D<sub>ST</sub>, D<sub>POID</sub>) + D<sub>PAIE</sub> + D<sub>PSD</sub> + ")
            .append("I<sub>NMI</sub>(L) + I<sub>IRQ</sub>(L), from the run's own observed variables</caption><thead><tr>")
            .append("<th class=\"text\">model</th><th>CPU</th><th class=\"text\">thread</th><th>observed max</th><th>bound</th>")
            .append("<th>sporadic</th>")
            .append("<th>D<sub>ST</sub></th><th>D<sub>POID</sub></th><th>D<sub>PAIE</sub></th><th>D<sub>PSD</sub></th>")
            .append("<th>I<sub>NMI</sub></th><th>I<sub>IRQ</sub></th></tr></thead><tbody>");
        boolean any = false;
        for (RunResult run : runs) {
            Bound b = run.bound();
            if (b == null || !run.model().startsWith("rt")) {
                continue; // the bound is of PREEMPT_RT kernels only
            }
            any = true;
            if (!b.applies()) {
                h.append("<tr><th>").append(modelChip(run.model())).append("</th><td colspan=\"11\" class=\"text dim\">")
                    .append("does not apply: ").append(Html.esc(b.reason())).append("</td></tr>");
                continue;
            }
            for (Bound.CpuBound c : b.cpus()) {
                h.append("<tr><th>").append(modelChip(run.model())).append("</th>").append(td(Integer.toString(c.cpu())))
                    .append("<td class=\"text\">").append(Html.esc(c.task())).append("</td>")
                    .append(td(Html.ns(c.observedMaxNs()))).append("<td class=\"")
                    .append(c.observedMaxNs() <= c.boundNs() ? "ok" : "bad").append("\"><b>").append(Html.ns(c.boundNs()))
                    .append("</b></td>").append(td(c.sporadicBoundNs() == null ? "diverges" : Html.ns(c.sporadicBoundNs())))
                    .append(td(Html.ns(c.dStNs()))).append(td(Html.ns(c.dPoidNs()))).append(td(Html.ns(c.dPaieNs())))
                    .append(td(Html.ns(c.dPsdNs()))).append(td(Html.ns(c.iNmiNs()))).append(td(Html.ns(c.iIrqNs())))
                    .append("</tr>");
            }
        }
        if (!any) {
            h.append("<tr><td colspan=\"12\" class=\"text dim\">no PREEMPT_RT model (rt, rt-lazy) in these results</td></tr>");
        }
        h.append("</tbody></table>");
    }

    // ================================================================== one model

    private static void model(StringBuilder h, RunResult run) {
        h.append("<section class=\"model\" id=\"model-").append(Html.esc(run.model())).append("\" style=\"--c:")
            .append(Html.modelColour(run.model())).append("\"><h2>").append(Html.esc(run.model())).append("</h2>");
        if (!run.ok()) {
            h.append("<p class=\"bad\">The simulated kernel stopped this run: ").append(Html.esc(run.status()))
                .append("</p><pre>").append(Html.esc(run.bug())).append("</pre></section>\n");
            return;
        }
        Histograms.Scope all = allScope(run);
        BlameReport b = run.blame();
        if (all == null || b == null) {
            h.append("<p class=\"dim\">No analysis in these results (the run did not attach it).</p></section>\n");
            return;
        }
        RunResult.Latency l = run.latency();
        if (l.samples() == 0) {
            h.append("<p class=\"lead dim\">No latency sample: the scenario has no measured task.</p>");
        } else {
            h.append("<p class=\"lead\">").append(Html.num(l.samples())).append(" samples of the measured tasks: min ")
                .append(Html.ns(l.minNs())).append(", avg ").append(Html.ns(l.avgNs())).append(", p99 ").append(Html.ns(l.p99Ns()))
                .append(", max <b>").append(Html.ns(l.maxNs())).append("</b>").append(leadCause(b)).append(".</p>");
        }
        h.append("<div class=\"grid\">");
        card(h, "Latency histogram", "thread latency bars and timerlat IRQ latency steps, log counts",
            Charts.histogram(run.model(), all.thread(), all.irq()));
        card(h, "Percentile spectrum", "latency at each percentile: thread and IRQ latency",
            Charts.spectrum(run.model(), List.of("thread latency", "IRQ latency"), java.util.Arrays.asList(all.thread(),
                all.irq()), List.of(Html.THREAD, Html.IRQ), true));
        card(h, "Blame", "share of the measured latency by cause, over all " + b.samples() + " samples",
            Charts.blame(run.model(), b));
        card(h, "The worst samples", "each one's latency split by cause", Charts.worst(run.model(), b) + causeLegend());
        h.append("</div>");
        worstTable(h, run.model(), b);
        tasksTable(h, run);
        h.append("</section>\n");
    }

    private static String leadCause(BlameReport b) {
        if (b.totalNs() == 0 || b.worst().isEmpty()) {
            return "";
        }
        BlameReport.WorstSample w = b.worst().get(0);
        if (w.parts().isEmpty()) {
            return "";
        }
        BlameReport.Part p = w.parts().get(0);
        return "; the worst was mostly " + Html.esc(Cause.label(Html.causeOf(p.cause()))) + " (" + Html.esc(p.detail()) + ")";
    }

    private static void worstTable(StringBuilder h, String model, BlameReport b) {
        h.append("<table class=\"data worst\" data-model=\"").append(Html.esc(model)).append("\"><caption>The worst samples, ")
            .append("part by part (as rtla timerlat -a)</caption><thead><tr><th>#</th><th class=\"text\">task</th><th>CPU</th>")
            .append("<th>expiry</th><th>latency</th><th>IRQ latency</th><th class=\"wide\">what stood between</th></tr>")
            .append("</thead><tbody>");
        int rank = 1;
        for (BlameReport.WorstSample w : b.worst()) {
            h.append("<tr><td>").append(rank++).append("</td><td class=\"text\">").append(Html.esc(w.task())).append("</td>")
                .append(td(Integer.toString(w.cpu()))).append(td(Html.ns(w.expiryNs()))).append("<td><b>")
                .append(Html.ns(w.latencyNs())).append("</b></td>")
                .append(td(w.irqLatencyNs() == null ? "–" : Html.ns(w.irqLatencyNs()))).append("<td class=\"text\"><ul class=\"parts\">");
            for (BlameReport.Part p : w.parts()) {
                h.append("<li>").append(swatch(Html.causeOf(p.cause()))).append("<span class=\"n\">").append(Html.ns(p.ns()))
                    .append("</span> ").append(Html.esc(Cause.label(Html.causeOf(p.cause())))).append(" <span class=\"dim\">")
                    .append(Html.esc(p.detail())).append("</span></li>");
            }
            h.append("</ul></td></tr>");
        }
        if (b.worst().isEmpty()) {
            h.append("<tr><td colspan=\"7\" class=\"text dim\">no samples</td></tr>");
        }
        h.append("</tbody></table>");
    }

    private static void tasksTable(StringBuilder h, RunResult run) {
        h.append("<table class=\"data tasks\" data-model=\"").append(Html.esc(run.model())).append("\"><caption>Tasks: ")
            .append("latency (µs), context switches, work done</caption><thead><tr><th class=\"text\">task</th><th>CPU</th>")
            .append("<th>samples</th>")
            .append("<th>min</th><th>avg</th><th>p99</th><th>max</th><th>IRQ max</th><th>nvcsw</th><th>nivcsw</th>")
            .append("<th>user ms/s</th><th>jobs/s</th></tr></thead><tbody>");
        Accounting a = run.accounting();
        for (int i = 0; i < run.tasks().size(); i++) {
            RunResult.TaskResult t = run.tasks().get(i);
            Accounting.TaskWork w = a == null || i >= a.tasks().size() ? null : a.tasks().get(i);
            RunResult.Latency l = t.latency();
            h.append("<tr").append(t.measured() ? " class=\"measured\"" : "").append("><td class=\"text\">")
                .append(Html.esc(t.name())).append("</td>").append(td(Integer.toString(t.cpu())))
                .append(td(l == null ? "–" : Html.num(l.samples()))).append(td(l == null ? "–" : Html.us(l.minNs())))
                .append(td(l == null ? "–" : Html.us(l.avgNs()))).append(td(l == null ? "–" : Html.us(l.p99Ns())))
                .append(td(l == null ? "–" : Html.us(l.maxNs())))
                .append(td(t.irqLatency() == null ? "–" : Html.us(t.irqLatency().maxNs())))
                .append(td(Html.num(t.nvcsw()))).append(td(Html.num(t.nivcsw())))
                .append(td(w == null ? "–" : String.format(Locale.ROOT, "%.1f", w.userNsPerS() / 1e6)))
                .append(td(w == null || w.jobsPerS() == null ? "–" : Charts.trim(w.jobsPerS()))).append("</tr>");
        }
        h.append("</tbody></table>");
        if (run.workloads() != null) {
            for (RunResult.WorkloadResult wr : run.workloads()) {
                h.append("<p class=\"workload\"><b>").append(Html.esc(wr.workload())).append("</b> ").append(Html.esc(wr.name()));
                for (Map.Entry<String, Long> e : wr.figures().entrySet()) {
                    h.append(" · ").append(Html.esc(e.getKey())).append(' ')
                        .append(e.getKey().endsWith("_ns") ? Html.ns(e.getValue()) : Html.num(e.getValue()));
                }
                h.append("</p>");
            }
        }
    }

    private static final String CSS = String.join("\n",
        ":root{--ink:#111827;--dim:#6B7280;--line:#E5E7EB;--bg:#F8FAFC;--card:#FFFFFF;--accent:#2563EB}",
        "*{box-sizing:border-box}",
        "body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,"
            + "'Helvetica Neue',Arial,'DejaVu Sans',sans-serif}",
        "header{background:linear-gradient(135deg,#0F172A,#1E3A8A);color:#F8FAFC;padding:28px 0 18px}",
        ".wrap,main,footer{max-width:1240px;margin:0 auto;padding:0 28px}",
        ".kicker{margin:0;text-transform:uppercase;letter-spacing:.12em;font-size:12px;color:#93C5FD}",
        "h1{margin:4px 0 2px;font-size:28px;font-weight:650}",
        ".meta{margin:0 0 14px;color:#CBD5E1}",
        "nav{display:flex;flex-wrap:wrap;gap:8px}",
        "nav a{color:#F8FAFC;text-decoration:none;border:1px solid rgba(255,255,255,.25);border-radius:999px;padding:3px 12px;"
            + "font-size:13px}",
        "nav a::before{content:'';display:inline-block;width:8px;height:8px;border-radius:50%;background:var(--c,#93C5FD);"
            + "margin-right:6px;vertical-align:1px}",
        "nav a:hover{background:rgba(255,255,255,.1)}",
        "section{margin:28px 0 8px}",
        "h2{font-size:21px;margin:0 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}",
        ".model h2{border-bottom-color:var(--c)}",
        ".model h2::before{content:'';display:inline-block;width:12px;height:12px;border-radius:3px;background:var(--c);"
            + "margin-right:10px;vertical-align:1px}",
        ".lead{margin:0 0 14px;font-size:15px}",
        ".grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:16px;margin:14px 0}",
        ".card{margin:0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 14px 10px;"
            + "box-shadow:0 1px 2px rgba(15,23,42,.05)}",
        "figcaption{margin:0 0 8px}",
        "figcaption strong{display:block;font-size:15px}",
        "figcaption span{color:var(--dim);font-size:12.5px}",
        "svg.chart{width:100%;height:auto;display:block;font-family:inherit}",
        "svg .grid{stroke:#EEF0F3;stroke-width:1}",
        "svg .axis{stroke:#9CA3AF;stroke-width:1}",
        "svg .tick{font-size:11px;fill:#6B7280}",
        "svg .axis-title{font-size:12px;fill:#374151}",
        "svg .label{font-size:12px;fill:#374151}",
        "svg .value{font-size:11.5px;fill:#374151}",
        "svg .legend{font-size:12px;fill:#374151}",
        "svg .point-label{font-size:12px;font-weight:600;fill:#111827}",
        "svg .empty{font-size:14px;fill:#9CA3AF}",
        "svg .step{fill:none;stroke-width:2}",
        "svg .legend-irq{stroke:#EA580C;stroke-width:2}",
        "svg .series{fill:none;stroke-width:2.2}",
        "svg .key{stroke-width:2.4}",
        "svg .dashed{stroke-dasharray:6 4}",
        "svg .pair{stroke-width:2;opacity:.6}",
        "svg .leader{stroke:#9CA3AF;stroke-width:1}",
        "svg rect{shape-rendering:crispEdges}",
        ".legend{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 12px;font-size:12px;color:#374151}",
        ".legend i,.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}",
        "table.data{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:10px;"
            + "overflow:hidden;margin:14px 0;font-variant-numeric:tabular-nums}",
        "table.data caption{caption-side:top;text-align:left;font-weight:600;padding:0 0 6px;font-size:14px}",
        "table.data th,table.data td{padding:6px 10px;border-bottom:1px solid #F1F5F9;text-align:right;vertical-align:top}",
        "table.data thead th{background:#F1F5F9;color:#374151;font-weight:600;font-size:12.5px;white-space:nowrap}",
        "table.data tbody tr:nth-child(even){background:#FAFBFC}",
        "table.data .text{text-align:left}",
        "table.data td:not(.text){white-space:nowrap}",
        "table.data tbody th{text-align:left;font-weight:600}",
        "table.data small{display:block;color:var(--dim);font-size:11.5px;margin-top:2px}",
        "th.wide{text-align:left!important;min-width:260px}",
        ".chip{display:inline-block;border-left:4px solid var(--c);padding-left:7px}",
        ".dim{color:var(--dim)}",
        ".ok{color:#15803D}",
        ".bad{color:#B91C1C}",
        "tr.measured td:first-child{font-weight:600}",
        ".split{display:flex;height:12px;border-radius:3px;overflow:hidden;min-width:240px;background:#F3F4F6}",
        ".split span{display:block;height:100%}",
        "ul.parts{list-style:none;margin:0;padding:0}",
        "ul.parts li{margin:1px 0}",
        "ul.parts .n{display:inline-block;min-width:72px;text-align:right;margin-right:6px;font-weight:600}",
        "pre{background:#0F172A;color:#E2E8F0;padding:12px;border-radius:8px;overflow:auto}",
        ".workload{margin:4px 0 12px}",
        "footer{color:var(--dim);font-size:12px;padding-top:10px;padding-bottom:30px}");
}
