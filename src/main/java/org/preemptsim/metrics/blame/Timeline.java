package org.preemptsim.metrics.blame;

import java.util.Arrays;

/**
 * One CPU's state intervals ({@link CpuState}), oldest first: entry i holds from {@code t[i]}
 * until {@code t[i + 1]} (the last one until now), and the NMIs seen on the CPU. Only the last
 * state of an instant is kept, as the states before it lasted no time. Primitive arrays that grow
 * by doubling and are trimmed from the front: nothing is allocated per event.
 */
final class Timeline {

    /** Entries kept at most; beyond it the oldest half goes and old samples are marked truncated. */
    static final int CAP = 1 << 19;

    long[] t = new long[64];
    int[] st = new int[64];
    int[] who = new int[64];
    int[] where = new int[64];
    /** First live entry and one past the last. */
    int head;
    int tail;

    long[] nmiStart = new long[8];
    long[] nmiEnd = new long[8];
    int[] nmiSource = new int[8];
    int nmiHead;
    int nmiTail;

    /** Preemptions at a preemption point: when, the task preempted, its step and the point. */
    long[] ptAt = new long[8];
    int[] ptWho = new int[8];
    int[] ptWhere = new int[8];
    int ptHead;
    int ptTail;

    /** Entries dropped because the log outgrew {@link #CAP}. */
    long dropped;

    void append(long ns, int s, int w, int wh) {
        if (tail > head && t[tail - 1] == ns) {
            tail--; // the previous state of this instant lasted no time
            if (tail > head && st[tail - 1] == s && who[tail - 1] == w && where[tail - 1] == wh) {
                return; // back to what held before this instant
            }
        }
        if (tail == t.length) {
            makeRoom();
        }
        t[tail] = ns;
        st[tail] = s;
        who[tail] = w;
        where[tail] = wh;
        tail++;
    }

    private void makeRoom() {
        if (tail - head >= CAP) {
            int drop = (tail - head) / 2;
            head += drop;
            dropped += drop;
        }
        int live = tail - head;
        int n = Columns.capacity(head, live, t.length);
        t = Columns.moved(t, head, live, n);
        st = Columns.moved(st, head, live, n);
        who = Columns.moved(who, head, live, n);
        where = Columns.moved(where, head, live, n);
        head = 0;
        tail = live;
    }

    void nmi(long startNs, long endNs, int source) {
        if (nmiTail == nmiStart.length) {
            int live = nmiTail - nmiHead;
            int n = Columns.capacity(nmiHead, live, nmiStart.length);
            nmiStart = Columns.moved(nmiStart, nmiHead, live, n);
            nmiEnd = Columns.moved(nmiEnd, nmiHead, live, n);
            nmiSource = Columns.moved(nmiSource, nmiHead, live, n);
            nmiHead = 0;
            nmiTail = live;
        }
        nmiStart[nmiTail] = startNs;
        nmiEnd[nmiTail] = endNs;
        nmiSource[nmiTail] = source;
        nmiTail++;
    }

    /** The task at index who was preempted at ns from program step pc at preemption point kind. */
    void preempted(long ns, int who, int pc, int point) {
        if (ptTail == ptAt.length) {
            int live = ptTail - ptHead;
            int n = Columns.capacity(ptHead, live, ptAt.length);
            ptAt = Columns.moved(ptAt, ptHead, live, n);
            ptWho = Columns.moved(ptWho, ptHead, live, n);
            ptWhere = Columns.moved(ptWhere, ptHead, live, n);
            ptHead = 0;
            ptTail = live;
        }
        ptAt[ptTail] = ns;
        ptWho[ptTail] = who;
        ptWhere[ptTail] = pc < 0 ? -1 : pc << 3 | point;
        ptTail++;
    }

    /** The first preemption of task who at or after ns, as step << 3 | point; -1 if none (yet). */
    int preemptionOf(int who, long ns) {
        for (int i = ptHead; i < ptTail; i++) {
            if (ptAt[i] >= ns && ptWho[i] == who) {
                return ptWhere[i];
            }
        }
        return -1;
    }

    /** The entry in force at {@code ns}: the last one starting at or before it, or head if none. */
    int indexAt(long ns) {
        int lo = head;
        int hi = tail - 1;
        if (hi < lo || t[lo] > ns) {
            return head;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (t[mid] <= ns) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The first NMI ending after {@code ns}. */
    int nmiFrom(long ns) {
        int i = nmiHead;
        while (i < nmiTail && nmiEnd[i] <= ns) {
            i++;
        }
        return i;
    }

    /** Forgets what lies wholly before {@code ns}: entry i goes once entry i + 1 starts at or before ns. */
    void trim(long ns) {
        int keep = indexAt(ns);
        if (keep > head && t[keep] <= ns) {
            head = keep;
        }
        while (nmiHead < nmiTail && nmiEnd[nmiHead] <= ns) {
            nmiHead++;
        }
        if (nmiHead == nmiTail) {
            nmiHead = 0;
            nmiTail = 0;
        }
        while (ptHead < ptTail && ptAt[ptHead] < ns) {
            ptHead++;
        }
    }

    boolean isEmpty() {
        return tail == head;
    }

    @Override
    public String toString() {
        return "Timeline[" + (tail - head) + " entries from " + (isEmpty() ? "-" : t[head]) + ", dropped " + dropped
            + "] " + Arrays.toString(Arrays.copyOfRange(t, head, Math.min(tail, head + 8)));
    }
}
