package org.preemptsim.workload;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations the way scenario files write them: 500ns, 200us, 1.5ms, 3s. */
public final class Durations {

    private Durations() {
    }

    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s)\\s*");

    /** Parses a duration to nanoseconds; throws IllegalArgumentException naming the accepted forms. */
    public static long parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (write e.g. 500ns, 200us, 1.5ms, 3s)");
        }
        BigDecimal v = new BigDecimal(m.group(1));
        long unit;
        switch (m.group(2)) {
            case "ns":
                unit = 1;
                break;
            case "us":
            case "µs":
                unit = 1_000;
                break;
            case "ms":
                unit = 1_000_000;
                break;
            default:
                unit = 1_000_000_000;
        }
        BigDecimal ns = v.multiply(BigDecimal.valueOf(unit));
        if (ns.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of nanoseconds");
        }
        return ns.longValueExact();
    }

    /** The shortest exact form: 1500000 -> 1.5ms. */
    public static String format(long ns) {
        if (ns != 0 && ns % 1_000_000_000L == 0) {
            return ns / 1_000_000_000L + "s";
        }
        if (ns >= 1_000_000 && ns % 1000 == 0) {
            return BigDecimal.valueOf(ns, 6).stripTrailingZeros().toPlainString() + "ms";
        }
        if (ns >= 1_000) {
            return BigDecimal.valueOf(ns, 3).stripTrailingZeros().toPlainString() + "us";
        }
        return ns + "ns";
    }
}
