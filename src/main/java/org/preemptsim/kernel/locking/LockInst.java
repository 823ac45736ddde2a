package org.preemptsim.kernel.locking;

import org.preemptsim.kernel.Task;

import java.util.Arrays;

/**
 * One lock word. A declared lock has one instance (a per-CPU local_lock_t one per CPU). What the
 * word does is fixed when the machine boots, from the kind and the build ({@link #impl}).
 */
public final class LockInst {

    /** A queued spinlock (raw_spinlock_t; spinlock_t and local_lock_t's word off PREEMPT_RT). */
    public static final int SPIN = 1;
    /** A queued rwlock (rwlock_t off PREEMPT_RT). */
    public static final int RWSPIN = 2;
    /** An rt_mutex-based rtlock: spinlock_t / local_lock_t on PREEMPT_RT, waiters in TASK_RTLOCK_WAIT. */
    public static final int RTLOCK = 3;
    /** An rt_mutex with priority inheritance (rt_mutex; mutex on PREEMPT_RT). */
    public static final int RTMUTEX = 4;
    /** A mutex off PREEMPT_RT: FIFO waiters, optimistic spinning, no priority inheritance. */
    public static final int MUTEX = 5;
    public static final int SEMAPHORE = 6;
    /** rwlock_t on PREEMPT_RT: rwbase_rt over an rt_mutex. */
    public static final int RWBASE = 7;
    /** local_lock_t off PREEMPT_RT: no word, only preempt_disable or local_irq_save. */
    public static final int NONE = 8;

    public final int id;
    public final int decl;
    public final String name;
    public final LockKind kind;
    public final int impl;
    /** The CPU of a per-CPU instance, -1 otherwise. */
    public final int cpu;

    /** Exclusive owner: the spinning holder, the rt_mutex/mutex owner, the rwlock writer. */
    public Task owner;
    /** rwlock readers inside. */
    public int readers;
    /** semaphore count. */
    public int count;
    /** seqcount sequence (odd while a writer is inside). */
    public int seq;
    /** rwbase_rt: a writer holds the rt_mutex and waits for (or excludes) readers. */
    public boolean writerBias;
    public Task writerWaiting;

    /** Waiters: rt_mutex order (prio, then arrival) for PI locks, arrival order otherwise. */
    Task[] waiters = new Task[4];
    int nWaiters;
    long waiterSeq;
    /** Spinners on a queued spinlock, FIFO (qspinlock's MCS queue). */
    Task spinHead;
    Task spinTail;
    /** Readers spinning on an odd seqcount (non-RT). */
    Task seqSpinHead;
    /** CPUs whose hardirq handler spins for this word. */
    org.preemptsim.kernel.Cpu[] irqWaiters = new org.preemptsim.kernel.Cpu[2];
    int nIrqWaiters;

    // metrics
    public long acquisitions;
    public long contentions;
    public long spinNs;
    public long blockedNs;

    LockInst(int id, int decl, String name, LockKind kind, int impl, int cpu, int count) {
        this.id = id;
        this.decl = decl;
        this.name = name;
        this.kind = kind;
        this.impl = impl;
        this.cpu = cpu;
        this.count = count;
    }

    /** Priority inheritance applies (rt_mutex-based words). */
    boolean pi() {
        return impl == RTLOCK || impl == RTMUTEX || impl == RWBASE;
    }

    boolean rtlock() {
        return impl == RTLOCK || impl == RWBASE;
    }

    public Task topWaiter() {
        return nWaiters == 0 ? null : waiters[0];
    }

    public int waiterCount() {
        return nWaiters;
    }

    /** rt_waiter_node_less: lower prio first, then arrival; FIFO for the non-PI kinds. */
    private boolean before(Task a, Task b) {
        if (pi() && a.waiterPrio != b.waiterPrio) {
            return a.waiterPrio < b.waiterPrio;
        }
        return a.waiterSeq < b.waiterSeq;
    }

    void enqueueWaiter(Task t) {
        t.waiterPrio = t.prio;
        t.waiterSeq = waiterSeq++;
        insert(t);
    }

    private void insert(Task t) {
        if (nWaiters == waiters.length) {
            waiters = Arrays.copyOf(waiters, nWaiters * 2);
        }
        int i = nWaiters++;
        while (i > 0 && before(t, waiters[i - 1])) {
            waiters[i] = waiters[i - 1];
            i--;
        }
        waiters[i] = t;
    }

    void removeWaiter(Task t) {
        for (int i = 0; i < nWaiters; i++) {
            if (waiters[i] == t) {
                System.arraycopy(waiters, i + 1, waiters, i, nWaiters - i - 1);
                waiters[--nWaiters] = null;
                return;
            }
        }
    }

    /** Requeue a waiter whose priority changed (the chain walk's requeue); keeps its arrival order. */
    void requeueWaiter(Task t) {
        for (int i = 0; i < nWaiters; i++) {
            if (waiters[i] == t) {
                System.arraycopy(waiters, i + 1, waiters, i, nWaiters - i - 1);
                nWaiters--;
                t.waiterPrio = t.prio;
                insert(t);
                return;
            }
        }
    }

    boolean hasWaiter(Task t) {
        for (int i = 0; i < nWaiters; i++) {
            if (waiters[i] == t) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return cpu >= 0 ? name + "/" + cpu : name;
    }
}
