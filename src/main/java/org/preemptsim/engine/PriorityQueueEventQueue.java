package org.preemptsim.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The reference {@link EventQueue}: a JDK {@link PriorityQueue} of boxed entries with lazy
 * deletion. Slow and allocating on purpose; it exists so that {@link IndexedHeap} can be checked
 * against an obviously correct implementation and measured against the JDK baseline.
 */
public final class PriorityQueueEventQueue implements EventQueue {

    private record Entry(long timeNs, long seq, int id) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(timeNs, o.timeNs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final List<Entry> live = new ArrayList<>();
    private long nextSeq;
    private int size;

    @Override
    public int newTimer() {
        live.add(null);
        return live.size() - 1;
    }

    @Override
    public void arm(int id, long timeNs) {
        if (live.get(id) == null) {
            size++;
        }
        Entry e = new Entry(timeNs, nextSeq++, id);
        live.set(id, e);
        queue.add(e);
    }

    @Override
    public boolean cancel(int id) {
        if (live.get(id) == null) {
            return false;
        }
        live.set(id, null);
        size--;
        return true;
    }

    @Override
    public boolean isArmed(int id) {
        return live.get(id) != null;
    }

    @Override
    public long timeOf(int id) {
        return live.get(id).timeNs();
    }

    @Override
    public int size() {
        return size;
    }

    private void skipStale() {
        while (!queue.isEmpty() && live.get(queue.peek().id()) != queue.peek()) {
            queue.poll();
        }
    }

    @Override
    public long peekTime() {
        skipStale();
        return queue.isEmpty() ? NEVER : queue.peek().timeNs();
    }

    @Override
    public int pop() {
        skipStale();
        if (queue.isEmpty()) {
            return -1;
        }
        Entry e = queue.poll();
        live.set(e.id(), null);
        size--;
        return e.id();
    }
}
