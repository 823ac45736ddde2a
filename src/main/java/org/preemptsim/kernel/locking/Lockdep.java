package org.preemptsim.kernel.locking;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Kernel;
import org.preemptsim.kernel.PreemptCount;
import org.preemptsim.kernel.Task;

import java.util.BitSet;

/**
 * A lockdep-like validator over lock classes (one class per declared lock). It reports, in
 * lockdep's words, the first time an order is seen that closes a cycle (even if no deadlock
 * happens in this run), recursive locking, a spinlock_t (or any lock that sleeps on PREEMPT_RT)
 * taken under a raw_spinlock_t (PROVE_RAW_LOCK_NESTING's invalid wait context), and a lock taken in
 * hardirq context that is also taken in task context with IRQs on. Each report names both
 * acquisition sites.
 */
public final class Lockdep {

    private final Kernel k;
    private final boolean enabled;
    private final int n;
    /** after[a] holds b when b was taken while a was held. */
    private final BitSet[] after;
    /** Where each edge a->b was first seen, indexed a*n+b. */
    private final String[] edgeSite;
    private final String[] hardirqSite;
    private final String[] irqsOnSite;

    Lockdep(Kernel k, int classes) {
        this.k = k;
        this.enabled = k.spec.lockdep();
        this.n = classes;
        after = new BitSet[classes];
        for (int i = 0; i < classes; i++) {
            after[i] = new BitSet(classes);
        }
        edgeSite = enabled ? new String[classes * classes] : new String[0];
        hardirqSite = new String[classes];
        irqsOnSite = new String[classes];
    }

    /** Where: the program step, and the context and CPU it ran in. */
    private static String where(Cpu c, Task t) {
        String step = t.prog != null && t.stepPc < t.prog.length() ? t.prog.origin(t.stepPc) : "kernel";
        String ctx = PreemptCount.inHardirq(c.preemptCount) ? "hardirq" : PreemptCount.inServingSoftirq(c.preemptCount) ? "softirq" : "task";
        return step + " (" + ctx + " context, CPU " + c.id + ")";
    }

    /** Who and where, for a site remembered for a later report. */
    private static String site(Cpu c, Task t) {
        return t.comm + "/" + t.pid + " at " + where(c, t);
    }

    private String className(int d) {
        return k.spec.locks().get(d).name();
    }

    /** Called when t tries to take l (lock_acquire comes before the actual acquire). */
    void acquire(Cpu c, Task t, LockInst l) {
        if (!enabled || l.decl < 0) {
            return;
        }
        int b = l.decl;
        String here = site(c, t);
        String at = where(c, t);
        // mark_usage (the IRQ-safety states) comes before validate_chain in __lock_acquire.
        boolean hardirq = PreemptCount.inHardirq(c.preemptCount);
        if (hardirq) {
            if (hardirqSite[b] == null) {
                hardirqSite[b] = here;
            }
        } else if (!c.irqsDisabled && irqsOnSite[b] == null) {
            irqsOnSite[b] = here;
        }
        if (hardirqSite[b] != null && irqsOnSite[b] != null) {
            throw k.bug("WARNING: inconsistent lock state", c, t,
                "inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.\nlock " + className(b)
                    + " was taken in hardirq context at " + hardirqSite[b]
                    + "\nand with IRQs enabled at " + irqsOnSite[b]
                    + "\n\n Possible unsafe locking scenario:\n\n       CPU0\n       ----\n  lock(" + className(b)
                    + ");\n  <Interrupt>\n    lock(" + className(b) + ");\n\n *** DEADLOCK ***");
        }

        for (int i = 0; i < t.heldLockCount; i++) {
            LockInst h = k.locks.instance(t.heldLocks[i]);
            if (h.decl < 0) {
                continue;
            }
            int a = h.decl;
            if (a == b && !(l.kind == LockKind.RWLOCK && l.readers > 0 && h.readers > 0)) {
                throw k.bug("WARNING: possible recursive locking detected", c, t,
                    t.comm + "/" + t.pid + " is trying to acquire lock " + className(b) + " at " + at
                        + "\nbut task is already holding lock " + className(a) + "\n*** DEADLOCK ***");
            }
            if (waitType(h.kind) < waitType(l.kind)) {
                throw k.bug("BUG: Invalid wait context", c, t,
                    t.comm + "/" + t.pid + " is trying to lock " + className(b) + " (" + l.kind.cType() + ") at " + at
                        + "\nwhile holding " + className(a) + " (" + h.kind.cType() + "): "
                        + (waitType(l.kind) == WAIT_SLEEP ? "a sleeping lock must not nest inside a spinning one"
                        : "a lock that sleeps on PREEMPT_RT must not nest inside a raw spinlock"));
            }
            if (a != b && !after[a].get(b)) {
                if (reaches(b, a)) {
                    throw k.bug("WARNING: possible circular locking dependency detected", c, t,
                        t.comm + "/" + t.pid + " is trying to acquire lock " + className(b) + " at " + at
                            + "\nbut task is already holding lock " + className(a)
                            + "\nwhich lock already depends on the new lock: " + className(b) + " -> " + className(a)
                            + " was first seen " + firstSite(b, a)
                            + "\n\n Possible unsafe locking scenario:\n\n       CPU0                    CPU1\n       ----                    ----\n"
                            + "  lock(" + className(a) + ");\n                               lock(" + className(b) + ");\n"
                            + "                               lock(" + className(a) + ");\n  lock(" + className(b) + ");\n\n *** DEADLOCK ***");
                }
                after[a].set(b);
                edgeSite[a * n + b] = here;
            }
        }
    }

    static final int WAIT_SPIN = 1;
    static final int WAIT_CONFIG = 2;
    static final int WAIT_SLEEP = 3;

    /**
     * lockdep's wait types (include/linux/lockdep_types.h): raw spinlocks spin (LD_WAIT_SPIN),
     * spinlock_t and its kin spin off RT and sleep on RT (LD_WAIT_CONFIG), mutexes and semaphores
     * sleep (LD_WAIT_SLEEP). A lock may not be taken under one with a smaller wait type.
     */
    static int waitType(LockKind kind) {
        switch (kind) {
            case RAW_SPINLOCK:
                return WAIT_SPIN;
            case MUTEX:
            case RT_MUTEX:
            case SEMAPHORE:
                return WAIT_SLEEP;
            default:
                return WAIT_CONFIG;
        }
    }

    /** The first site that established the path from {@code from} to {@code to}. */
    private String firstSite(int from, int to) {
        if (after[from].get(to)) {
            return edgeSite[from * n + to];
        }
        for (int m = after[from].nextSetBit(0); m >= 0; m = after[from].nextSetBit(m + 1)) {
            if (reaches(m, to)) {
                return edgeSite[from * n + m];
            }
        }
        return "?";
    }

    private boolean reaches(int from, int to) {
        BitSet seen = new BitSet(n);
        int[] stack = new int[n];
        int sp = 0;
        stack[sp++] = from;
        seen.set(from);
        while (sp > 0) {
            int x = stack[--sp];
            if (x == to) {
                return true;
            }
            for (int y = after[x].nextSetBit(0); y >= 0; y = after[x].nextSetBit(y + 1)) {
                if (!seen.get(y)) {
                    seen.set(y);
                    stack[sp++] = y;
                }
            }
        }
        return false;
    }
}
