package org.preemptsim.metrics;

import java.util.Arrays;

/**
 * What to report beyond the defaults: per task index, the number of 1 µs histogram buckets to
 * print for its latency (cyclictest's {@code -h N}; 0: none).
 */
public record Measure(int[] histogramBuckets) {

    public static final Measure NONE = new Measure(new int[0]);

    public Measure {
        histogramBuckets = histogramBuckets.clone();
    }

    public int buckets(int taskIndex) {
        return taskIndex < histogramBuckets.length ? histogramBuckets[taskIndex] : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Measure m && Arrays.equals(histogramBuckets, m.histogramBuckets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(histogramBuckets);
    }

    @Override
    public String toString() {
        return "Measure" + Arrays.toString(histogramBuckets);
    }
}
