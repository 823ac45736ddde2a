package org.preemptsim.workload.scenario;

import org.preemptsim.kernel.Costs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code costs:} is {@code default}, {@code zero}, or a mapping with an optional {@code base:
 * default|zero} and any {@link Costs} field in snake_case without its unit ({@code irqEntryNs} is
 * {@code irq_entry: 300ns}). The key list is derived from the record, so a new cost is accepted
 * (and documented by {@code explain}) without touching this class.
 */
public final class CostsReader {

    private CostsReader() {
    }

    /** The scenario keys, in the record's order. */
    public static List<String> keys() {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : Costs.class.getRecordComponents()) {
            out.add(key(c.getName()));
        }
        return out;
    }

    /** irqEntryNs -> irq_entry. */
    static String key(String component) {
        String base = component.endsWith("Ns") ? component.substring(0, component.length() - 2) : component;
        StringBuilder sb = new StringBuilder();
        for (char ch : base.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** The values of {@code c} in the record's order. */
    public static long[] values(Costs c) {
        RecordComponent[] rc = Costs.class.getRecordComponents();
        long[] v = new long[rc.length];
        for (int i = 0; i < rc.length; i++) {
            try {
                v[i] = (long) rc[i].getAccessor().invoke(c);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
        return v;
    }

    public static Costs parse(Node n) {
        if (n == null) {
            return Costs.DEFAULT;
        }
        if (n instanceof Node.Scalar) {
            return base(n);
        }
        List<String> keys = keys();
        List<String> known = new ArrayList<>(keys);
        known.add(0, "base");
        Fields f = Fields.of(n, "costs", known.toArray(new String[0]));
        long[] v = values(f.has("base") ? base(f.node("base")) : Costs.DEFAULT);
        for (int i = 0; i < keys.size(); i++) {
            if (f.has(keys.get(i))) {
                v[i] = f.duration(keys.get(i), 0);
            }
        }
        Class<?>[] types = new Class<?>[v.length];
        Object[] args = new Object[v.length];
        for (int i = 0; i < v.length; i++) {
            types[i] = long.class;
            args[i] = v[i];
        }
        try {
            return Costs.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Costs base(Node n) {
        String s = Scalars.string(n);
        switch (s) {
            case "default":
                return Costs.DEFAULT;
            case "zero":
                return Costs.ZERO;
            default:
                throw new ScenarioError(n.at(), "unknown costs base '" + s + "'",
                    "default (measured x86 figures, docs/scenario.md) or zero (exact timelines)");
        }
    }
}
