package org.preemptsim.workload.scenario;

import org.preemptsim.workload.Durations;

import java.util.ArrayList;
import java.util.List;

/** Converts single nodes to values, refusing wrong types with the node's place. */
public final class Scalars {

    private Scalars() {
    }

    public static Node.Mapping mapping(Node n, String what) {
        if (n instanceof Node.Mapping m) {
            return m;
        }
        throw new ScenarioError(n.at(), what + " must be a mapping of keys, got " + n.describe());
    }

    public static Node.Sequence sequence(Node n, String what) {
        if (n instanceof Node.Sequence s) {
            return s;
        }
        throw new ScenarioError(n.at(), what + " must be a list, got " + n.describe(),
            "write it as [a, b] or as lines starting with '- '");
    }

    public static Node.Scalar scalar(Node n, String expected) {
        if (n instanceof Node.Scalar s && s.kind() != Node.Kind.NULL) {
            return s;
        }
        throw new ScenarioError(n.at(), "expected " + expected + ", got " + n.describe());
    }

    /** Any scalar's text (numbers and booleans too: names like 1 or 6.18 are fine). */
    public static String string(Node n) {
        Node.Scalar s = scalar(n, "a name or word");
        if (s.text().isBlank()) {
            throw new ScenarioError(n.at(), "expected a name or word, got an empty string");
        }
        return s.text();
    }

    public static long integer(Node n, long min, long max) {
        Node.Scalar s = scalar(n, "a whole number");
        if (s.kind() != Node.Kind.INT) {
            throw new ScenarioError(n.at(), "expected a whole number, got " + s.describe());
        }
        long v;
        try {
            v = Long.parseLong(s.text());
        } catch (NumberFormatException e) {
            throw new ScenarioError(n.at(), "the number " + s.text() + " is too large");
        }
        if (v < min || v > max) {
            throw new ScenarioError(n.at(), "must be " + range(min, max) + ", got " + v);
        }
        return v;
    }

    private static String range(long min, long max) {
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
            return "at least " + min;
        }
        return "between " + min + " and " + max;
    }

    public static double number(Node n, double minExclusive) {
        Node.Scalar s = scalar(n, "a number");
        if (s.kind() != Node.Kind.INT && s.kind() != Node.Kind.FLOAT) {
            throw new ScenarioError(n.at(), "expected a number, got " + s.describe());
        }
        double v = Double.parseDouble(s.text());
        if (!(v > minExclusive) || Double.isInfinite(v)) {
            throw new ScenarioError(n.at(), "must be above " + (minExclusive == (long) minExclusive
                ? Long.toString((long) minExclusive) : Double.toString(minExclusive)) + ", got " + s.text());
        }
        return v;
    }

    public static boolean bool(Node n) {
        Node.Scalar s = scalar(n, "true or false");
        if (s.kind() != Node.Kind.BOOL) {
            throw new ScenarioError(n.at(), "expected true or false, got " + s.describe());
        }
        return Boolean.parseBoolean(s.text());
    }

    /**
     * A duration written with its unit (500ns, 200us, 1.5ms, 3s); a bare 0 is accepted where zero
     * is allowed. Negative and (unless allowed) zero durations are refused.
     */
    public static long duration(Node n, boolean zeroOk) {
        Node.Scalar s = scalar(n, "a duration such as 200us");
        String text = s.text().strip();
        if (s.kind() == Node.Kind.INT || s.kind() == Node.Kind.FLOAT) {
            if (zeroOk && text.matches("0+(\\.0+)?")) {
                return 0;
            }
            throw new ScenarioError(n.at(), "the duration " + text + " has no unit",
                "write it with a unit: " + text + "us, " + text + "ms, ... (ns, us, ms, s)");
        }
        if (s.kind() != Node.Kind.STRING) {
            throw new ScenarioError(n.at(), "expected a duration such as 200us, got " + s.describe());
        }
        if (text.startsWith("-")) {
            throw new ScenarioError(n.at(), "durations cannot be negative, got " + text);
        }
        long ns;
        try {
            ns = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ScenarioError(n.at(), e.getMessage());
        } catch (ArithmeticException e) {
            throw new ScenarioError(n.at(), "the duration " + text + " is too long");
        }
        if (ns == 0 && !zeroOk) {
            throw new ScenarioError(n.at(), "must be a positive duration, got " + text);
        }
        return ns;
    }

    /**
     * A CPU list as taskset and cpusets write it: "0-3,6", a single number, or a list of numbers.
     * Every CPU must exist on a machine of {@code cpus} CPUs.
     */
    public static int[] cpuList(Node n, int cpus) {
        List<Integer> out = new ArrayList<>();
        if (n instanceof Node.Sequence seq) {
            for (Node item : seq.items()) {
                addCpu(out, item, (int) integer(item, 0, Integer.MAX_VALUE), cpus);
            }
        } else {
            Node.Scalar s = scalar(n, "a CPU list such as \"0-3,6\"");
            if (s.kind() == Node.Kind.INT) {
                addCpu(out, n, (int) integer(n, 0, Integer.MAX_VALUE), cpus);
            } else if (s.kind() != Node.Kind.STRING) {
                throw new ScenarioError(n.at(), "expected a CPU list such as \"0-3,6\", got " + s.describe());
            } else {
                for (String part : s.text().split(",", -1)) {
                    String p = part.strip();
                    if (p.isEmpty()) {
                        continue;
                    }
                    if (!p.matches("\\d+(-\\d+)?")) {
                        throw new ScenarioError(n.at(), "'" + s.text() + "' is not a CPU list", "write CPUs as \"0-3,6\"");
                    }
                    String[] ends = p.split("-");
                    int lo = Integer.parseInt(ends[0]);
                    int hi = ends.length > 1 ? Integer.parseInt(ends[1]) : lo;
                    if (hi < lo) {
                        throw new ScenarioError(n.at(), "the CPU range " + p + " runs backwards", "write it as " + hi + "-" + lo);
                    }
                    for (int c = lo; c <= hi; c++) {
                        addCpu(out, n, c, cpus);
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new ScenarioError(n.at(), "empty CPU list: nothing could run there", "name at least one CPU of " + cpuRange(cpus));
        }
        int[] a = new int[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    static String cpuRange(int cpus) {
        return cpus == 1 ? "CPU 0 only" : "CPUs 0-" + (cpus - 1);
    }

    private static void addCpu(List<Integer> out, Node at, int c, int cpus) {
        if (c >= cpus) {
            throw new ScenarioError(at.at(), "CPU " + c + " does not exist: this machine has " + cpuRange(cpus),
                "raise cpus: or name CPUs below " + cpus);
        }
        if (!out.contains(c)) {
            out.add(c);
        }
    }
}
