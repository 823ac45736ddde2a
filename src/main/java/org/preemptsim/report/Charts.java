package org.preemptsim.report;

import org.preemptsim.metrics.Histograms;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.blame.BlameReport;
import org.preemptsim.metrics.blame.Cause;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's charts as inline SVG: histograms, percentile spectra, blame bars, latency vs throughput. */
final class Charts {

    private Charts() {
    }

    private static final int W = 560;
    private static final int H = 300;

    /**
     * Latency histogram with a log count axis, as OSADL's latency plots: thread latency as bars,
     * the timerlat IRQ latency as a step line over them.
     */
    static String histogram(String model, Histograms.Distribution thread, Histograms.Distribution irq) {
        Svg s = new Svg("histogram", model, W, H, 62, 18, 16, 44, "latency histogram, " + model);
        if (thread == null) {
            return empty(s, "no latency samples");
        }
        long xmax = Math.max(thread.bucketNs() * thread.counts().length, irq == null ? 0 : irq.bucketNs() * irq.counts().length);
        long cmax = Math.max(maxOf(thread.counts()), irq == null ? 0 : maxOf(irq.counts()));
        double decades = Math.max(1, Math.ceil(Math.log10(cmax)));
        // log10(count) from log10(0.5), so that a single sample still shows
        double base = Math.log10(0.5);
        double ytop = decades;
        double xstepUs = Svg.niceStep(xmax / 1e3, 6);
        for (double v = 0; v <= xmax / 1e3 + 1e-9; v += xstepUs) {
            double x = s.left + v * 1e3 / xmax * s.plotWidth();
            s.line(x, s.top, x, s.bottom, "grid");
            s.text(x, s.bottom + 16, "middle", "tick", trim(v));
        }
        for (int d = 0; d <= decades; d++) {
            double y = s.bottom - (d - base) / (ytop - base) * s.plotHeight();
            s.line(s.left, y, s.right, y, "grid");
            s.text(s.left - 6, y + 4, "end", "tick", decade(d));
        }
        bars(s, thread, xmax, base, ytop, Html.THREAD);
        if (irq != null) {
            steps(s, irq, xmax, base, ytop, Html.IRQ);
        }
        s.frame();
        legend(s, irq != null);
        s.xTitle("latency (µs)");
        s.yTitle("samples (log)");
        return s.end();
    }

    private static void bars(Svg s, Histograms.Distribution d, long xmax, double base, double ytop, String colour) {
        long[] c = d.counts();
        for (int i = 0; i < c.length; i++) {
            if (c[i] == 0) {
                continue;
            }
            double x0 = s.left + (double) i * d.bucketNs() / xmax * s.plotWidth();
            double x1 = s.left + (double) (i + 1) * d.bucketNs() / xmax * s.plotWidth();
            double y = s.bottom - (Math.log10(c[i]) - base) / (ytop - base) * s.plotHeight();
            s.rect(x0, y, Math.max(1, x1 - x0 - 0.5), s.bottom - y, colour,
                Html.ns(i * d.bucketNs()) + " – " + Html.ns((i + 1) * d.bucketNs()) + ": " + c[i] + " samples");
        }
    }

    private static void steps(Svg s, Histograms.Distribution d, long xmax, double base, double ytop, String colour) {
        long[] c = d.counts();
        StringBuilder p = new StringBuilder();
        boolean open = false;
        for (int i = 0; i < c.length; i++) {
            double x0 = s.left + (double) i * d.bucketNs() / xmax * s.plotWidth();
            double x1 = s.left + (double) (i + 1) * d.bucketNs() / xmax * s.plotWidth();
            if (c[i] == 0) {
                open = false;
                continue;
            }
            double y = s.bottom - (Math.log10(c[i]) - base) / (ytop - base) * s.plotHeight();
            p.append(open ? " L" : " M").append(Svg.f(x0)).append(' ').append(Svg.f(open ? y : s.bottom));
            if (!open) {
                p.append(" L").append(Svg.f(x0)).append(' ').append(Svg.f(y));
            }
            p.append(" L").append(Svg.f(x1)).append(' ').append(Svg.f(y));
            boolean nextEmpty = i + 1 >= c.length || c[i + 1] == 0;
            if (nextEmpty) {
                p.append(" L").append(Svg.f(x1)).append(' ').append(Svg.f(s.bottom));
            }
            open = !nextEmpty;
        }
        s.path(p.toString().trim(), "step", "stroke:" + colour);
    }

    private static void legend(Svg s, boolean irq) {
        double x = s.right - 150;
        s.rect(x, s.top + 4, 12, 12, Html.THREAD, null).text(x + 18, s.top + 14, "start", "legend", "thread latency");
        if (irq) {
            s.line(x, s.top + 30, x + 12, s.top + 30, "legend-irq").text(x + 18, s.top + 34, "start", "legend", "IRQ latency");
        }
    }

    /** The percentile spectrum: latency at 50, 90, 99, ... 99.999 % and the maximum, per distribution. */
    static String spectrum(String model, List<String> names, List<Histograms.Distribution> dists, List<String> colours,
                           boolean dashedIrq) {
        Svg s = new Svg("spectrum", model, W, H, 62, 18, 16, 44, "percentile spectrum" + (model == null ? "" : ", " + model));
        long ymax = 0;
        int n = 0;
        for (Histograms.Distribution d : dists) {
            if (d != null) {
                ymax = Math.max(ymax, d.maxNs());
                n = d.percentiles().size();
            }
        }
        if (n == 0) {
            return empty(s, "no latency samples");
        }
        long ymin = Long.MAX_VALUE;
        for (Histograms.Distribution d : dists) {
            if (d != null) {
                for (Histograms.Percentile pc : d.percentiles()) {
                    if (pc.ns() > 0) {
                        ymin = Math.min(ymin, pc.ns());
                    }
                }
            }
        }
        // a log axis when the curves span more than a decade and a half: the small ones stay visible
        YAxis ya = ymin != Long.MAX_VALUE && ymax > 30 * ymin ? YAxis.log(ymin, ymax) : YAxis.linear(ymax);
        ya.draw(s);
        Histograms.Distribution any = dists.stream().filter(d -> d != null).findFirst().orElseThrow();
        for (int i = 0; i < n; i++) {
            double x = xAt(s, i, n);
            double p = any.percentiles().get(i).percentile();
            s.line(x, s.top, x, s.bottom, "grid");
            s.text(x, s.bottom + 16, "middle", "tick", p == 100 ? "max" : trim(p) + "%");
        }
        for (int k = 0; k < dists.size(); k++) {
            Histograms.Distribution d = dists.get(k);
            if (d == null) {
                continue;
            }
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < n; i++) {
                double y = ya.y(s, d.percentiles().get(i).ns());
                path.append(i == 0 ? "M" : " L").append(Svg.f(xAt(s, i, n))).append(' ').append(Svg.f(y));
            }
            boolean dashed = dashedIrq && k == 1;
            s.path(path.toString(), dashed ? "series dashed" : "series", "stroke:" + colours.get(k));
            for (int i = 0; i < n; i++) {
                Histograms.Percentile pc = d.percentiles().get(i);
                double y = ya.y(s, pc.ns());
                s.circle(xAt(s, i, n), y, 3, "#fff", colours.get(k), names.get(k) + " "
                    + (pc.percentile() == 100 ? "max" : trim(pc.percentile()) + "%") + ": " + Html.ns(pc.ns()));
            }
        }
        double ly = s.top + 10;
        for (int k = 0; k < dists.size(); k++) {
            if (dists.get(k) == null) {
                continue;
            }
            s.raw("<line class=\"" + (dashedIrq && k == 1 ? "key dashed" : "key") + "\" x1=\"" + Svg.f(s.left + 12) + "\" y1=\""
                + Svg.f(ly) + "\" x2=\"" + Svg.f(s.left + 30) + "\" y2=\"" + Svg.f(ly) + "\" style=\"stroke:" + colours.get(k) + "\"/>");
            s.text(s.left + 34, ly + 4, "start", "legend", names.get(k));
            ly += 16;
        }
        s.frame();
        s.xTitle("percentile (nines)");
        s.yTitle(ya.log ? "latency (µs, log)" : "latency (µs)");
        return s.end();
    }

    /** A latency axis in µs: linear from 0, or log over whole decades. */
    private record YAxis(boolean log, double lo, double hi) {
        static YAxis linear(long maxNs) {
            double step = Svg.niceStep(maxNs / 1e3 * 1.05, 5);
            return new YAxis(false, 0, Math.max(step, Math.ceil(maxNs / 1e3 * 1.05 / step) * step));
        }

        static YAxis log(long minNs, long maxNs) {
            return new YAxis(true, Math.floor(Math.log10(minNs / 1e3)), Math.ceil(Math.log10(maxNs / 1e3)));
        }

        double y(Svg s, long ns) {
            double v = log ? (Math.log10(Math.max(ns, 1) / 1e3) - lo) / (hi - lo) : (ns / 1e3 - lo) / (hi - lo);
            return s.bottom - Math.max(0, v) * s.plotHeight();
        }

        void draw(Svg s) {
            if (log) {
                for (double d = lo; d <= hi; d++) {
                    double y = s.bottom - (d - lo) / (hi - lo) * s.plotHeight();
                    s.line(s.left, y, s.right, y, "grid");
                    s.text(s.left - 6, y + 4, "end", "tick", logTick(d));
                }
                return;
            }
            double step = Svg.niceStep(hi, 5);
            for (double v = 0; v <= hi + 1e-9; v += step) {
                double y = s.bottom - v / hi * s.plotHeight();
                s.line(s.left, y, s.right, y, "grid");
                s.text(s.left - 6, y + 4, "end", "tick", trim(v));
            }
        }
    }

    private static double xAt(Svg s, int i, int n) {
        return s.left + 20 + i * (s.plotWidth() - 40) / (n - 1);
    }

    /** Each cause's share of the model's measured latency, as horizontal bars in precedence order. */
    static String blame(String model, BlameReport b) {
        List<Integer> causes = new ArrayList<>();
        for (int c = 0; c < Cause.COUNT; c++) {
            if (b.causes().get(Cause.key(c)) > 0) {
                causes.add(c);
            }
        }
        int rows = Math.max(1, causes.size());
        Svg s = new Svg("blame", model, W, 36 + rows * 24, 190, 10, 96, 18, "latency blame, " + model);
        if (b.totalNs() == 0) {
            return empty(s, b.samples() == 0 ? "no latency samples" : "every sample was 0 ns");
        }
        double y = s.top;
        for (int c : causes) {
            long v = b.causes().get(Cause.key(c));
            double share = (double) v / b.totalNs();
            s.text(s.left - 8, y + 15, "end", "label", Cause.label(c));
            s.rect(s.left, y + 3, share * s.plotWidth(), 16, Html.causeColour(c), Cause.label(c) + ": " + Html.ns(v)
                + " over " + b.samples() + " samples (" + Html.pct(share) + ")");
            s.text(s.left + share * s.plotWidth() + 6, y + 15, "start", "value", Html.pct(share) + "  " + Html.ns(v));
            y += 24;
        }
        s.line(s.left, s.top, s.left, y, "axis");
        return s.end();
    }

    /** The worst samples as stacked bars of their causes, on one latency axis. */
    static String worst(String model, BlameReport b) {
        List<BlameReport.WorstSample> ws = b.worst();
        Svg s = new Svg("worst", model, W, 50 + Math.max(1, ws.size()) * 26, 176, 8, 20, 36, "worst samples, " + model);
        if (ws.isEmpty()) {
            return empty(s, "no latency samples");
        }
        long max = ws.get(0).latencyNs();
        double xstep = Svg.niceStep(max / 1e3, 5);
        double xtop = Math.max(xstep, Math.ceil(max / 1e3 / xstep) * xstep);
        for (double v = 0; v <= xtop + 1e-9; v += xstep) {
            double x = s.left + v / xtop * s.plotWidth();
            s.line(x, s.top, x, s.bottom, "grid");
            s.text(x, s.bottom + 16, "middle", "tick", trim(v));
        }
        double y = s.top + 2;
        int rank = 1;
        for (BlameReport.WorstSample w : ws) {
            s.text(s.left - 8, y + 15, "end", "label", "#" + rank++ + " " + w.task() + " · " + Html.ns(w.latencyNs()));
            double x = s.left;
            for (Map.Entry<String, Long> e : w.causes().entrySet()) {
                if (e.getValue() == 0) {
                    continue;
                }
                double wpx = e.getValue() / 1e3 / xtop * s.plotWidth();
                int c = Html.causeOf(e.getKey());
                s.rect(x, y + 3, wpx, 18, Html.causeColour(c), Cause.label(c) + ": " + Html.ns(e.getValue()));
                x += wpx;
            }
            y += 26;
        }
        s.frame();
        s.xTitle("latency (µs)");
        return s.end();
    }

    /** Across models: each model's blame as one 100 % bar. */
    static String blameByModel(List<RunResult> runs) {
        List<RunResult> ok = new ArrayList<>();
        for (RunResult r : runs) {
            if (r.ok() && r.blame() != null) {
                ok.add(r);
            }
        }
        Svg s = new Svg("blame-models", null, W, 40 + Math.max(1, ok.size()) * 30, 80, 8, 20, 36, "latency blame by model");
        for (int v = 0; v <= 100; v += 25) {
            double x = s.left + v / 100.0 * s.plotWidth();
            s.line(x, s.top, x, s.bottom, "grid");
            s.text(x, s.bottom + 16, "middle", "tick", v + "%");
        }
        double y = s.top + 4;
        for (RunResult r : ok) {
            BlameReport b = r.blame();
            s.text(s.left - 8, y + 16, "end", "label", r.model());
            double x = s.left;
            for (int c = 0; c < Cause.COUNT; c++) {
                long v = b.causes().get(Cause.key(c));
                if (v == 0 || b.totalNs() == 0) {
                    continue;
                }
                double share = (double) v / b.totalNs();
                s.rect(x, y + 3, share * s.plotWidth(), 20, Html.causeColour(c), r.model() + ": " + Cause.label(c) + " "
                    + Html.pct(share) + " (" + Html.ns(v) + ")");
                x += share * s.plotWidth();
            }
            if (b.totalNs() == 0) {
                s.text(s.left + 6, y + 17, "start", "value", b.samples() == 0 ? "no samples" : "all samples 0 ns");
            }
            y += 30;
        }
        s.line(s.left, s.top, s.left, y, "axis");
        s.xTitle("share of the measured latency");
        return s.end();
    }

    static final String[] CPU_CATS = {"user", "system", "hardirq", "softirq", "idle"};
    static final String[] CPU_COLOURS = {"#2563EB", "#F59E0B", "#E73F74", "#8B5CF6", "#D1D5DB"};

    /** Across models: where the CPU time went, as /proc/stat splits it, one 100 % bar per model. */
    static String cpuTime(List<RunResult> runs) {
        List<RunResult> ok = new ArrayList<>();
        for (RunResult r : runs) {
            if (r.ok()) {
                ok.add(r);
            }
        }
        Svg s = new Svg("cpu-time", null, W, 64 + Math.max(1, ok.size()) * 30, 80, 8, 20, 60, "CPU time by model");
        for (int v = 0; v <= 100; v += 25) {
            double x = s.left + v / 100.0 * s.plotWidth();
            s.line(x, s.top, x, s.bottom, "grid");
            s.text(x, s.bottom + 16, "middle", "tick", v + "%");
        }
        double y = s.top + 4;
        for (RunResult r : ok) {
            Map<String, Long> cpu = r.throughput().cpuTimeNs();
            long total = 0;
            for (long v : cpu.values()) {
                total += v;
            }
            s.text(s.left - 8, y + 16, "end", "label", r.model());
            double x = s.left;
            for (int i = 0; i < CPU_CATS.length; i++) {
                long v = cpu.getOrDefault(CPU_CATS[i], 0L);
                double share = total == 0 ? 0 : (double) v / total;
                s.rect(x, y + 3, share * s.plotWidth(), 20, CPU_COLOURS[i], r.model() + ": " + CPU_CATS[i] + " " + Html.pct(share));
                x += share * s.plotWidth();
            }
            y += 30;
        }
        s.line(s.left, s.top, s.left, y, "axis");
        double lx = s.left;
        for (int i = 0; i < CPU_CATS.length; i++) {
            s.rect(lx, s.height - 22, 10, 10, CPU_COLOURS[i], null).text(lx + 14, s.height - 13, "start", "legend", CPU_CATS[i]);
            lx += 24 + CPU_CATS[i].length() * 7;
        }
        s.text((s.left + s.right) / 2, s.bottom + 32, "middle", "axis-title", "share of the CPU time, all CPUs");
        return s.end();
    }

    /**
     * Latency against throughput, one point pair per model: the p99 (open) and the maximum (filled)
     * of the measured tasks' latency over the user-space work done per second by the others.
     */
    static String latencyVsThroughput(List<RunResult> runs) {
        Svg s = new Svg("latency-throughput", null, W, 340, 70, 20, 24, 48, "latency versus throughput");
        List<RunResult> ok = new ArrayList<>();
        for (RunResult r : runs) {
            if (r.ok() && r.latency().samples() > 0) {
                ok.add(r);
            }
        }
        if (ok.isEmpty()) {
            return empty(s, "no measured task: no latency to plot");
        }
        double xmin = Double.MAX_VALUE;
        double xmax = 0;
        long ymin = Long.MAX_VALUE;
        long ymax = 0;
        for (RunResult r : ok) {
            double x = r.throughput().userNsPerS() / 1e6;
            xmin = Math.min(xmin, x);
            xmax = Math.max(xmax, x);
            ymin = Math.min(ymin, Math.max(1, r.latency().p99Ns()));
            ymax = Math.max(ymax, Math.max(1, r.latency().maxNs()));
        }
        double pad = Math.max(1, (xmax - xmin) * 0.15);
        double x0 = Math.max(0, xmin - pad);
        double x1 = xmax + pad;
        double xstep = Svg.niceStep(x1 - x0, 5);
        x0 = Math.floor(x0 / xstep) * xstep;
        x1 = Math.ceil(x1 / xstep) * xstep;
        // log latency axis: the models span orders of magnitude
        double d0 = Math.floor(Math.log10(ymin / 1e3));
        double d1 = Math.max(d0 + 1, Math.ceil(Math.log10(ymax / 1e3)));
        for (double v = x0; v <= x1 + 1e-9; v += xstep) {
            double x = s.left + (v - x0) / (x1 - x0) * s.plotWidth();
            s.line(x, s.top, x, s.bottom, "grid");
            s.text(x, s.bottom + 16, "middle", "tick", trim(v));
        }
        for (double d = d0; d <= d1; d++) {
            double y = s.bottom - (d - d0) / (d1 - d0) * s.plotHeight();
            s.line(s.left, y, s.right, y, "grid");
            s.text(s.left - 6, y + 4, "end", "tick", logTick(d));
        }
        List<double[]> placed = new ArrayList<>();
        for (RunResult r : ok) {
            double x = s.left + (r.throughput().userNsPerS() / 1e6 - x0) / (x1 - x0) * s.plotWidth();
            double yp = s.bottom - (Math.log10(Math.max(1, r.latency().p99Ns()) / 1e3) - d0) / (d1 - d0) * s.plotHeight();
            double ym = s.bottom - (Math.log10(Math.max(1, r.latency().maxNs()) / 1e3) - d0) / (d1 - d0) * s.plotHeight();
            String colour = Html.modelColour(r.model());
            s.raw("<line class=\"pair\" x1=\"" + Svg.f(x) + "\" y1=\"" + Svg.f(yp) + "\" x2=\"" + Svg.f(x) + "\" y2=\""
                + Svg.f(ym) + "\" style=\"stroke:" + colour + "\"/>");
            s.circle(x, yp, 5, "#fff", colour, r.model() + " p99: " + Html.ns(r.latency().p99Ns()));
            s.circle(x, ym, 5, colour, colour, r.model() + " max: " + Html.ns(r.latency().maxNs()));
            double ly = freeLabelY(placed, x + 9, ym + 4, r.model().length() * 7.5);
            if (Math.abs(ly - (ym + 4)) > 1) {
                s.line(x + 5, ym, x + 8, ly - 4, "leader");
            }
            s.text(x + 9, ly, "start", "point-label", r.model());
        }
        s.circle(s.right - 118, s.top + 8, 4, "#fff", "#374151", null).text(s.right - 108, s.top + 12, "start", "legend", "p99");
        s.circle(s.right - 70, s.top + 8, 4, "#374151", "#374151", null).text(s.right - 60, s.top + 12, "start", "legend", "max");
        s.frame();
        s.xTitle("user-space work of the other tasks (ms per simulated s)");
        s.yTitle("latency (µs, log)");
        return s.end();
    }

    /** The baseline nearest y for a label of this width at x that overlaps none placed before (14 px rows). */
    private static double freeLabelY(List<double[]> placed, double x, double y, double w) {
        for (int k = 0; k < 40; k++) {
            double cand = y + (k % 2 == 0 ? 1 : -1) * ((k + 1) / 2) * 14;
            boolean clash = false;
            for (double[] b : placed) {
                if (x < b[0] + b[2] && b[0] < x + w && Math.abs(cand - b[1]) < 13) {
                    clash = true;
                    break;
                }
            }
            if (!clash) {
                placed.add(new double[] {x, cand, w});
                return cand;
            }
        }
        placed.add(new double[] {x, y, w});
        return y;
    }

    /** 0.1, 1, 10, 100, 1 000, 10 000 ... */
    static String logTick(double decade) {
        double v = Math.pow(10, decade);
        return v >= 1000 ? Html.num(Math.round(v)) : trim(v);
    }

    /** 1, 10, 100, 1000, 10k, 100k, 1M ... */
    static String decade(int d) {
        if (d < 4) {
            return Long.toString((long) Math.pow(10, d));
        }
        return d < 6 ? (long) Math.pow(10, d - 3) + "k" : (long) Math.pow(10, d - 6) + "M";
    }

    private static String empty(Svg s, String why) {
        return s.text(s.width / 2.0, s.height / 2.0, "middle", "empty", why).end();
    }

    private static long maxOf(long[] a) {
        long m = 1;
        for (long v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** 1, 2.5, 0.001, 99.99: no trailing zeros. */
    static String trim(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        String t = String.format(Locale.ROOT, "%.6f", v);
        t = t.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
