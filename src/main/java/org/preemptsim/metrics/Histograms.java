package org.preemptsim.metrics;

import org.HdrHistogram.HistogramIterationValue;
import org.preemptsim.kernel.Kernel;
import org.preemptsim.kernel.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * The latency distributions of a run, as timerlat splits them: thread latency (expiry to the task
 * running) and IRQ latency (expiry to the hrtimer callback), overall, per CPU and per measured
 * task. min, avg and max are exact; the percentiles and the bucket counts come from the
 * HdrHistogram (3 significant digits).
 */
public final class Histograms {

    private Histograms() {
    }

    /** The percentiles of the spectrum, as the nines a latency plot's x axis shows. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99, 99.999, 100};
    /** At most this many buckets: the width is the smallest of 100 ns x 1, 2, 5, 10, ... that fits. */
    static final int MAX_BUCKETS = 120;

    /** One scope: "all", a "cpu" or a "task"; either distribution is null when it has no sample. */
    public record Scope(String scope, Integer cpu, String task, Distribution thread, Distribution irq) {
    }

    /**
     * A distribution: exact samples, min, avg, max; percentiles from the histogram (capped at max);
     * counts[i] = samples in [i, i + 1) x bucket_ns (the edges within 0.1 %), summing to samples.
     */
    public record Distribution(long samples, long minNs, long avgNs, long maxNs, List<Percentile> percentiles,
                               long bucketNs, long[] counts) {
    }

    public record Percentile(double percentile, long ns) {
    }

    static List<Scope> of(Kernel k, LatencyRecorder rec) {
        List<Scope> out = new ArrayList<>();
        out.add(new Scope("all", null, null, dist(rec.all()), dist(rec.irq())));
        for (int c = 0; c < k.cpus.length; c++) {
            if (rec.cpu(c) != null || rec.cpuIrq(c) != null) {
                out.add(new Scope("cpu", c, null, dist(rec.cpu(c)), dist(rec.cpuIrq(c))));
            }
        }
        for (int i = 0; i < k.nrSpecTasks; i++) {
            Task t = k.tasks[i];
            if (t.measured && (rec.task(i) != null || rec.taskIrq(i) != null)) {
                out.add(new Scope("task", t.cpu, t.comm, dist(rec.task(i)), dist(rec.taskIrq(i))));
            }
        }
        return out;
    }

    static Distribution dist(LatencyStats s) {
        if (s == null || s.count() == 0) {
            return null;
        }
        List<Percentile> ps = new ArrayList<>();
        for (double p : PERCENTILES) {
            ps.add(new Percentile(p, p == 100 ? s.max() : s.percentile(p)));
        }
        long width = bucketWidth(s.max());
        int n = (int) (s.max() / width) + 1;
        long[] counts = new long[n];
        // Each recorded HdrHistogram bucket goes whole into one of ours, by its median value (capped
        // at the exact max): the counts add up to the samples exactly, unlike overlapping range queries.
        for (HistogramIterationValue v : s.histogram().recordedValues()) {
            long at = Math.min(s.histogram().medianEquivalentValue(v.getValueIteratedTo()), s.max());
            counts[(int) (Math.max(0, at) / width)] += v.getCountAtValueIteratedTo();
        }
        return new Distribution(s.count(), s.min(), s.avg(), s.max(), ps, width, counts);
    }

    /** 100 ns, 200 ns, 500 ns, 1 us, ... : the first that covers [0, max] in MAX_BUCKETS buckets. */
    static long bucketWidth(long max) {
        long w = 100;
        int step = 0;
        while (max / w + 1 > MAX_BUCKETS) {
            w = step % 3 == 1 ? w / 2 * 5 : w * 2;
            step++;
        }
        return w;
    }
}
