package org.preemptsim.engine;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RngStreamsTest {

    @Test
    void shouldGiveTheSameStreamForTheSameSeedKindAndIndex() {
        UniformRandomProvider a = new RngStreams(7).stream(RngStreams.KIND_IRQ, 3);
        UniformRandomProvider b = new RngStreams(7).stream(RngStreams.KIND_IRQ, 3);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
    }

    @Test
    void shouldGiveIndependentStreamsPerConsumer() {
        RngStreams s = new RngStreams(7);
        long irq0 = s.stream(RngStreams.KIND_IRQ, 0).nextLong();
        long irq1 = s.stream(RngStreams.KIND_IRQ, 1).nextLong();
        long task0 = s.stream(RngStreams.KIND_TASK, 0).nextLong();
        long otherSeed = new RngStreams(8).stream(RngStreams.KIND_IRQ, 0).nextLong();
        assertThat(irq0).isNotEqualTo(irq1).isNotEqualTo(task0).isNotEqualTo(otherSeed);
    }
}
