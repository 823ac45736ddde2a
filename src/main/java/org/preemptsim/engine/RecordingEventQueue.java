package org.preemptsim.engine;

import java.util.Arrays;

/**
 * An {@link IndexedHeap} that also logs the operations a run makes on it, for
 * {@link HeapReplay}: every arm (timer id and its time increment over the time of the last pop),
 * cancel and pop, from the first operation until {@code capacity} operations are logged; after
 * that it only delegates.
 *
 * <p>Only the bench uses it, in a run of its own after the timed runs: normal runs build a bare
 * {@link IndexedHeap}, so their call sites never see this class. The log is two primitive arrays
 * filled in place (one int and one long per operation); nothing is allocated per operation.
 *
 * <p>Not thread-safe: one queue belongs to one run.
 */
public final class RecordingEventQueue implements EventQueue {

    /** Operation codes, in the top two bits of a log entry; the timer id is in the low 30. */
    static final int OP_ARM = 0;
    static final int OP_CANCEL = 1;
    static final int OP_POP = 2;
    static final int OP_SHIFT = 30;
    static final int ID_MASK = (1 << OP_SHIFT) - 1;

    private final IndexedHeap heap;
    private final int[] ops;
    private final long[] deltas;
    private int n;
    private long lastPopNs;

    public RecordingEventQueue(int initialTimers, int capacity) {
        heap = new IndexedHeap(initialTimers);
        ops = new int[capacity];
        deltas = new long[capacity];
    }

    @Override
    public int newTimer() {
        return heap.newTimer();
    }

    @Override
    public void arm(int id, long timeNs) {
        if (n < ops.length) {
            ops[n] = (OP_ARM << OP_SHIFT) | id;
            deltas[n++] = timeNs - lastPopNs;
        }
        heap.arm(id, timeNs);
    }

    @Override
    public boolean cancel(int id) {
        boolean armed = heap.cancel(id);
        if (armed && n < ops.length) {
            ops[n++] = (OP_CANCEL << OP_SHIFT) | id;
        }
        return armed;
    }

    @Override
    public boolean isArmed(int id) {
        return heap.isArmed(id);
    }

    @Override
    public long timeOf(int id) {
        return heap.timeOf(id);
    }

    @Override
    public int size() {
        return heap.size();
    }

    @Override
    public long peekTime() {
        return heap.peekTime();
    }

    @Override
    public int pop() {
        long t = heap.peekTime();
        int id = heap.pop();
        if (id >= 0) {
            lastPopNs = t;
            if (n < ops.length) {
                ops[n++] = OP_POP << OP_SHIFT;
            }
        }
        return id;
    }

    /** Whether the log filled up before the run ended (the replay then covers its first part). */
    public boolean full() {
        return n == ops.length;
    }

    /** The log so far, cut to the last pop (a replay ends on an event). */
    public HeapReplay log() {
        int end = n;
        while (end > 0 && (ops[end - 1] >>> OP_SHIFT) != OP_POP) {
            end--;
        }
        return new HeapReplay(Arrays.copyOf(ops, end), Arrays.copyOf(deltas, end), heap.timers());
    }
}
