package org.preemptsim.kernel.sched;

import org.preemptsim.kernel.Task;

/**
 * struct rt_rq: 100 FIFO lists, one per rt prio, with a bitmap of the non-empty ones
 * (kernel/sched/rt.c rt_prio_array). The running task stays on its list, as in the kernel.
 */
public final class RtRq {

    static final int MAX_RT_PRIO = 100;

    final Task[] head = new Task[MAX_RT_PRIO];
    final Task[] tail = new Task[MAX_RT_PRIO];
    /** Bitmap over prio 0..99: two longs. */
    final long[] bitmap = new long[2];
    public int nrRunning;

    void enqueue(Task p, boolean atHead) {
        int prio = p.prio;
        if (head[prio] == null) {
            head[prio] = p;
            tail[prio] = p;
            p.rtPrev = null;
            p.rtNext = null;
            bitmap[prio >>> 6] |= 1L << (prio & 63);
        } else if (atHead) {
            p.rtNext = head[prio];
            p.rtPrev = null;
            head[prio].rtPrev = p;
            head[prio] = p;
        } else {
            p.rtPrev = tail[prio];
            p.rtNext = null;
            tail[prio].rtNext = p;
            tail[prio] = p;
        }
        nrRunning++;
    }

    void dequeue(Task p) {
        int prio = p.prio;
        if (p.rtPrev != null) {
            p.rtPrev.rtNext = p.rtNext;
        } else {
            head[prio] = p.rtNext;
        }
        if (p.rtNext != null) {
            p.rtNext.rtPrev = p.rtPrev;
        } else {
            tail[prio] = p.rtPrev;
        }
        p.rtNext = null;
        p.rtPrev = null;
        if (head[prio] == null) {
            bitmap[prio >>> 6] &= ~(1L << (prio & 63));
        }
        nrRunning--;
    }

    /** requeue_task_rt: move p to the head or tail of its list. */
    void requeue(Task p, boolean atHead) {
        dequeue(p);
        enqueue(p, atHead);
    }

    /** sched_find_first_bit: the best prio with a runnable task, or MAX_RT_PRIO. */
    int firstPrio() {
        if (bitmap[0] != 0) {
            return Long.numberOfTrailingZeros(bitmap[0]);
        }
        if (bitmap[1] != 0) {
            return 64 + Long.numberOfTrailingZeros(bitmap[1]);
        }
        return MAX_RT_PRIO;
    }

    Task first() {
        int prio = firstPrio();
        return prio == MAX_RT_PRIO ? null : head[prio];
    }

    boolean hasOthersAtPrio(Task p) {
        return head[p.prio] != tail[p.prio];
    }

    /** The best queued task that is not {@code except} (used to find pushable tasks). */
    Task highestQueuedExcept(Task except) {
        for (int w = 0; w < 2; w++) {
            long bits = bitmap[w];
            while (bits != 0) {
                int prio = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                for (Task t = head[prio]; t != null; t = t.rtNext) {
                    if (t != except) {
                        return t;
                    }
                }
            }
        }
        return null;
    }

    /** The next-best queued task that is not {@code except} and may run on {@code cpu}. */
    Task highestQueuedFor(Task except, int cpu) {
        for (int w = 0; w < 2; w++) {
            long bits = bitmap[w];
            while (bits != 0) {
                int prio = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                for (Task t = head[prio]; t != null; t = t.rtNext) {
                    if (t != except && t.allowedOn(cpu) && t.migrationDisabled == 0) {
                        return t;
                    }
                }
            }
        }
        return null;
    }
}
