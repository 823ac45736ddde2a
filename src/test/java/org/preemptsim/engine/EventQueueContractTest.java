package org.preemptsim.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** One contract, every implementation: the indexed 4-ary heap must behave exactly like the JDK reference. */
class EventQueueContractTest {

    static Stream<Supplier<EventQueue>> queues() {
        return Stream.of(IndexedHeap::new, PriorityQueueEventQueue::new);
    }

    @ParameterizedTest
    @MethodSource("queues")
    void shouldPopInTimeOrderAndBreakTiesByArmingOrder(Supplier<EventQueue> f) {
        EventQueue q = f.get();
        int a = q.newTimer();
        int b = q.newTimer();
        int c = q.newTimer();
        q.arm(b, 10);
        q.arm(a, 10);
        q.arm(c, 5);
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.peekTime()).isEqualTo(5);
        assertThat(q.pop()).isEqualTo(c);
        assertThat(q.pop()).isEqualTo(b);
        assertThat(q.pop()).isEqualTo(a);
        assertThat(q.pop()).isEqualTo(-1);
        assertThat(q.peekTime()).isEqualTo(EventQueue.NEVER);
    }

    @ParameterizedTest
    @MethodSource("queues")
    void shouldMoveARearmedTimerAndGiveItANewSequence(Supplier<EventQueue> f) {
        EventQueue q = f.get();
        int a = q.newTimer();
        int b = q.newTimer();
        q.arm(a, 10);
        q.arm(b, 10);
        q.arm(a, 10); // same time, re-armed later: now after b
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.pop()).isEqualTo(b);
        assertThat(q.pop()).isEqualTo(a);
        q.arm(a, 50);
        q.arm(a, 1);
        assertThat(q.timeOf(a)).isEqualTo(1);
        assertThat(q.pop()).isEqualTo(a);
    }

    @ParameterizedTest
    @MethodSource("queues")
    void shouldCancelOnlyArmedTimers(Supplier<EventQueue> f) {
        EventQueue q = f.get();
        int a = q.newTimer();
        int b = q.newTimer();
        assertThat(q.cancel(a)).isFalse();
        q.arm(a, 3);
        q.arm(b, 4);
        assertThat(q.isArmed(a)).isTrue();
        assertThat(q.cancel(a)).isTrue();
        assertThat(q.isArmed(a)).isFalse();
        assertThat(q.cancel(a)).isFalse();
        assertThat(q.size()).isEqualTo(1);
        assertThat(q.pop()).isEqualTo(b);
    }

    /** Random arm/re-arm/cancel/pop sequences: the heap and the reference agree at every step. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldAgreeWithTheReferenceOnRandomOperations(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        IndexedHeap h = new IndexedHeap(4);
        PriorityQueueEventQueue ref = new PriorityQueueEventQueue();
        int timers = 1 + r.nextInt(200);
        for (int i = 0; i < timers; i++) {
            assertThat(h.newTimer()).isEqualTo(ref.newTimer());
        }
        long now = 0;
        for (int step = 0; step < 5_000; step++) {
            int op = r.nextInt(10);
            int id = r.nextInt(timers);
            if (op < 5) {
                long t = now + r.nextInt(1000);
                h.arm(id, t);
                ref.arm(id, t);
            } else if (op < 7) {
                assertThat(h.cancel(id)).isEqualTo(ref.cancel(id));
            } else {
                assertThat(h.peekTime()).isEqualTo(ref.peekTime());
                int x = h.pop();
                assertThat(x).isEqualTo(ref.pop());
                if (x >= 0) {
                    now = Math.max(now, 0);
                }
            }
            assertThat(h.size()).isEqualTo(ref.size());
            assertThat(h.isArmed(id)).isEqualTo(ref.isArmed(id));
        }
        while (ref.size() > 0) {
            assertThat(h.pop()).isEqualTo(ref.pop());
        }
        assertThat(h.size()).isZero();
    }

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L, 42L, 1234L, 99991L);
    }
}
