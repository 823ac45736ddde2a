package org.preemptsim.workload;

/**
 * A compiled task program: parallel primitive arrays, one entry per step, walked by the kernel's
 * interpreter without allocation. {@code dist[i] >= 0} makes step i's duration a draw from
 * {@code dists[dist[i]]} instead of the fixed {@code a[i]}.
 *
 * <p>Each step remembers where it came from ({@link #origin(int)}: a scenario file and line, or a
 * builder call) so that the kernel's debug reports can name the step that caused them.
 */
public final class Program {

    final int[] op;
    final long[] a;
    final long[] b;
    final long[] e;
    final int[] c;
    final int[] d;
    final int[] dist;
    final Dist[] dists;
    final String[] origin;
    final int[] match;

    Program(int[] op, long[] a, long[] b, long[] e, int[] c, int[] d, int[] dist, Dist[] dists, String[] origin, int[] match) {
        this.op = op;
        this.a = a;
        this.b = b;
        this.e = e;
        this.c = c;
        this.d = d;
        this.dist = dist;
        this.dists = dists;
        this.origin = origin;
        this.match = match;
    }

    public int length() {
        return op.length;
    }

    public int op(int pc) {
        return op[pc];
    }

    public long a(int pc) {
        return a[pc];
    }

    public long b(int pc) {
        return b[pc];
    }

    public long e(int pc) {
        return e[pc];
    }

    public int c(int pc) {
        return c[pc];
    }

    public int d(int pc) {
        return d[pc];
    }

    /** The distribution index of step pc's duration, or -1 for the fixed value {@link #a(int)}. */
    public int dist(int pc) {
        return dist[pc];
    }

    public Dist distribution(int index) {
        return dists[index];
    }

    /** For LOOP: the index of its END_LOOP; for END_LOOP: the index of its LOOP. */
    public int match(int pc) {
        return match[pc];
    }

    /** Where step pc was written, e.g. {@code examples/default.yaml:42} or {@code builder step 3}. */
    public String origin(int pc) {
        return origin[pc];
    }

    /** A one-line human description of step pc, for reports: {@code kernel 1.2ms (scenario.yaml:12)}. */
    public String describe(int pc) {
        return "step " + pc + " " + Op.name(op[pc]) + " (" + origin[pc] + ")";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < op.length; i++) {
            sb.append(i).append(": ").append(Op.name(op[i]))
                .append(" a=").append(a[i]).append(" b=").append(b[i]).append(" e=").append(e[i])
                .append(" c=").append(c[i]).append(" d=").append(d[i]);
            if (dist[i] >= 0) {
                sb.append(" dist=").append(dists[dist[i]]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
