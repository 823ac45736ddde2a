package org.preemptsim.metrics.blame;

import java.util.List;
import java.util.Map;

/**
 * The blame of a run's measured samples: per cause, the sum over all samples (the parts of every
 * sample sum to it, so {@code causes} sums to {@code totalNs}), and the worst samples broken down
 * by site, as {@code rtla timerlat -a} does for the sample that crossed its threshold.
 *
 * @param truncatedSamples samples that reached back before the kept history (null when none)
 */
public record BlameReport(long samples, long totalNs, Map<String, Long> causes, List<WorstSample> worst,
                          Long truncatedSamples) {

    /**
     * One of the worst samples: timer expiry, thread latency, the IRQ latency (expiry to the
     * callback; null when the task was already awake), its parts by cause and by site.
     */
    public record WorstSample(String task, int cpu, long expiryNs, long latencyNs, Long irqLatencyNs,
                              Map<String, Long> causes, List<Part> parts) {
    }

    /** What stood between, for how long, and where (task and program step, IRQ, lock, ...). */
    public record Part(String cause, long ns, String detail) {
    }
}
