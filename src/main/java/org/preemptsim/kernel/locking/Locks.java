package org.preemptsim.kernel.locking;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Exec;
import org.preemptsim.kernel.Kernel;
import org.preemptsim.kernel.LockSpec;
import org.preemptsim.kernel.Mode;
import org.preemptsim.kernel.PreemptCount;
import org.preemptsim.kernel.PreemptPoint;
import org.preemptsim.kernel.Task;
import org.preemptsim.workload.Op;

/**
 * Spinning locks and wait queues.
 *
 * <p>On non-RT builds spinlock_t and raw_spinlock_t are the same: preempt_disable() (plus the
 * flavour's IRQ or BH disabling), then a queued spinlock whose waiters spin in FIFO order and burn
 * their CPU. Unlock hands the lock to the first spinner. Wait queues carry tokens, like a
 * completion: WAIT consumes one or sleeps, WAKE posts tokens and wakes that many waiters.
 */
public final class Locks {

    private final Kernel k;
    private final String[] names;
    private final boolean[] raw;
    private final Task[] owner;
    private final Task[] spinHead;
    private final Task[] spinTail;
    public final long[] spinNs;
    public final long[] acquisitions;
    public final long[] contentions;

    private final String[] wqNames;
    private final long[] tokens;
    private final Task[] wqHead;
    private final Task[] wqTail;

    public Locks(Kernel k) {
        this.k = k;
        int n = k.spec.locks().size();
        names = new String[n];
        raw = new boolean[n];
        for (int i = 0; i < n; i++) {
            LockSpec l = k.spec.locks().get(i);
            names[i] = l.name();
            raw[i] = l.raw();
        }
        owner = new Task[n];
        spinHead = new Task[n];
        spinTail = new Task[n];
        spinNs = new long[n];
        acquisitions = new long[n];
        contentions = new long[n];
        int w = k.spec.waitQueues().size();
        wqNames = k.spec.waitQueues().toArray(new String[0]);
        tokens = new long[w];
        wqHead = new Task[w];
        wqTail = new Task[w];
    }

    public String name(int lock) {
        return names[lock];
    }

    public int count() {
        return names.length;
    }

    public Task owner(int lock) {
        return owner[lock];
    }

    /** PREEMPT_LOCK_OFFSET: the count a held spinlock adds (0 without PREEMPT_COUNT). */
    private int preemptLockOffset() {
        return k.preemptCountOn ? 1 : 0;
    }

    // ================================================================== spin_lock

    /** spin_lock{,_irq,_irqsave,_bh}: the flavour's disabling, preempt_disable, then acquire or spin. */
    public boolean lockStep(Cpu c, Task t, int lock, int flavour) {
        switch (flavour) {
            case Op.LOCK_IRQ:
                k.localIrqDisable(c);
                k.preemptDisable(c);
                break;
            case Op.LOCK_IRQSAVE:
                t.irqSaveStack = (t.irqSaveStack << 1) | (c.irqsDisabled ? 1 : 0);
                t.irqSaveDepth++;
                k.localIrqDisable(c);
                k.preemptDisable(c);
                break;
            case Op.LOCK_BH:
                k.localBhDisable(c, PreemptCount.SOFTIRQ_DISABLE_OFFSET + preemptLockOffset());
                if (k.preemptCountOn) {
                    k.stats.preemptCountOps++;
                }
                break;
            default:
                k.preemptDisable(c);
        }
        return acquire(c, t, lock);
    }

    private boolean acquire(Cpu c, Task t, int lock) {
        Task o = owner[lock];
        if (o == null) {
            take(t, lock);
            t.phase = 0;
            t.pc++;
            return true;
        }
        if (o == t) {
            throw k.bug("BUG: spinlock recursion on CPU#" + c.id + ", " + t.comm + "/" + t.pid, c, t,
                "lock: " + names[lock] + ", .owner: " + t.comm + "/" + t.pid + ", .owner_cpu: " + c.id);
        }
        contentions[lock]++;
        t.spinningOn = lock;
        t.spinSinceNs = k.now;
        t.spinNext = null;
        if (spinHead[lock] == null) {
            spinHead[lock] = t;
        } else {
            spinTail[lock].spinNext = t;
        }
        spinTail[lock] = t;
        t.k = Exec.K_SPIN;
        k.acctSwitch(c);
        return false;
    }

    private void take(Task t, int lock) {
        owner[lock] = t;
        acquisitions[lock]++;
        if (t.heldLockCount == t.heldLocks.length) {
            throw new IllegalStateException(t + " holds more than " + t.heldLocks.length + " locks");
        }
        t.heldLocks[t.heldLockCount++] = lock;
    }

    /** The K_SPIN continuation: got the lock handed over yet? */
    public boolean spinTry(Cpu c, Task t) {
        int lock = t.spinningOn;
        if (owner[lock] == t) {
            spinNs[lock] += k.now - t.spinSinceNs;
            t.spinningOn = -1;
            t.heldLocks[t.heldLockCount++] = lock;
            acquisitions[lock]++;
            t.phase = 0;
            t.pc++;
            t.k = Exec.K_RUN;
            return true;
        }
        k.acctSwitch(c);
        return false;
    }

    // ================================================================== spin_unlock

    /** spin_unlock{,_irq,_irqrestore,_bh}: release, then the flavour's enabling and preempt_enable. */
    public boolean unlockStep(Cpu c, Task t, int lock, int flavour) {
        if (flavour == Op.LOCK_BH) {
            // __local_bh_enable_ip(SOFTIRQ_LOCK_OFFSET); its own phases 1 and 2 mark a resumption.
            if (t.phase == 0) {
                release(c, t, lock);
            }
            return k.exec.localBhEnablePublic(c, t, PreemptCount.SOFTIRQ_DISABLE_OFFSET + preemptLockOffset());
        }
        if (t.phase == 0) {
            release(c, t, lock);
            t.phase = 1;
            t.k = Exec.K_RUN;
            if (flavour == Op.LOCK_IRQ) {
                if (k.localIrqEnable(c)) {
                    return false;
                }
            } else if (flavour == Op.LOCK_IRQSAVE) {
                boolean wasDisabled = (t.irqSaveStack & 1) != 0;
                t.irqSaveStack >>>= 1;
                t.irqSaveDepth--;
                if (!wasDisabled && k.localIrqEnable(c)) {
                    return false;
                }
            }
        }
        t.phase = 0;
        t.pc++;
        t.k = Exec.K_RUN;
        return k.exec.preemptEnablePublic(c, t);
    }

    private void release(Cpu c, Task t, int lock) {
        if (owner[lock] != t) {
            throw k.bug("BUG: spinlock " + (owner[lock] == null ? "already unlocked" : "wrong owner")
                + " on CPU#" + c.id + ", " + t.comm + "/" + t.pid, c, t, "lock: " + names[lock]);
        }
        for (int i = t.heldLockCount - 1; i >= 0; i--) {
            if (t.heldLocks[i] == lock) {
                System.arraycopy(t.heldLocks, i + 1, t.heldLocks, i, t.heldLockCount - i - 1);
                t.heldLockCount--;
                break;
            }
        }
        Task next = spinHead[lock];
        if (next == null) {
            owner[lock] = null;
            return;
        }
        // Queued spinlock: the head of the MCS queue gets it.
        spinHead[lock] = next.spinNext;
        if (spinHead[lock] == null) {
            spinTail[lock] = null;
        }
        next.spinNext = null;
        owner[lock] = next;
        Cpu nc = k.cpus[next.cpu];
        if (nc.curr == next && nc.depth == 0 && next.k == Exec.K_SPIN && !nc.segActive) {
            k.armSegment(nc, k.costs.spinHandoffNs());
        }
    }

    // ================================================================== cond_resched_lock

    /**
     * __cond_resched_lock: if a reschedule is due (should_resched(PREEMPT_LOCK_OFFSET)) or, on a
     * preemptible model, someone spins on the lock: unlock (whose preempt_enable can preempt),
     * _cond_resched() (live in none/voluntary), relock.
     */
    public boolean condReschedLockStep(Cpu c, Task t, int lock) {
        switch (t.phase) {
            case 0: {
                k.exec.mightReschedPublic(c, t, preemptLockOffset());
                boolean resched = PreemptCount.shouldResched(c.preemptCount, preemptLockOffset());
                boolean preemptible = k.mode == Mode.FULL || k.mode == Mode.LAZY || k.build.rt();
                boolean needbreak = preemptible && spinHead[lock] != null;
                if (!resched && !needbreak) {
                    t.pc++;
                    return true;
                }
                release(c, t, lock);
                t.phase = 1;
                t.k = Exec.K_RUN;
                if (!k.exec.preemptEnablePublic(c, t)) {
                    return false;
                }
            }
            // fall through
            case 1:
                t.phase = 2;
                t.k = Exec.K_RUN;
                if (!k.exec.condReschedPublic(c, t)) {
                    return false;
                }
                // fall through
            default:
                k.preemptDisable(c);
                return acquire(c, t, lock);
        }
    }

    // ================================================================== wait queues

    /** wait_event-like: might_sleep, then prepare_to_wait / check / schedule until a token is there. */
    public boolean waitStep(Cpu c, Task t, int wq) {
        if (t.phase == 0) {
            t.phase = 1;
            t.k = Exec.K_RUN;
            if (!k.exec.mightSleepPublic(c, t)) {
                return false;
            }
        }
        k.exec.setCurrentStatePublic(c, t, Task.TASK_UNINTERRUPTIBLE);
        if (tokens[wq] > 0) {
            tokens[wq]--;
            k.exec.setCurrentStatePublic(c, t, Task.TASK_RUNNING);
            t.phase = 0;
            t.pc++;
            return true;
        }
        if (t.waitingOn != wq) {
            t.waitingOn = wq;
            t.waitNext = null;
            if (wqHead[wq] == null) {
                wqHead[wq] = t;
            } else {
                wqTail[wq].waitNext = t;
            }
            wqTail[wq] = t;
        }
        t.k = Exec.K_RUN;
        return k.exec.schedulePublic(c, t, PreemptPoint.SCHEDULE);
    }

    /** complete()/wake_up(): post tokens, wake as many waiters (autoremove_wake_function). */
    public void wake(int wq, int n) {
        tokens[wq] += n;
        for (int i = 0; i < n && wqHead[wq] != null; i++) {
            Task t = wqHead[wq];
            wqHead[wq] = t.waitNext;
            if (wqHead[wq] == null) {
                wqTail[wq] = null;
            }
            t.waitNext = null;
            t.waitingOn = -1;
            k.sched.tryToWakeUp(t);
        }
    }

    public String waitQueueName(int wq) {
        return wqNames[wq];
    }
}
