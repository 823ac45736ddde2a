package org.preemptsim.workload;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.InverseTransformParetoSampler;
import org.apache.commons.rng.sampling.distribution.LogNormalSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

import java.util.Arrays;

/**
 * The random quantities a scenario can use: fixed, uniform, exponential, truncated normal,
 * lognormal, pareto and empirical. Samplers come from commons-rng; each value is rounded to whole
 * nanoseconds and clamped to [lo, hi] where the distribution has bounds (never below 0).
 */
public final class Dists {

    private Dists() {
    }

    public static Dist fixed(long ns) {
        return new Fixed(ns);
    }

    public static Dist uniform(long loNs, long hiNs) {
        return new Uniform(loNs, hiNs);
    }

    public static Dist exponential(double meanNs, long maxNs) {
        return new Exponential(meanNs, maxNs);
    }

    public static Dist normal(double meanNs, double sdNs, long loNs, long hiNs) {
        return new Normal(meanNs, sdNs, loNs, hiNs);
    }

    /** Lognormal with the given median (e^mu) and shape sigma, capped at maxNs. */
    public static Dist lognormal(double medianNs, double sigma, long maxNs) {
        return new LogNormal(medianNs, sigma, maxNs);
    }

    public static Dist pareto(double scaleNs, double shape, long maxNs) {
        return new Pareto(scaleNs, shape, maxNs);
    }

    public static Dist empirical(long[] valuesNs, double[] weights) {
        return new Empirical(valuesNs, weights);
    }

    /** Caps at or above this are "no cap" when printed (scenario files leave max out). */
    public static final long UNBOUNDED = Long.MAX_VALUE / 4;

    private static String cap(long maxNs) {
        return maxNs >= UNBOUNDED ? "" : ", max " + Durations.format(maxNs);
    }

    static long clamp(double v, long lo, long hi) {
        if (v != v || v < lo) {
            return lo;
        }
        if (v >= hi) {
            return hi;
        }
        return Math.round(v);
    }

    record Fixed(long ns) implements Dist {

        @Override
        public double mean() {
            return ns;
        }

        @Override
        public long max() {
            return ns;
        }

        @Override
        public String toString() {
            return Durations.format(ns);
        }

        @Override
        public DurationSampler bind(UniformRandomProvider rng) {
            return () -> ns;
        }
    }

    record Uniform(long lo, long hi) implements Dist {

        @Override
        public double mean() {
            return (lo + (double) hi) / 2;
        }

        @Override
        public long max() {
            return hi;
        }

        @Override
        public String toString() {
            return "uniform(" + Durations.format(lo) + ".." + Durations.format(hi) + ")";
        }

        @Override
        public DurationSampler bind(UniformRandomProvider rng) {
            long l = lo;
            long h = hi;
            return () -> l == h ? l : rng.nextLong(l, h + 1);
        }
    }

    record Exponential(double meanNs, long maxNs) implements Dist {

        @Override
        public double mean() {
            return meanNs;
        }

        @Override
        public long max() {
            return maxNs;
        }

        @Override
        public String toString() {
            return "exponential(mean " + Durations.format(Math.round(meanNs)) + cap(maxNs) + ")";
        }

        @Override
        public DurationSampler bind(UniformRandomProvider rng) {
            ZigguratSampler.Exponential s = ZigguratSampler.Exponential.of(rng, meanNs);
            long cap = maxNs;
            return () -> clamp(s.sample(), 0, cap);
        }
    }

    record Normal(double meanNs, double sdNs, long loNs, long hiNs) implements Dist {

        @Override
        public double mean() {
            return meanNs;
        }

        @Override
        public long max() {
            return hiNs;
        }

        @Override
        public String toString() {
            return "normal(mean " + Durations.format(Math.round(meanNs)) + ", sd " + Durations.format(Math.round(sdNs)) + ", " + Durations.format(loNs) + ".." + (hiNs >= UNBOUNDED ? "" : Durations.format(hiNs)) + ")";
        }

        @Override
        public DurationSampler bind(UniformRandomProvider rng) {
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
            double m = meanNs;
            double sd = sdNs;
            long lo = loNs;
            long hi = hiNs;
            // Truncation by rejection; after 64 misses (a window far in the tail) clamp instead.
            return () -> {
                for (int i = 0; i < 64; i++) {
                    double v = m + sd * g.sample();
                    if (v >= lo && v <= hi) {
                        return Math.round(v);
                    }
                }
                return clamp(m, lo, hi);
            };
        }
    }

    record LogNormal(double medianNs, double sigma, long maxNs) implements Dist {

        @Override
        public double mean() {
            return medianNs * Math.exp(sigma * sigma / 2);
        }

        @Override
        public long max() {
            return maxNs;
        }

        @Override
        public String toString() {
            return "lognormal(median " + Durations.format(Math.round(medianNs)) + ", sigma " + sigma + cap(maxNs) + ")";
        }

        @Override
        public DurationSampler bind(UniformRandomProvider rng) {
            org.apache.commons.rng.sampling.distribution.ContinuousSampler s = LogNormalSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), Math.log(medianNs), sigma);
            long cap = maxNs;
            return () -> clamp(s.sample(), 0, cap);
        }
    }

    record Pareto(double scaleNs, double shape, long maxNs) implements Dist {

        @Override
        public double mean() {
            return shape > 1 ? shape * scaleNs / (shape - 1) : Double.POSITIVE_INFINITY;
        }

        @Override
        public long max() {
            return maxNs;
        }

        @Override
        public String toString() {
            return "pareto(scale " + Durations.format(Math.round(scaleNs)) + ", shape " + shape + cap(maxNs) + ")";
        }

        @Override
        public DurationSampler bind(UniformRandomProvider rng) {
            org.apache.commons.rng.sampling.distribution.ContinuousSampler s = InverseTransformParetoSampler.of(rng, scaleNs, shape);
            long cap = maxNs;
            return () -> clamp(s.sample(), 0, cap);
        }
    }

    record Empirical(long[] valuesNs, double[] weights) implements Dist {

        @Override
        public double mean() {
            double sw = 0;
            double s = 0;
            for (int i = 0; i < valuesNs.length; i++) {
                s += valuesNs[i] * weights[i];
                sw += weights[i];
            }
            return s / sw;
        }

        @Override
        public long max() {
            return Arrays.stream(valuesNs).max().orElse(0);
        }

        @Override
        public DurationSampler bind(UniformRandomProvider rng) {
            AliasMethodDiscreteSampler s = (AliasMethodDiscreteSampler) AliasMethodDiscreteSampler.of(rng, weights);
            long[] v = valuesNs;
            return () -> v[s.sample()];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Empirical e && Arrays.equals(valuesNs, e.valuesNs) && Arrays.equals(weights, e.weights);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(valuesNs) + Arrays.hashCode(weights);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("empirical(");
            for (int i = 0; i < valuesNs.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(Durations.format(valuesNs[i])).append(" x").append(weights[i]);
            }
            return sb.append(')').toString();
        }
    }
}
