package org.preemptsim.metrics.blame;

/**
 * Room at the end of a log kept as parallel primitive arrays, live from head to tail: when it is
 * full, the live part moves to the front, in place if at most half the array is live, else into
 * arrays twice the size. Every column of a log is moved with the same {@code n}.
 */
final class Columns {

    private Columns() {
    }

    /** The length the columns need when the log (live entries from {@code head}) is full. */
    static int capacity(int head, int live, int length) {
        return head > 0 && live <= length / 2 ? length : length * 2;
    }

    static long[] moved(long[] a, int head, int live, int n) {
        long[] b = n == a.length ? a : new long[n];
        System.arraycopy(a, head, b, 0, live);
        return b;
    }

    static int[] moved(int[] a, int head, int live, int n) {
        int[] b = n == a.length ? a : new int[n];
        System.arraycopy(a, head, b, 0, live);
        return b;
    }

    static byte[] moved(byte[] a, int head, int live, int n) {
        byte[] b = n == a.length ? a : new byte[n];
        System.arraycopy(a, head, b, 0, live);
        return b;
    }
}
