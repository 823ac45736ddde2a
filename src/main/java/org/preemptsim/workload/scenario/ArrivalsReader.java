package org.preemptsim.workload.scenario;

import org.preemptsim.workload.Arrivals;

import java.util.List;

/**
 * When an IRQ or NMI source fires: {@code {periodic: 1ms}} or {@code {periodic: {period: 1ms,
 * offset: 200us}}}, {@code {poisson: {mean: 200us, min_gap: 1us}}}, {@code {gaps: {gap: DIST}}},
 * {@code {bursty: {burst: 8, gap: 10us, every: DIST}}}, {@code {listed: [1ms, 5ms]}}.
 */
public final class ArrivalsReader {

    private ArrivalsReader() {
    }

    public static final List<String> KINDS = List.of("periodic", "poisson", "gaps", "bursty", "listed");

    public static Arrivals.Process parse(Node n) {
        if (!(n instanceof Node.Mapping m) || m.entries().size() != 1) {
            throw new ScenarioError(n.at(), "expected one arrival process such as {periodic: 1ms} or {poisson: {mean: 200us}}",
                "arrival processes: " + String.join(", ", KINDS));
        }
        Node.Entry e = m.entries().values().iterator().next();
        Node v = e.value();
        String what = "the " + e.key() + " arrivals";
        switch (e.key()) {
            case "periodic": {
                if (v instanceof Node.Scalar) {
                    return Arrivals.periodic(Scalars.duration(v, false), 0);
                }
                Fields f = Fields.of(v, what, "period", "offset");
                return Arrivals.periodic(Scalars.duration(f.required("period"), false), f.duration("offset", 0));
            }
            case "poisson": {
                if (v instanceof Node.Scalar) {
                    return Arrivals.poisson(Scalars.duration(v, false), 0, 0);
                }
                Fields f = Fields.of(v, what, "mean", "min_gap", "offset");
                return Arrivals.poisson(Scalars.duration(f.required("mean"), false), f.duration("min_gap", 0), f.duration("offset", 0));
            }
            case "gaps": {
                Fields f = Fields.of(v, what, "gap", "min_gap", "offset");
                Quantity gap = Quantity.parse(f.required("gap"));
                return Arrivals.gaps(gap.asDist(), f.duration("min_gap", 0), f.duration("offset", 0), "gaps(" + gap + ")");
            }
            case "bursty": {
                Fields f = Fields.of(v, what, "burst", "gap", "every", "offset");
                int burst = (int) Scalars.integer(f.required("burst"), 1, 1_000_000);
                long gap = Scalars.duration(f.required("gap"), false);
                Quantity every = Quantity.parse(f.required("every"));
                return Arrivals.bursty(burst, gap, every.asDist(), f.duration("offset", 0));
            }
            case "listed": {
                List<Node> items = Scalars.sequence(v, "listed arrivals").items();
                long[] at = new long[items.size()];
                for (int i = 0; i < at.length; i++) {
                    at[i] = Scalars.duration(items.get(i), true);
                }
                return Arrivals.listed(at);
            }
            default: {
                String near = Fields.nearest(e.key(), KINDS);
                throw new ScenarioError(e.keyAt(), "unknown arrival process '" + e.key() + "'",
                    (near != null ? "did you mean '" + near + "'? " : "") + "arrival processes: " + String.join(", ", KINDS));
            }
        }
    }
}
