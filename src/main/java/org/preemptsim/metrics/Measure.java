package org.preemptsim.metrics;

import java.util.Arrays;

/**
 * What to report beyond the defaults: per task index, the number of 1 µs histogram buckets to
 * print for its latency (cyclictest's {@code -h N}; 0: none), and whether to attach the analysis
 * observers (latency histograms, blame, the latency tracers' figures, accounting, the rt bound)
 * with how many of the worst samples to break down ({@code worst}; -1: no analysis).
 */
public record Measure(int[] histogramBuckets, int worst) {

    public static final Measure NONE = new Measure(new int[0], -1);
    /** The analysis with rtla's habit of showing the few worst samples. */
    public static final int DEFAULT_WORST = 5;
    public static final Measure ANALYSIS = NONE.withAnalysis(DEFAULT_WORST);

    public Measure {
        histogramBuckets = histogramBuckets.clone();
        if (worst < -1) {
            throw new IllegalArgumentException("worst must be -1 (no analysis) or at least 0, got " + worst);
        }
    }

    public Measure(int[] histogramBuckets) {
        this(histogramBuckets, -1);
    }

    public int buckets(int taskIndex) {
        return taskIndex < histogramBuckets.length ? histogramBuckets[taskIndex] : 0;
    }

    /** Whether the analysis observers are attached (the blame costs a little time per event). */
    public boolean analysis() {
        return worst >= 0;
    }

    public Measure withAnalysis(int worstSamples) {
        return new Measure(histogramBuckets, worstSamples);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Measure m && Arrays.equals(histogramBuckets, m.histogramBuckets) && worst == m.worst;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(histogramBuckets) + worst;
    }

    @Override
    public String toString() {
        return "Measure" + Arrays.toString(histogramBuckets) + (analysis() ? " worst=" + worst : "");
    }
}
