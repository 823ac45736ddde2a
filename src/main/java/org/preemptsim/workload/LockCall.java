package org.preemptsim.workload;

import org.preemptsim.kernel.locking.LockKind;

/**
 * The kernel's lock and unlock calls, one family per lock type (Documentation/locking/locktypes.rst):
 * the names a scenario writes and {@code explain} lists. Each family takes one kind of lock and
 * compiles to one pair of {@link Op}s; what the op does is decided by the lock's kind and the build.
 * The spinning families have the {@code _irq}, {@code _irqsave}/{@code _irqrestore} and {@code _bh}
 * flavours, local_lock_t only {@code _irqsave}, the sleeping locks none.
 */
public enum LockCall {
    SPIN("spin_lock", "spin_unlock", LockKind.SPINLOCK, Op.SPIN_LOCK, Op.SPIN_UNLOCK, Flavours.ALL),
    RAW_SPIN("raw_spin_lock", "raw_spin_unlock", LockKind.RAW_SPINLOCK, Op.SPIN_LOCK, Op.SPIN_UNLOCK, Flavours.ALL),
    WRITE("write_lock", "write_unlock", LockKind.RWLOCK, Op.SPIN_LOCK, Op.SPIN_UNLOCK, Flavours.ALL),
    READ("read_lock", "read_unlock", LockKind.RWLOCK, Op.READ_LOCK, Op.READ_UNLOCK, Flavours.ALL),
    WRITE_SEQ("write_seqlock", "write_sequnlock", LockKind.SEQLOCK, Op.SPIN_LOCK, Op.SPIN_UNLOCK, Flavours.ALL),
    LOCAL("local_lock", "local_unlock", LockKind.LOCAL_LOCK, Op.SPIN_LOCK, Op.SPIN_UNLOCK, Flavours.PLAIN_IRQSAVE),
    MUTEX("mutex_lock", "mutex_unlock", LockKind.MUTEX, Op.SPIN_LOCK, Op.SPIN_UNLOCK, Flavours.PLAIN),
    RT_MUTEX("rt_mutex_lock", "rt_mutex_unlock", LockKind.RT_MUTEX, Op.SPIN_LOCK, Op.SPIN_UNLOCK, Flavours.PLAIN),
    DOWN("down", "up", LockKind.SEMAPHORE, Op.SPIN_LOCK, Op.SPIN_UNLOCK, Flavours.PLAIN);

    /** Bit masks of allowed flavours ({@link Op#LOCK_PLAIN} etc.). */
    private static final class Flavours {
        static final int PLAIN = 1 << Op.LOCK_PLAIN;
        static final int PLAIN_IRQSAVE = PLAIN | 1 << Op.LOCK_IRQSAVE;
        static final int ALL = PLAIN | 1 << Op.LOCK_IRQ | 1 << Op.LOCK_IRQSAVE | 1 << Op.LOCK_BH;
    }

    private final String lockName;
    private final String unlockName;
    private final LockKind kind;
    private final int lockOp;
    private final int unlockOp;
    private final int flavours;

    LockCall(String lockName, String unlockName, LockKind kind, int lockOp, int unlockOp, int flavours) {
        this.lockName = lockName;
        this.unlockName = unlockName;
        this.kind = kind;
        this.lockOp = lockOp;
        this.unlockOp = unlockOp;
        this.flavours = flavours;
    }

    /** A call as written: the family, which side, which flavour (possibly one the family lacks). */
    public record Parsed(LockCall call, boolean unlock, int flavour) {
        public String name() {
            return call.name(unlock, flavour);
        }
    }

    /** The kind of lock the family takes. */
    public LockKind kind() {
        return kind;
    }

    public boolean allows(int flavour) {
        return (flavours & 1 << flavour) != 0;
    }

    /** The op a lock (or unlock) call compiles to. */
    public int op(boolean unlock) {
        return unlock ? unlockOp : lockOp;
    }

    /** The kernel's name of this call: spin_lock_irqsave, spin_unlock_irqrestore, up, ... */
    public String name(boolean unlock, int flavour) {
        return (unlock ? unlockName : lockName) + suffix(unlock, flavour);
    }

    public static String suffix(boolean unlock, int flavour) {
        switch (flavour) {
            case Op.LOCK_IRQ:
                return "_irq";
            case Op.LOCK_IRQSAVE:
                return unlock ? "_irqrestore" : "_irqsave";
            case Op.LOCK_BH:
                return "_bh";
            default:
                return "";
        }
    }

    /** Whether the unlock must follow a lock by the same program: every lock but a semaphore, which has no owner. */
    public boolean owned() {
        return this != DOWN;
    }

    /** Reads a call name in any flavour, allowed or not; null when it names no lock call. */
    public static Parsed parse(String name) {
        for (LockCall c : values()) {
            for (int f = Op.LOCK_PLAIN; f <= Op.LOCK_BH; f++) {
                if (c.name(false, f).equals(name)) {
                    return new Parsed(c, false, f);
                }
                if (c.name(true, f).equals(name)) {
                    return new Parsed(c, true, f);
                }
            }
        }
        return null;
    }

    /** The exclusive (writer) family of a kind: spin_lock for spinlock_t, write_lock for rwlock_t, down for semaphores, ... */
    public static LockCall exclusive(LockKind kind) {
        for (LockCall c : values()) {
            if (c.kind == kind && c != READ) {
                return c;
            }
        }
        throw new IllegalArgumentException(kind.toString());
    }

    /** The kernel's name of a compiled lock step on a lock of this kind (for listings). */
    public static String nameOf(int op, int flavour, LockKind kind) {
        switch (op) {
            case Op.SPIN_LOCK:
                return exclusive(kind).name(false, flavour);
            case Op.SPIN_UNLOCK:
                return exclusive(kind).name(true, flavour);
            case Op.READ_LOCK:
                return READ.name(false, flavour);
            case Op.READ_UNLOCK:
                return READ.name(true, flavour);
            default:
                return Op.name(op);
        }
    }
}
