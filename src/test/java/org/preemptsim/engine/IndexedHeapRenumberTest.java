package org.preemptsim.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap's inner tricks (the hole left by pop, sequences renumbered when they run out) never
 * change what it answers: random operations against the JDK reference, with a sequence limit
 * small enough to renumber often.
 */
class IndexedHeapRenumberTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldAnswerAsTheReferenceThroughRenumberings(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        IndexedHeap heap = new IndexedHeap(4, 64);
        PriorityQueueEventQueue ref = new PriorityQueueEventQueue();
        int timers = 1 + r.nextInt(40);
        for (int i = 0; i < timers; i++) {
            heap.newTimer();
            ref.newTimer();
        }
        long now = 0;
        for (int step = 0; step < 50_000; step++) {
            int op = r.nextInt(10);
            int id = r.nextInt(timers);
            if (op < 5) {
                long t = now + r.nextInt(50); // many equal times: the sequence decides
                heap.arm(id, t);
                ref.arm(id, t);
            } else if (op < 6) {
                assertThat(heap.cancel(id)).isEqualTo(ref.cancel(id));
            } else if (op < 7) {
                assertThat(heap.isArmed(id)).isEqualTo(ref.isArmed(id));
                if (ref.isArmed(id)) {
                    assertThat(heap.timeOf(id)).isEqualTo(ref.timeOf(id));
                }
            } else {
                assertThat(heap.peekTime()).isEqualTo(ref.peekTime());
                if (ref.size() > 0) {
                    now = ref.peekTime();
                }
                assertThat(heap.pop()).isEqualTo(ref.pop());
            }
            assertThat(heap.size()).isEqualTo(ref.size());
        }
    }
}
