package org.preemptsim.engine;

/**
 * A run's own event-queue operations (logged by {@link RecordingEventQueue}), replayed through a
 * fresh {@link IndexedHeap} with nothing else: the same timers, the same queue sizes, the same time
 * increments, so the same pops in the same order. Its rate is what the machine could reach if the
 * kernel model cost nothing, the bare-heap limit {@code bin/preemptsim bench} compares against.
 *
 * <p>Immutable; {@link #replay()} may run on any thread.
 */
public final class HeapReplay {

    private final int[] ops;
    private final long[] deltas;
    private final int timers;
    private final long pops;
    private final long arms;
    private final long cancels;

    HeapReplay(int[] ops, long[] deltas, int timers) {
        this.ops = ops;
        this.deltas = deltas;
        this.timers = timers;
        long p = 0;
        long a = 0;
        long c = 0;
        for (int op : ops) {
            switch (op >>> RecordingEventQueue.OP_SHIFT) {
                case RecordingEventQueue.OP_POP:
                    p++;
                    break;
                case RecordingEventQueue.OP_ARM:
                    a++;
                    break;
                default:
                    c++;
                    break;
            }
        }
        pops = p;
        arms = a;
        cancels = c;
    }

    /** Events (pops) in the log. */
    public long pops() {
        return pops;
    }

    public long arms() {
        return arms;
    }

    public long cancels() {
        return cancels;
    }

    /**
     * Replays the log once through a new heap; returns the sum of the popped ids (a checksum that
     * also keeps the JIT from dropping the work). Only the timers' creation happens outside the loop.
     */
    public long replay() {
        IndexedHeap h = new IndexedHeap(timers);
        for (int i = 0; i < timers; i++) {
            h.newTimer();
        }
        final int[] o = ops;
        final long[] d = deltas;
        long now = 0;
        long sum = 0;
        for (int i = 0; i < o.length; i++) {
            int op = o[i];
            int id = op & RecordingEventQueue.ID_MASK;
            switch (op >>> RecordingEventQueue.OP_SHIFT) {
                case RecordingEventQueue.OP_ARM:
                    h.arm(id, now + d[i]);
                    break;
                case RecordingEventQueue.OP_CANCEL:
                    h.cancel(id);
                    break;
                default:
                    now = h.peekTime();
                    sum += h.pop();
                    break;
            }
        }
        return sum;
    }

    /** The mean queue size seen by the pops (before each pop), from one more replay. */
    public double meanSizeAtPop() {
        IndexedHeap h = new IndexedHeap(timers);
        for (int i = 0; i < timers; i++) {
            h.newTimer();
        }
        long now = 0;
        double sizes = 0;
        for (int i = 0; i < ops.length; i++) {
            int op = ops[i];
            int id = op & RecordingEventQueue.ID_MASK;
            switch (op >>> RecordingEventQueue.OP_SHIFT) {
                case RecordingEventQueue.OP_ARM:
                    h.arm(id, now + deltas[i]);
                    break;
                case RecordingEventQueue.OP_CANCEL:
                    h.cancel(id);
                    break;
                default:
                    sizes += h.size();
                    now = h.peekTime();
                    h.pop();
                    break;
            }
        }
        return pops == 0 ? 0 : sizes / pops;
    }
}
