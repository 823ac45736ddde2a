package org.preemptsim.workload.scenario;

import org.preemptsim.workload.Dist;
import org.preemptsim.workload.Dists;
import org.preemptsim.workload.Durations;

import java.util.List;

/**
 * A duration that is fixed ({@code 200us}) or random: {@code {uniform: [10us, 50us]}},
 * {@code {exponential: {mean: 300us, max: 5ms}}}, {@code {normal: {mean: 1ms, sd: 100us}}}
 * (truncated to [min, max], min 0 by default), {@code {lognormal: {median: 1ms, sigma: 0.5}}},
 * {@code {pareto: {scale: 100us, shape: 1.5}}}, {@code {empirical: {values: [...], weights: [...]}}}.
 *
 * @param fixedNs the value when {@code dist} is null
 * @param dist    the distribution, or null for a fixed value
 * @param text    how to print it
 */
public record Quantity(long fixedNs, Dist dist, String text) {

    /** Unbounded distributions are capped here (about 73 years): never reached. */
    static final long UNBOUNDED = Dists.UNBOUNDED;

    public static final List<String> KINDS = List.of("fixed", "uniform", "exponential", "normal", "lognormal", "pareto", "empirical");

    public static Quantity fixed(long ns) {
        return new Quantity(ns, null, Durations.format(ns));
    }

    /** A random quantity, printed as the distribution prints itself. */
    public static Quantity of(Dist d) {
        return new Quantity(0, d, d.toString());
    }

    public boolean isFixed() {
        return dist == null;
    }

    /** As a {@link Dist} (a fixed value becomes {@link Dists#fixed}). */
    public Dist asDist() {
        return dist != null ? dist : Dists.fixed(fixedNs);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Parses a positive fixed duration or a distribution. */
    public static Quantity parse(Node n) {
        if (n instanceof Node.Scalar) {
            return fixed(Scalars.duration(n, false));
        }
        if (!(n instanceof Node.Mapping m) || m.entries().size() != 1) {
            throw new ScenarioError(n.at(), "expected a duration such as 200us or one distribution such as {uniform: [10us, 50us]}, got "
                + (n instanceof Node.Mapping ? "a mapping with " + ((Node.Mapping) n).entries().size() + " keys" : n.describe()),
                "distributions: " + String.join(", ", KINDS));
        }
        Node.Entry e = m.entries().values().iterator().next();
        Node v = e.value();
        String what = "the " + e.key() + " distribution";
        switch (e.key()) {
            case "fixed":
                return fixed(Scalars.duration(v, false));
            case "uniform":
                return uniform(v, what);
            case "exponential": {
                Fields f = Fields.of(v, what, "mean", "max");
                long mean = Scalars.duration(f.required("mean"), false);
                long max = f.positiveDuration("max", UNBOUNDED);
                checkMax(f, mean, max);
                return of(Dists.exponential(mean, max));
            }
            case "normal": {
                Fields f = Fields.of(v, what, "mean", "sd", "min", "max");
                long mean = Scalars.duration(f.required("mean"), false);
                long sd = Scalars.duration(f.required("sd"), false);
                long min = f.duration("min", 0);
                long max = f.positiveDuration("max", UNBOUNDED);
                if (min >= max) {
                    throw new ScenarioError(f.at("max"), "max must be above min");
                }
                if (mean < min || mean > max) {
                    throw new ScenarioError(f.at("mean"), "the mean must lie between min and max");
                }
                return of(Dists.normal(mean, sd, min, max));
            }
            case "lognormal": {
                Fields f = Fields.of(v, what, "median", "sigma", "max");
                long median = Scalars.duration(f.required("median"), false);
                double sigma = Scalars.number(f.required("sigma"), 0);
                long max = f.positiveDuration("max", UNBOUNDED);
                checkMax(f, median, max);
                return of(Dists.lognormal(median, sigma, max));
            }
            case "pareto": {
                Fields f = Fields.of(v, what, "scale", "shape", "max");
                long scale = Scalars.duration(f.required("scale"), false);
                double shape = Scalars.number(f.required("shape"), 0);
                long max = f.positiveDuration("max", UNBOUNDED);
                checkMax(f, scale, max);
                return of(Dists.pareto(scale, shape, max));
            }
            case "empirical":
                return empirical(v, what);
            default: {
                String near = Fields.nearest(e.key(), KINDS);
                throw new ScenarioError(e.keyAt(), "unknown distribution '" + e.key() + "'",
                    (near != null ? "did you mean '" + near + "'? " : "") + "distributions: " + String.join(", ", KINDS));
            }
        }
    }

    private static void checkMax(Fields f, long typical, long max) {
        if (max < typical) {
            throw new ScenarioError(f.at("max"), "max is below the distribution's typical value " + Durations.format(typical));
        }
    }

    private static Quantity uniform(Node v, String what) {
        long lo;
        long hi;
        Where hiAt;
        if (v instanceof Node.Sequence s) {
            if (s.items().size() != 2) {
                throw new ScenarioError(v.at(), what + " takes [min, max], got " + s.items().size() + " values");
            }
            lo = Scalars.duration(s.items().get(0), true);
            hi = Scalars.duration(s.items().get(1), false);
            hiAt = s.items().get(1).at();
        } else {
            Fields f = Fields.of(v, what, "min", "max");
            lo = Scalars.duration(f.required("min"), true);
            hi = Scalars.duration(f.required("max"), false);
            hiAt = f.at("max");
        }
        if (hi < lo) {
            throw new ScenarioError(hiAt, "the uniform range ends (" + Durations.format(hi) + ") before it starts ("
                + Durations.format(lo) + ")");
        }
        return of(Dists.uniform(lo, hi));
    }

    private static Quantity empirical(Node v, String what) {
        Fields f = Fields.of(v, what, "values", "weights");
        List<Node> values = Scalars.sequence(f.required("values"), "values").items();
        if (values.isEmpty()) {
            throw new ScenarioError(f.at("values"), "an empirical distribution needs at least one value");
        }
        long[] ns = new long[values.size()];
        for (int i = 0; i < ns.length; i++) {
            ns[i] = Scalars.duration(values.get(i), false);
        }
        double[] w = new double[ns.length];
        if (f.has("weights")) {
            List<Node> ws = Scalars.sequence(f.node("weights"), "weights").items();
            if (ws.size() != ns.length) {
                throw new ScenarioError(f.at("weights"), "there are " + ws.size() + " weights for " + ns.length + " values",
                    "give one weight per value");
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = Scalars.number(ws.get(i), 0);
            }
        } else {
            java.util.Arrays.fill(w, 1);
        }
        return of(Dists.empirical(ns, w));
    }
}
