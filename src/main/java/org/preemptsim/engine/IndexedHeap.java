package org.preemptsim.engine;

import java.util.Arrays;

/**
 * Indexed 4-ary min-heap on primitive arrays: the event queue of every run.
 *
 * <p>Heap slot i holds (time[i], seq[i], id[i]) side by side so that a sift touches one cache line
 * per level; {@code pos[id]} is the slot of a timer (-1 when not armed), which makes cancel and
 * re-arm O(log4 n). Children of slot i are 4i+1 .. 4i+4; the parent of i is (i-1)/4. A 4-ary heap
 * halves the depth of a binary heap at the price of comparing four children per level, a good trade
 * when pops dominate and keys are two primitive longs.
 */
public final class IndexedHeap implements EventQueue {

    private long[] time;
    private long[] seq;
    private int[] id;
    private int[] pos;
    private int size;
    private int timers;
    private long nextSeq;

    public IndexedHeap() {
        this(64);
    }

    public IndexedHeap(int initialTimers) {
        int n = Math.max(4, initialTimers);
        time = new long[n];
        seq = new long[n];
        id = new int[n];
        pos = new int[n];
        Arrays.fill(pos, -1);
    }

    @Override
    public int newTimer() {
        if (timers == pos.length) {
            int n = timers * 2;
            time = Arrays.copyOf(time, n);
            seq = Arrays.copyOf(seq, n);
            id = Arrays.copyOf(id, n);
            pos = Arrays.copyOf(pos, n);
            Arrays.fill(pos, timers, n, -1);
        }
        return timers++;
    }

    @Override
    public void arm(int t, long timeNs) {
        int i = pos[t];
        long s = nextSeq++;
        if (i < 0) {
            i = size++;
            place(i, timeNs, s, t);
            siftUp(i);
        } else {
            long oldTime = time[i];
            time[i] = timeNs;
            seq[i] = s;
            // A later key (or the same time with a larger sequence) can only move down.
            if (timeNs < oldTime) {
                siftUp(i);
            } else {
                siftDown(i);
            }
        }
    }

    @Override
    public boolean cancel(int t) {
        int i = pos[t];
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    @Override
    public boolean isArmed(int t) {
        return pos[t] >= 0;
    }

    @Override
    public long timeOf(int t) {
        return time[pos[t]];
    }

    /** Timer ids handed out so far. */
    public int timers() {
        return timers;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long peekTime() {
        return size == 0 ? NEVER : time[0];
    }

    @Override
    public int pop() {
        if (size == 0) {
            return -1;
        }
        int t = id[0];
        removeAt(0);
        return t;
    }

    private void removeAt(int i) {
        int t = id[i];
        pos[t] = -1;
        int last = --size;
        if (i != last) {
            long lt = time[last];
            long ls = seq[last];
            int lid = id[last];
            place(i, lt, ls, lid);
            if (i > 0 && less(lt, ls, time[(i - 1) >>> 2], seq[(i - 1) >>> 2])) {
                siftUp(i);
            } else {
                siftDown(i);
            }
        }
    }

    private void place(int i, long t, long s, int tid) {
        time[i] = t;
        seq[i] = s;
        id[i] = tid;
        pos[tid] = i;
    }

    private static boolean less(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void siftUp(int i) {
        final long t = time[i];
        final long s = seq[i];
        final int tid = id[i];
        while (i > 0) {
            int p = (i - 1) >>> 2;
            if (!less(t, s, time[p], seq[p])) {
                break;
            }
            place(i, time[p], seq[p], id[p]);
            i = p;
        }
        place(i, t, s, tid);
    }

    private void siftDown(int i) {
        final long t = time[i];
        final long s = seq[i];
        final int tid = id[i];
        final int n = size;
        while (true) {
            int c = (i << 2) + 1;
            if (c >= n) {
                break;
            }
            int best = c;
            long bt = time[c];
            long bs = seq[c];
            int end = Math.min(c + 4, n);
            for (int k = c + 1; k < end; k++) {
                if (less(time[k], seq[k], bt, bs)) {
                    best = k;
                    bt = time[k];
                    bs = seq[k];
                }
            }
            if (!less(bt, bs, t, s)) {
                break;
            }
            place(i, bt, bs, id[best]);
            i = best;
        }
        place(i, t, s, tid);
    }
}
