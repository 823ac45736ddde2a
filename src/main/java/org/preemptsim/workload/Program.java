package org.preemptsim.workload;

/**
 * A compiled task program: two primitive arrays with one fixed-size record per step (the int
 * fields together, the long fields together), walked by the kernel's interpreter without
 * allocation. {@code dist(i) >= 0} makes step i's duration a draw from {@code dists[dist(i)]}
 * instead of the fixed {@code a(i)}.
 *
 * <p>Each step remembers where it came from ({@link #origin(int)}: a scenario file and line, or a
 * builder call) so that the kernel's debug reports can name the step that caused them.
 */
public final class Program {

    /** Per step, four ints: op, c, d, dist. One array, so a step's fields share a cache line. */
    private final int[] ints;
    /** Per step, four longs: a, b, e (and a spare slot, to index by shift). */
    private final long[] longs;
    private final int length;
    final Dist[] dists;
    final String[] origin;
    final int[] match;

    /** log2 of a step record's length in either array. */
    private static final int REC = 2;

    Program(int[] op, long[] a, long[] b, long[] e, int[] c, int[] d, int[] dist, Dist[] dists, String[] origin, int[] match) {
        length = op.length;
        ints = new int[length << REC];
        longs = new long[length << REC];
        for (int i = 0; i < length; i++) {
            ints[i << REC] = op[i];
            ints[(i << REC) + 1] = c[i];
            ints[(i << REC) + 2] = d[i];
            ints[(i << REC) + 3] = dist[i];
            longs[i << REC] = a[i];
            longs[(i << REC) + 1] = b[i];
            longs[(i << REC) + 2] = e[i];
        }
        this.dists = dists;
        this.origin = origin;
        this.match = match;
    }

    public int length() {
        return length;
    }

    public int op(int pc) {
        return ints[pc << REC];
    }

    public long a(int pc) {
        return longs[pc << REC];
    }

    public long b(int pc) {
        return longs[(pc << REC) + 1];
    }

    public long e(int pc) {
        return longs[(pc << REC) + 2];
    }

    public int c(int pc) {
        return ints[(pc << REC) + 1];
    }

    public int d(int pc) {
        return ints[(pc << REC) + 2];
    }

    /** The distribution index of step pc's duration, or -1 for the fixed value {@link #a(int)}. */
    public int dist(int pc) {
        return ints[(pc << REC) + 3];
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
        return "step " + pc + " " + Op.name(op(pc)) + " (" + origin[pc] + ")";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(i).append(": ").append(Op.name(op(i)))
                .append(" a=").append(a(i)).append(" b=").append(b(i)).append(" e=").append(e(i))
                .append(" c=").append(c(i)).append(" d=").append(d(i));
            if (dist(i) >= 0) {
                sb.append(" dist=").append(dists[dist(i)]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
