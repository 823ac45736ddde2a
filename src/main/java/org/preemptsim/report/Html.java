package org.preemptsim.report;

import org.preemptsim.metrics.blame.Cause;

import java.util.Locale;

/** What the HTML report's pieces share: escaping, number words, and the colours of causes and models. */
final class Html {

    private Html() {
    }

    /** One colour per cause, in precedence order (CARTO "Bold", distinct in print and on screen). */
    private static final String[] CAUSE_COLOURS = {"#7F3C8D", "#E73F74", "#F2B701", "#E68310", "#3969AC", "#11A579",
        "#80BA5A", "#008695", "#CF1C90", "#A5AA99", "#4B4B8F"};

    private static final String[] MODEL_NAMES = {"none", "voluntary", "full", "lazy", "rt", "rt-lazy"};
    private static final String[] MODEL_COLOURS = {"#6B7280", "#2563EB", "#EA580C", "#16A34A", "#DC2626", "#9333EA"};

    /** Thread latency and IRQ latency in every chart. */
    static final String THREAD = "#2563EB";
    static final String IRQ = "#EA580C";

    static String causeColour(int cause) {
        return CAUSE_COLOURS[cause];
    }

    static int causeOf(String key) {
        for (int c = 0; c < Cause.COUNT; c++) {
            if (Cause.key(c).equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("cause " + key);
    }

    static String modelColour(String model) {
        for (int i = 0; i < MODEL_NAMES.length; i++) {
            if (MODEL_NAMES[i].equals(model)) {
                return MODEL_COLOURS[i];
            }
        }
        return "#374151";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '&':
                    sb.append("&amp;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A duration as a person reads it: 850 ns, 4.56 us, 37.2 us, 1.11 ms (with the micro sign). */
    static String ns(long v) {
        if (v < 1_000) {
            return v + " ns";
        }
        if (v < 1_000_000) {
            double us = v / 1e3;
            return String.format(Locale.ROOT, us < 10 ? "%.2f µs" : us < 100 ? "%.1f µs" : "%.0f µs", us);
        }
        if (v < 1_000_000_000L) {
            double ms = v / 1e6;
            return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : ms < 100 ? "%.1f ms" : "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f s", v / 1e9);
    }

    /** Microseconds with one decimal, for table columns that align. */
    static String us(long v) {
        return String.format(Locale.ROOT, "%.1f", v / 1e3);
    }

    static String pct(double share) {
        return share >= 0.1 || share == 0 ? String.format(Locale.ROOT, "%.0f%%", share * 100)
            : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String num(long v) {
        return String.format(Locale.ROOT, "%,d", v).replace(',', '\u2009');
    }
}
