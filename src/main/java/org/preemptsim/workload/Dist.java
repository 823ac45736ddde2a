package org.preemptsim.workload;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A random quantity in nanoseconds. It is bound to one consumer's stream ({@link #bind}) when a
 * machine is built, so each task or IRQ source draws from its own stream and the same seed gives
 * the same draws under every model. Samples are never negative.
 */
public interface Dist {

    /** A sampler drawing from {@code rng} only; created once per consumer, never in the event loop. */
    DurationSampler bind(UniformRandomProvider rng);

    /** The mean, for documentation and the analytical bound. */
    double mean();

    /** The largest value it can return, or Long.MAX_VALUE when unbounded. */
    long max();
}
