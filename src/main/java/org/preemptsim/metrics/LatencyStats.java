package org.preemptsim.metrics;

import org.HdrHistogram.Histogram;

/**
 * One latency distribution: exact count, min, max and sum, and an HdrHistogram (3 significant
 * digits) for the percentiles, as cyclictest's min/avg/max and its -h histogram.
 */
public final class LatencyStats {

    /** Highest trackable value: 100 s, far beyond any sane latency. */
    static final long HIGHEST_NS = 100_000_000_000L;

    private final Histogram histogram = new Histogram(1, HIGHEST_NS, 3);
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long sum;
    private long last;

    public void record(long ns) {
        count++;
        sum += ns;
        last = ns;
        if (ns < min) {
            min = ns;
        }
        if (ns > max) {
            max = ns;
        }
        histogram.recordValue(Math.max(0, Math.min(ns, HIGHEST_NS)));
    }

    public long count() {
        return count;
    }

    public long min() {
        return count == 0 ? 0 : min;
    }

    public long max() {
        return count == 0 ? 0 : max;
    }

    /** Exact mean, rounded down to whole nanoseconds. */
    public long avg() {
        return count == 0 ? 0 : Math.floorDiv(sum, count);
    }

    public long last() {
        return last;
    }

    /**
     * The percentile from the histogram (3 significant digits). HdrHistogram reports the top of a
     * bucket, which can exceed the exact maximum: it is capped there, so p99 <= max always holds.
     */
    public long percentile(double p) {
        return count == 0 ? 0 : Math.min(histogram.getValueAtPercentile(p), max);
    }

    public Histogram histogram() {
        return histogram;
    }

    public void add(LatencyStats o) {
        if (o.count == 0) {
            return;
        }
        count += o.count;
        sum += o.sum;
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
        histogram.add(o.histogram);
    }
}
