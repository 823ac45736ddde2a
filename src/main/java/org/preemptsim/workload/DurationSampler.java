package org.preemptsim.workload;

/** A {@link Dist} bound to one consumer's random stream; sampling allocates nothing. */
public interface DurationSampler {
    long sample();
}
