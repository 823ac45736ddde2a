package org.preemptsim.workload;

import org.apache.commons.rng.UniformRandomProvider;

import java.util.Arrays;

/**
 * Arrival processes for IRQ and NMI sources: periodic, Poisson, bursty or listed instants. A
 * process is a description; {@link #start} makes the per-run cursor that owns the state, drawing
 * from the source's own stream so that arrivals are identical under every model.
 */
public final class Arrivals {

    private Arrivals() {
    }

    /** A description of when events arrive. */
    public interface Process {
        Cursor start(UniformRandomProvider rng);

        /** Minimum inter-arrival time (for the analytical bound), 0 when unbounded. */
        long minInterArrivalNs();
    }

    /** The per-run state of a process: successive absolute arrival instants, then NEVER. */
    public interface Cursor {
        long NEVER = Long.MAX_VALUE;

        long next();
    }

    public static Process periodic(long periodNs, long offsetNs) {
        if (periodNs <= 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        return new Process() {
            @Override
            public Cursor start(UniformRandomProvider rng) {
                return new Cursor() {
                    long t = offsetNs - periodNs;

                    @Override
                    public long next() {
                        t += periodNs;
                        return t;
                    }
                };
            }

            @Override
            public long minInterArrivalNs() {
                return periodNs;
            }

            @Override
            public String toString() {
                return "periodic(" + Durations.format(periodNs) + (offsetNs != 0 ? ", offset " + Durations.format(offsetNs) : "") + ")";
            }
        };
    }

    /** Poisson arrivals with the given mean gap, never closer than minGapNs (the line's own limit). */
    public static Process poisson(double meanGapNs, long minGapNs, long offsetNs) {
        Dist gap = Dists.exponential(meanGapNs, Long.MAX_VALUE / 4);
        return gaps(gap, minGapNs, offsetNs, "poisson(mean " + Durations.format(Math.round(meanGapNs))
            + (minGapNs > 0 ? ", min_gap " + Durations.format(minGapNs) : "") + ")");
    }

    /** Arrivals separated by draws of {@code gap} (at least minGapNs apart). */
    public static Process gaps(Dist gap, long minGapNs, long offsetNs, String label) {
        return new Process() {
            @Override
            public Cursor start(UniformRandomProvider rng) {
                DurationSampler s = gap.bind(rng);
                return new Cursor() {
                    long t = offsetNs;
                    boolean first = true;

                    @Override
                    public long next() {
                        long g = Math.max(minGapNs, s.sample());
                        if (first) {
                            first = false;
                            t = offsetNs + g;
                        } else {
                            t += g;
                        }
                        return t;
                    }
                };
            }

            @Override
            public long minInterArrivalNs() {
                return minGapNs;
            }

            @Override
            public String toString() {
                return label;
            }
        };
    }

    /** Bursts of {@code burst} arrivals {@code intraGapNs} apart, bursts separated by draws of {@code interGap}. */
    public static Process bursty(int burst, long intraGapNs, Dist interGap, long offsetNs) {
        if (burst <= 0 || intraGapNs <= 0) {
            throw new IllegalArgumentException("burst size and intra-burst gap must be positive");
        }
        return new Process() {
            @Override
            public Cursor start(UniformRandomProvider rng) {
                DurationSampler s = interGap.bind(rng);
                return new Cursor() {
                    long t = offsetNs;
                    int left;

                    @Override
                    public long next() {
                        if (left == 0) {
                            t += s.sample();
                            left = burst;
                        } else {
                            t += intraGapNs;
                        }
                        left--;
                        return t;
                    }
                };
            }

            @Override
            public long minInterArrivalNs() {
                return intraGapNs;
            }

            @Override
            public String toString() {
                return "bursty(" + burst + " x " + Durations.format(intraGapNs) + ", every " + interGap + ")";
            }
        };
    }

    /** Arrivals at the listed absolute instants (sorted ascending). */
    public static Process listed(long[] instantsNs) {
        long[] sorted = instantsNs.clone();
        Arrays.sort(sorted);
        return new Process() {
            @Override
            public Cursor start(UniformRandomProvider rng) {
                return new Cursor() {
                    int i;

                    @Override
                    public long next() {
                        return i < sorted.length ? sorted[i++] : NEVER;
                    }
                };
            }

            @Override
            public long minInterArrivalNs() {
                long min = Long.MAX_VALUE;
                for (int i = 1; i < sorted.length; i++) {
                    min = Math.min(min, sorted[i] - sorted[i - 1]);
                }
                return min == Long.MAX_VALUE ? 0 : min;
            }

            @Override
            public String toString() {
                return "listed(" + sorted.length + " instants)";
            }
        };
    }
}
