package org.preemptsim.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The recording queue behaves as the heap it wraps, and its log replays the same pops. */
class HeapReplayTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shouldReplayTheRecordedPopsInTheSameOrder(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        RecordingEventQueue rec = new RecordingEventQueue(4, 1 << 20);
        IndexedHeap plain = new IndexedHeap(4);
        int timers = 50;
        for (int i = 0; i < timers; i++) {
            rec.newTimer();
            plain.newTimer();
        }
        long now = 0;
        long sum = 0;
        long pops = 0;
        for (int step = 0; step < 20_000; step++) {
            int op = r.nextInt(10);
            int id = r.nextInt(timers);
            if (op < 5) {
                long t = now + r.nextInt(1000); // ties happen: the sequence must break them alike
                rec.arm(id, t);
                plain.arm(id, t);
            } else if (op < 7) {
                assertThat(rec.cancel(id)).isEqualTo(plain.cancel(id));
            } else {
                assertThat(rec.peekTime()).isEqualTo(plain.peekTime());
                if (rec.size() > 0) {
                    now = rec.peekTime();
                    plain.pop();
                    int popped = rec.pop();
                    sum += popped;
                    pops++;
                }
            }
            assertThat(rec.size()).isEqualTo(plain.size());
        }
        HeapReplay log = rec.log();
        assertThat(rec.full()).isFalse();
        assertThat(log.pops()).isEqualTo(pops);
        assertThat(log.replay()).isEqualTo(sum);
        assertThat(log.replay()).as("a replay starts from an empty heap each time").isEqualTo(sum);
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {1, 7, 100})
    void shouldStopLoggingWhenFullAndEndTheLogOnAPop(int capacity) {
        RecordingEventQueue rec = new RecordingEventQueue(4, capacity);
        for (int i = 0; i < 10; i++) {
            rec.arm(rec.newTimer(), 10L * i);
        }
        long sum = 0;
        for (int i = 0; i < 10; i++) {
            int id = rec.pop();
            sum += id;
            rec.arm(id, 1_000 + i); // re-armed once, popped again at the end
        }
        while (rec.size() > 0) {
            sum += rec.pop();
        }
        HeapReplay log = rec.log();
        assertThat(rec.full()).isEqualTo(capacity < 30);
        if (capacity >= 30) {
            assertThat(log.pops()).isEqualTo(20);
            assertThat(log.replay()).isEqualTo(sum);
        } else {
            assertThat(log.pops()).isLessThanOrEqualTo(capacity);
            log.replay(); // a cut log still replays
        }
    }
}
