package org.preemptsim.workload.scenario;

/**
 * The {@code kind:} of a declared lock. Only the spinning kinds are simulated today; the others are
 * known so that a scenario naming them gets a clear "not simulated yet" instead of "unknown", and so
 * that adding one is a matter of flipping {@code simulated} and teaching the kernel its steps.
 */
public enum LockKind {
    SPINLOCK("spinlock", "spinlock_t", true, true),
    RAW_SPINLOCK("raw_spinlock", "raw_spinlock_t", true, false),
    RWLOCK("rwlock", "rwlock_t", false, true),
    LOCAL_LOCK("local_lock", "local_lock_t", false, true),
    MUTEX("mutex", "struct mutex", false, true),
    RT_MUTEX("rt_mutex", "struct rt_mutex", false, true),
    RW_SEMAPHORE("rw_semaphore", "struct rw_semaphore", false, true),
    SEMAPHORE("semaphore", "struct semaphore", false, true);

    private final String key;
    private final String cType;
    private final boolean simulated;
    private final boolean sleepsOnRt;

    LockKind(String key, String cType, boolean simulated, boolean sleepsOnRt) {
        this.key = key;
        this.cType = cType;
        this.simulated = simulated;
        this.sleepsOnRt = sleepsOnRt;
    }

    /** The scenario spelling. */
    public String key() {
        return key;
    }

    /** The kernel's type name. */
    public String cType() {
        return cType;
    }

    public boolean simulated() {
        return simulated;
    }

    /** On PREEMPT_RT the lock is a sleeping lock (spinlock_t and rwlock_t become rtlocks). */
    public boolean sleepsOnRt() {
        return sleepsOnRt;
    }

    public boolean raw() {
        return this == RAW_SPINLOCK;
    }

    public static LockKind ofKey(String s) {
        for (LockKind k : values()) {
            if (k.key.equals(s)) {
                return k;
            }
        }
        return null;
    }
}
