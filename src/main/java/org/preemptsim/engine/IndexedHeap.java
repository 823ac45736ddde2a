package org.preemptsim.engine;

import java.util.Arrays;

/**
 * Indexed 4-ary min-heap on primitive arrays: the event queue of every run.
 *
 * <p>Heap slot i holds its key in {@code keys[2i]} (time) and {@code keys[2i+1]} (sequence and
 * timer id packed as {@code seq << ID_BITS | id}), side by side, so a node's four children are 64
 * contiguous bytes. Comparing the packed word compares the sequence, because ids sit below it and
 * sequences are unique: (time, packed) orders exactly as (time, seq). {@code pos[id]} is the slot of
 * a timer (-1 when not armed), which makes cancel and re-arm O(log4 n). Children of slot i are
 * 4i+1 .. 4i+4; the parent of i is (i-1)/4. A 4-ary heap halves the depth of a binary heap at the
 * price of comparing four children per level, a good trade when pops dominate.
 *
 * <p>Pop leaves a hole at the root instead of refilling it at once: the event loop pops a timer and
 * then, almost always, arms one (the CPU's next segment), which then drops into the hole with a
 * single sift-down (Knuth's "hold" without the intermediate sift). Any other operation fills the
 * hole the classic way first. Keys are unique, so the order of pops does not depend on the heap's
 * layout: it is the (time, seq) order, whatever this class does inside.
 *
 * <p>Sequences are renumbered (in key order, so every comparison keeps its answer) if they ever
 * reach 2^39 arms. Not thread-safe: one queue belongs to one run.
 */
public final class IndexedHeap implements EventQueue {

    /** Bits of the packed word holding the timer id: up to 16 M timers. */
    static final int ID_BITS = 24;
    static final long ID_MASK = (1L << ID_BITS) - 1;
    static final long SEQ_LIMIT = 1L << (63 - ID_BITS);

    private long[] keys;
    private int[] pos;
    private int size;
    private int timers;
    private long nextSeq;
    private final long seqLimit;
    /** Slot 0 is empty: popped, not yet refilled. */
    private boolean hole;

    public IndexedHeap() {
        this(64);
    }

    public IndexedHeap(int initialTimers) {
        this(initialTimers, SEQ_LIMIT);
    }

    /** With a lower sequence limit, for tests of the renumbering. */
    IndexedHeap(int initialTimers, long seqLimit) {
        int n = Math.max(4, initialTimers);
        keys = new long[2 * n];
        pos = new int[n];
        Arrays.fill(pos, -1);
        this.seqLimit = seqLimit;
    }

    @Override
    public int newTimer() {
        if (timers == ID_MASK + 1) {
            throw new IllegalStateException("more than " + (ID_MASK + 1) + " timers");
        }
        if (timers == pos.length) {
            int n = timers * 2;
            keys = Arrays.copyOf(keys, 2 * n);
            pos = Arrays.copyOf(pos, n);
            Arrays.fill(pos, timers, n, -1);
        }
        return timers++;
    }

    /** Timer ids handed out so far. */
    public int timers() {
        return timers;
    }

    @Override
    public void arm(int t, long timeNs) {
        if (hole && pos[t] < 0 && nextSeq != seqLimit) {
            // The common case after a pop: the new timer takes the root's place. Kept small so
            // that callers inline it; everything else is in armSlow.
            hole = false;
            size++;
            siftDown(0, timeNs, (nextSeq++ << ID_BITS) | t);
            return;
        }
        armSlow(t, timeNs);
    }

    private void armSlow(int t, long timeNs) {
        if (nextSeq == seqLimit) {
            renumber();
        }
        long packed = (nextSeq++ << ID_BITS) | t;
        int i = pos[t];
        if (i < 0) {
            if (hole) {
                hole = false;
                size++;
                siftDown(0, timeNs, packed);
            } else {
                siftUp(size++, timeNs, packed);
            }
            return;
        }
        fillHole();
        i = pos[t];
        long oldTime = keys[2 * i];
        // A later time (or the same time with a larger sequence) can only move down.
        if (timeNs < oldTime) {
            siftUp(i, timeNs, packed);
        } else {
            siftDown(i, timeNs, packed);
        }
    }

    @Override
    public boolean cancel(int t) {
        int i = pos[t];
        if (i < 0) {
            return false;
        }
        fillHole();
        removeAt(pos[t]);
        return true;
    }

    @Override
    public boolean isArmed(int t) {
        return pos[t] >= 0;
    }

    @Override
    public long timeOf(int t) {
        return keys[2 * pos[t]];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long peekTime() {
        if (hole) {
            fillHole();
        }
        return size == 0 ? NEVER : keys[0];
    }

    @Override
    public int pop() {
        if (hole) {
            fillHole();
        }
        if (size == 0) {
            return -1;
        }
        int t = (int) (keys[1] & ID_MASK);
        pos[t] = -1;
        size--;
        hole = true;
        return t;
    }

    /** Refill an empty root with the last slot's timer, the classic way. */
    private void fillHole() {
        if (!hole) {
            return;
        }
        hole = false;
        // size already counts the popped timer out; the last live slot is size.
        int last = size;
        if (last > 0) {
            siftDown(0, keys[2 * last], keys[2 * last + 1]);
        }
    }

    private void removeAt(int i) {
        long[] k = keys;
        pos[(int) (k[2 * i + 1] & ID_MASK)] = -1;
        int last = --size;
        if (i != last) {
            long lt = k[2 * last];
            long lp = k[2 * last + 1];
            int parent = (i - 1) >>> 2;
            if (i > 0 && less(lt, lp, k[2 * parent], k[2 * parent + 1])) {
                siftUp(i, lt, lp);
            } else {
                siftDown(i, lt, lp);
            }
        }
    }

    private static boolean less(long t1, long p1, long t2, long p2) {
        return t1 < t2 || (t1 == t2 && p1 < p2);
    }

    /** Puts key (t, p) at slot i or above, moving larger parents down. */
    private void siftUp(int i, long t, long p) {
        final long[] k = keys;
        final int[] ps = pos;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = k[2 * parent];
            long pp = k[2 * parent + 1];
            if (!less(t, p, pt, pp)) {
                break;
            }
            k[2 * i] = pt;
            k[2 * i + 1] = pp;
            ps[(int) (pp & ID_MASK)] = i;
            i = parent;
        }
        k[2 * i] = t;
        k[2 * i + 1] = p;
        ps[(int) (p & ID_MASK)] = i;
    }

    /** Puts key (t, p) at slot i or below, moving smaller children up. */
    private void siftDown(int i, long t, long p) {
        final long[] k = keys;
        final int[] ps = pos;
        final int n = size;
        while (true) {
            int c = (i << 2) + 1;
            if (c >= n) {
                break;
            }
            int best = c;
            long bt = k[2 * c];
            long bp = k[2 * c + 1];
            int end = Math.min(c + 4, n);
            for (int j = c + 1; j < end; j++) {
                long jt = k[2 * j];
                long jp = k[2 * j + 1];
                if (less(jt, jp, bt, bp)) {
                    best = j;
                    bt = jt;
                    bp = jp;
                }
            }
            if (!less(bt, bp, t, p)) {
                break;
            }
            k[2 * i] = bt;
            k[2 * i + 1] = bp;
            ps[(int) (bp & ID_MASK)] = i;
            i = best;
        }
        k[2 * i] = t;
        k[2 * i + 1] = p;
        ps[(int) (p & ID_MASK)] = i;
    }

    /**
     * Sequences ran out: give the armed timers new ones, 0.., in their key order. Every comparison
     * between them keeps its answer, so the heap stays valid as it is; later arms get larger ones.
     */
    private void renumber() {
        fillHole();
        int n = size;
        long[][] order = new long[n][];
        for (int i = 0; i < n; i++) {
            order[i] = new long[] {keys[2 * i], keys[2 * i + 1], i};
        }
        Arrays.sort(order, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (int r = 0; r < n; r++) {
            int slot = (int) order[r][2];
            keys[2 * slot + 1] = ((long) r << ID_BITS) | (keys[2 * slot + 1] & ID_MASK);
        }
        nextSeq = n;
    }
}
