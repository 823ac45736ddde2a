package org.preemptsim.kernel;

import org.preemptsim.kernel.locking.LockKind;

/**
 * A lock declared by the scenario. {@code count} is a semaphore's initial count (1 otherwise).
 */
public record LockSpec(String name, LockKind kind, int count) {

    public LockSpec {
        if (kind == LockKind.SEMAPHORE && count < 0) {
            throw new IllegalArgumentException("semaphore " + name + ": negative count");
        }
    }

    /** A spinlock_t, or a raw_spinlock_t when {@code raw}. */
    public LockSpec(String name, boolean raw) {
        this(name, raw ? LockKind.RAW_SPINLOCK : LockKind.SPINLOCK, 1);
    }

    public boolean raw() {
        return kind == LockKind.RAW_SPINLOCK;
    }
}
