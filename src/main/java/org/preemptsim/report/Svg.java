package org.preemptsim.report;

import java.util.Locale;

/**
 * A little inline-SVG writer for the HTML report's charts: a plot area inside margins, shapes in
 * data coordinates mapped by the chart, axis ticks on 1-2-5 steps, text escaped. No script, no
 * external resource: the page stays self-contained.
 */
final class Svg {

    final int width;
    final int height;
    /** The plot area inside the margins. */
    final double left;
    final double top;
    final double right;
    final double bottom;
    private final StringBuilder sb = new StringBuilder();

    Svg(String chart, String model, int width, int height, double left, double top, double right, double bottom,
        String label) {
        this.width = width;
        this.height = height;
        this.left = left;
        this.top = top;
        this.right = width - right;
        this.bottom = height - bottom;
        sb.append("<svg class=\"chart\" data-chart=\"").append(chart).append('"');
        if (model != null) {
            sb.append(" data-model=\"").append(Html.esc(model)).append('"');
        }
        sb.append(" viewBox=\"0 0 ").append(width).append(' ').append(height)
            .append("\" role=\"img\" aria-label=\"").append(Html.esc(label)).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    }

    double plotWidth() {
        return right - left;
    }

    double plotHeight() {
        return bottom - top;
    }

    Svg raw(String s) {
        sb.append(s);
        return this;
    }

    Svg rect(double x, double y, double w, double h, String fill, String title) {
        sb.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(Math.max(0, w)))
            .append("\" height=\"").append(f(Math.max(0, h))).append("\" fill=\"").append(fill).append('"');
        if (title == null) {
            sb.append("/>");
        } else {
            sb.append("><title>").append(Html.esc(title)).append("</title></rect>");
        }
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cls) {
        sb.append("<line class=\"").append(cls).append("\" x1=\"").append(f(x1)).append("\" y1=\"").append(f(y1))
            .append("\" x2=\"").append(f(x2)).append("\" y2=\"").append(f(y2)).append("\"/>");
        return this;
    }

    Svg path(String d, String cls, String style) {
        sb.append("<path class=\"").append(cls).append("\" d=\"").append(d).append('"');
        if (style != null) {
            sb.append(" style=\"").append(style).append('"');
        }
        sb.append("/>");
        return this;
    }

    Svg circle(double x, double y, double r, String fill, String stroke, String title) {
        sb.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(y)).append("\" r=\"").append(f(r))
            .append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"2\">");
        if (title != null) {
            sb.append("<title>").append(Html.esc(title)).append("</title>");
        }
        sb.append("</circle>");
        return this;
    }

    /** Text at (x, y); anchor start, middle or end; cls picks the style. */
    Svg text(double x, double y, String anchor, String cls, String s) {
        sb.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" text-anchor=\"").append(anchor)
            .append("\" class=\"").append(cls).append("\">").append(Html.esc(s)).append("</text>");
        return this;
    }

    /** A vertical axis title, rotated, left of the plot. */
    Svg yTitle(String s) {
        double cy = (top + bottom) / 2;
        sb.append("<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(14 ").append(f(cy))
            .append(") rotate(-90)\">").append(Html.esc(s)).append("</text>");
        return this;
    }

    Svg xTitle(String s) {
        return text((left + right) / 2, height - 6, "middle", "axis-title", s);
    }

    /** The plot frame: the x axis line and the y axis line. */
    Svg frame() {
        line(left, bottom, right, bottom, "axis");
        return line(left, top, left, bottom, "axis");
    }

    String end() {
        return sb.append("</svg>").toString();
    }

    static String f(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** A 1-2-5 step giving about n intervals up to max. */
    static double niceStep(double max, int n) {
        if (max <= 0) {
            return 1;
        }
        double raw = max / n;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double step = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
        return step * mag;
    }
}
