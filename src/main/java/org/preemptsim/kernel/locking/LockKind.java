package org.preemptsim.kernel.locking;

/**
 * The kernel's lock types. What a lock does depends on the kind and the build: on PREEMPT_RT
 * spinlock_t, rwlock_t and local_lock_t become sleeping locks on an rt_mutex (with priority
 * inheritance) and mutex is rt_mutex-based; raw_spinlock_t spins everywhere
 * (Documentation/locking/locktypes.rst).
 */
public enum LockKind {
    SPINLOCK("spinlock", "spinlock_t", true),
    RAW_SPINLOCK("raw_spinlock", "raw_spinlock_t", false),
    RWLOCK("rwlock", "rwlock_t", true),
    LOCAL_LOCK("local_lock", "local_lock_t", true),
    MUTEX("mutex", "struct mutex", true),
    RT_MUTEX("rt_mutex", "struct rt_mutex", true),
    SEMAPHORE("semaphore", "struct semaphore", true),
    SEQLOCK("seqlock", "seqlock_t", true);

    private final String key;
    private final String cType;
    private final boolean sleepsOnRt;

    LockKind(String key, String cType, boolean sleepsOnRt) {
        this.key = key;
        this.cType = cType;
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

    /** Whether taking it may sleep on a PREEMPT_RT kernel. */
    public boolean sleepsOnRt() {
        return sleepsOnRt;
    }

    /** Whether taking it may sleep on a non-RT kernel. */
    public boolean sleepsOnNonRt() {
        return this == MUTEX || this == RT_MUTEX || this == SEMAPHORE;
    }

    /** spin_lock-style kinds accept the _irq/_irqsave/_bh flavours. */
    public boolean spinning() {
        return this == SPINLOCK || this == RAW_SPINLOCK || this == RWLOCK || this == SEQLOCK;
    }

    /** One instance per CPU. */
    public boolean perCpu() {
        return this == LOCAL_LOCK;
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
