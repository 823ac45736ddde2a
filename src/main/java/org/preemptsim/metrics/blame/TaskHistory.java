package org.preemptsim.metrics.blame;

/**
 * A measured task's own side of its samples: where it was (asleep, being woken through a wake
 * list, runnable on a CPU, on its way back from __schedule, running its own code), from the sched
 * tracepoints, and the instants its timers fired. Trimmed to the expiry of its last sample, as the
 * next sample's expiry is later.
 */
final class TaskHistory {

    static final byte SLEEP = 0;
    /** sched_waking seen, sched_wakeup not yet: queued on a remote wake list. */
    static final byte WAKING = 1;
    static final byte RUNNABLE = 2;
    /** Switched in, not yet back in its own code: __schedule's tail and the cache refill. */
    static final byte RETURNING = 3;
    /** Running its own code since its last sample. */
    static final byte RUNNING = 4;

    long[] t = new long[16];
    byte[] status = new byte[16];
    int[] cpu = new int[16];
    int head;
    int tail;

    /** hrtimer_expire of its timers: when the callback ran, on which CPU, for which expiry. */
    long[] firedNs = new long[8];
    /** The CPU, negated minus one for a soft hrtimer (its callback ran in task context: ktimers). */
    int[] firedCpu = new int[8];
    long[] expiryNs = new long[8];
    int firedHead;
    int firedTail;

    /** The expiry of the last sample; -1 before the first. */
    long lastExpiryNs = -1;
    /** Woken since its last sample: a switch-in brings it back towards the next sample. */
    boolean woken;
    boolean exited;

    void add(long ns, byte s, int c) {
        if (tail > head && t[tail - 1] == ns) {
            tail--; // the earlier status of this instant lasted no time
        }
        if (tail == t.length) {
            int live = tail - head;
            int n = Columns.capacity(head, live, t.length);
            t = Columns.moved(t, head, live, n);
            status = Columns.moved(status, head, live, n);
            cpu = Columns.moved(cpu, head, live, n);
            head = 0;
            tail = live;
        }
        t[tail] = ns;
        status[tail] = s;
        cpu[tail] = c;
        tail++;
    }

    void fired(long ns, int c, long expiry) {
        if (firedTail == firedNs.length) {
            int live = firedTail - firedHead;
            int n = Columns.capacity(firedHead, live, firedNs.length);
            firedNs = Columns.moved(firedNs, firedHead, live, n);
            firedCpu = Columns.moved(firedCpu, firedHead, live, n);
            expiryNs = Columns.moved(expiryNs, firedHead, live, n);
            firedHead = 0;
            firedTail = live;
        }
        firedNs[firedTail] = ns;
        firedCpu[firedTail] = c;
        expiryNs[firedTail] = expiry;
        firedTail++;
    }

    /** The last status entry at or before ns, or -1. */
    int indexAt(long ns) {
        int lo = head;
        int hi = tail - 1;
        if (hi < lo || t[lo] > ns) {
            return -1;
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

    /** The hrtimer_expire for {@code expiry}, the latest first, or -1. */
    int firedFor(long expiry) {
        for (int i = firedTail - 1; i >= firedHead; i--) {
            if (expiryNs[i] == expiry) {
                return i;
            }
        }
        return -1;
    }

    void trim(long ns) {
        int keep = indexAt(ns);
        if (keep > head) {
            head = keep;
        }
        while (firedHead < firedTail && expiryNs[firedHead] < ns) {
            firedHead++;
        }
    }
}
