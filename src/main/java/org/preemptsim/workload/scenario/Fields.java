package org.preemptsim.workload.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Typed, checked access to one mapping of a scenario. Unknown keys are refused when it is made
 * (with the nearest known key as a hint); every getter names the value's place when it refuses.
 */
public final class Fields {

    private final Node.Mapping map;
    private final String what;

    /**
     * @param map   the mapping
     * @param what  what it describes, for messages ("a task", "the cyclictest workload")
     * @param known the keys it may have
     */
    public Fields(Node.Mapping map, String what, String... known) {
        this.map = map;
        this.what = what;
        List<String> k = Arrays.asList(known);
        for (Node.Entry e : map.entries().values()) {
            if (!k.contains(e.key())) {
                String near = nearest(e.key(), k);
                throw new ScenarioError(e.keyAt(), "unknown key '" + e.key() + "' in " + what,
                    (near != null ? "did you mean '" + near + "'? " : "") + "known keys: " + String.join(", ", known));
            }
        }
    }

    /** Requires {@code n} to be a mapping and wraps it. */
    public static Fields of(Node n, String what, String... known) {
        return new Fields(Scalars.mapping(n, what), what, known);
    }

    public Where at() {
        return map.at();
    }

    public boolean has(String key) {
        Node n = map.get(key);
        return n != null && !(n instanceof Node.Scalar s && s.kind() == Node.Kind.NULL);
    }

    public Node node(String key) {
        return has(key) ? map.get(key) : null;
    }

    public Node required(String key) {
        if (!has(key)) {
            throw new ScenarioError(map.at(), what + " needs '" + key + "'");
        }
        return map.get(key);
    }

    /** The place of key's value, or of the mapping when absent. */
    public Where at(String key) {
        Node n = map.get(key);
        return n == null ? map.at() : n.at();
    }

    public String string(String key, String dflt) {
        return has(key) ? Scalars.string(map.get(key)) : dflt;
    }

    public String requiredString(String key) {
        return Scalars.string(required(key));
    }

    public int integer(String key, int dflt, int min, int max) {
        return has(key) ? (int) Scalars.integer(map.get(key), min, max) : dflt;
    }

    public long longValue(String key, long dflt, long min, long max) {
        return has(key) ? Scalars.integer(map.get(key), min, max) : dflt;
    }

    public boolean bool(String key, boolean dflt) {
        return has(key) ? Scalars.bool(map.get(key)) : dflt;
    }

    /** A duration that must be positive. */
    public long positiveDuration(String key, long dflt) {
        return has(key) ? Scalars.duration(map.get(key), false) : dflt;
    }

    /** A duration that may be zero (a release instant, an offset, a cost). */
    public long duration(String key, long dflt) {
        return has(key) ? Scalars.duration(map.get(key), true) : dflt;
    }

    public Quantity quantity(String key, Quantity dflt) {
        return has(key) ? Quantity.parse(map.get(key)) : dflt;
    }

    /** Closest known key within edit distance 2, for "did you mean". */
    static String nearest(String key, List<String> known) {
        String best = null;
        int bestD = 3;
        for (String k : known) {
            int d = distance(key, k);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The list of nodes under key (a sequence), or empty when absent. */
    public List<Node> list(String key) {
        if (!has(key)) {
            return new ArrayList<>();
        }
        return Scalars.sequence(map.get(key), key).items();
    }
}
