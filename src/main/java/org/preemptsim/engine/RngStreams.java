package org.preemptsim.engine;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent random streams split from one scenario seed.
 *
 * <p>Each consumer (a CPU, an IRQ source, a task) owns a stream named by (kind, index) whose seed
 * is a SplitMix64 hash of (seed, kind, index). A stream's draws therefore do not depend on how
 * many draws any other stream made, so the same seed gives the same IRQ arrival instants and the
 * same per-task draws under every model: common random numbers, the models differ only by what
 * the kernel does.
 */
public final class RngStreams {

    public static final int KIND_CPU = 1;
    public static final int KIND_IRQ = 2;
    public static final int KIND_TASK = 3;
    public static final int KIND_NMI = 4;
    public static final int KIND_WORKLOAD = 5;

    private final long seed;

    public RngStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The stream for (kind, index): the same arguments always give an identical stream. */
    public UniformRandomProvider stream(int kind, int index) {
        long s0 = splitMix(seed ^ splitMix(((long) kind << 32) | (index & 0xffffffffL)));
        long s1 = splitMix(s0 + 0x9E3779B97F4A7C15L);
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s0, s1});
    }

    /** SplitMix64's finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mix. */
    static long splitMix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
