package org.preemptsim.kernel;

/** A lock: a spinlock_t, or a raw_spinlock_t when {@code raw}. */
public record LockSpec(String name, boolean raw) {
}
