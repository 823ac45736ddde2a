package org.preemptsim.engine;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The event queue under the classic hold model (pop the earliest timer, re-arm it a random
 * increment later: the queue size stays {@code size}), without and with cancels, for
 * {@link IndexedHeap} and the JDK baseline {@link PriorityQueueEventQueue} (a
 * {@link java.util.PriorityQueue} with lazy deletion). One operation is one event: one pop and one
 * arm (plus, with cancels, one cancel and one re-arm of a random other timer).
 *
 * <p>Increments are exponential with mean 10 µs, drawn before the measurement into a ring so the
 * random generator is not measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventQueueBench {

    @Param({"IndexedHeap", "PriorityQueue"})
    public String impl;

    @Param({"16", "256", "4096"})
    public int size;

    private static final int RING = 1 << 16;

    private EventQueue q;
    private long[] increments;
    private int[] victims;
    private int i;
    private long now;

    @Setup(Level.Trial)
    public void setUp() {
        q = impl.equals("IndexedHeap") ? new IndexedHeap(size) : new PriorityQueueEventQueue();
        SplittableRandom r = new SplittableRandom(42);
        increments = new long[RING];
        victims = new int[RING];
        for (int k = 0; k < RING; k++) {
            increments[k] = 1 + (long) (-Math.log(1 - r.nextDouble()) * 10_000);
            victims[k] = r.nextInt(size);
        }
        for (int k = 0; k < size; k++) {
            int id = q.newTimer();
            q.arm(id, increments[k]);
        }
    }

    /** pop + re-arm: the hold model. */
    @Benchmark
    public int hold() {
        long t = q.peekTime();
        int id = q.pop();
        now = t;
        q.arm(id, now + increments[i++ & (RING - 1)]);
        return id;
    }

    /** pop + re-arm, then cancel a random timer and arm it again (a suspended segment resumed). */
    @Benchmark
    public int holdWithCancels() {
        long t = q.peekTime();
        int id = q.pop();
        now = t;
        int k = i++ & (RING - 1);
        q.arm(id, now + increments[k]);
        int v = victims[k];
        if (q.cancel(v)) {
            q.arm(v, now + increments[(k + 7) & (RING - 1)]);
        }
        return id;
    }
}
