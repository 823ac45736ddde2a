package org.preemptsim.kernel.locking;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Exec;
import org.preemptsim.kernel.Kernel;
import org.preemptsim.kernel.LockSpec;
import org.preemptsim.kernel.Mode;
import org.preemptsim.kernel.PreemptCount;
import org.preemptsim.kernel.PreemptPoint;
import org.preemptsim.kernel.Task;
import org.preemptsim.kernel.sched.Sched;
import org.preemptsim.kernel.debug.KernelBug;
import org.preemptsim.workload.Op;

/**
 * The kernel's locks with their per-build semantics (kernel/locking/), and wait queues.
 *
 * <ul>
 * <li>Spinning words (raw_spinlock_t everywhere; spinlock_t, rwlock_t off PREEMPT_RT):
 * preempt_disable plus the flavour's IRQ/BH disabling, then a queued lock whose waiters spin in
 * FIFO order on their CPU; unlock hands the word to the head spinner.</li>
 * <li>rt_mutex-based words (rt_mutex; mutex, spinlock_t, rwlock_t and local_lock_t on PREEMPT_RT):
 * waiters ordered by prio then arrival, priority inheritance through the chain, the top waiter
 * spinning while the owner runs, lock stealing only by a strictly higher-priority task (lateral for
 * non-RT waiters of rtlocks), and no hand-off: unlock wakes the top waiter, which retries
 * (kernel/locking/rtmutex.c). An rtlock holder stays preemptible with migration disabled and an RCU
 * read section; its waiters sleep in TASK_RTLOCK_WAIT with their state saved.</li>
 * <li>mutex off PREEMPT_RT: FIFO waiters, optimistic spinning on a running owner, no PI;
 * semaphore: FIFO, up() hands the count to the first waiter.</li>
 * </ul>
 * Each step is a small state machine on {@code t.phase}; waiting leaves a continuation.
 */
public final class Locks {

    /** max_lock_depth of the rt_mutex chain walk. */
    static final int MAX_LOCK_DEPTH = 1024;

    private final Kernel k;
    private final LockSpec[] decl;
    /** First instance of each declared lock (per-CPU kinds have one per CPU). */
    private final int[] base;
    /** Per declared lock: 1 for a per-CPU kind (one instance per CPU), else 0; the word is base + cpu * this. */
    private final int[] perCpu;
    private final LockInst[] inst;
    /** PREEMPT_RT's per-CPU softirq_ctrl.lock (local_bh_disable), or null off RT. */
    private final LockInst[] bhLock;
    public final Lockdep lockdep;

    private final String[] wqNames;
    private final long[] tokens;
    private final Task[] wqHead;
    private final Task[] wqTail;

    public Locks(Kernel k) {
        this.k = k;
        boolean rt = k.build.rt();
        int cpus = k.spec.cpus();
        decl = k.spec.locks().toArray(new LockSpec[0]);
        base = new int[decl.length];
        perCpu = new int[decl.length];
        int n = 0;
        for (int i = 0; i < decl.length; i++) {
            base[i] = n;
            perCpu[i] = decl[i].kind().perCpu() ? 1 : 0;
            n += perCpu[i] == 1 ? cpus : 1;
        }
        inst = new LockInst[n + (rt ? cpus : 0)];
        for (int i = 0; i < decl.length; i++) {
            LockSpec d = decl[i];
            int impl = implOf(d.kind(), rt);
            if (d.kind().perCpu()) {
                for (int c = 0; c < cpus; c++) {
                    inst[base[i] + c] = new LockInst(base[i] + c, i, d.name(), d.kind(), impl, c, d.count());
                }
            } else {
                inst[base[i]] = new LockInst(base[i], i, d.name(), d.kind(), impl, -1, d.count());
            }
        }
        if (rt) {
            bhLock = new LockInst[cpus];
            for (int c = 0; c < cpus; c++) {
                bhLock[c] = new LockInst(n + c, -1, "softirq_ctrl.lock", LockKind.LOCAL_LOCK, LockInst.RTLOCK, c, 1);
                inst[n + c] = bhLock[c];
            }
        } else {
            bhLock = null;
        }
        lockdep = new Lockdep(k, decl.length);
        int w = k.spec.waitQueues().size();
        wqNames = k.spec.waitQueues().toArray(new String[0]);
        tokens = new long[w];
        wqHead = new Task[w];
        wqTail = new Task[w];
    }

    /** What a kind's word is on this build (Documentation/locking/locktypes.rst). */
    static int implOf(LockKind kind, boolean rt) {
        switch (kind) {
            case RAW_SPINLOCK:
                return LockInst.SPIN;
            case SPINLOCK:
            case SEQLOCK:
                return rt ? LockInst.RTLOCK : LockInst.SPIN;
            case LOCAL_LOCK:
                return rt ? LockInst.RTLOCK : LockInst.NONE;
            case RWLOCK:
                return rt ? LockInst.RWBASE : LockInst.RWSPIN;
            case MUTEX:
                return rt ? LockInst.RTMUTEX : LockInst.MUTEX;
            case RT_MUTEX:
                return LockInst.RTMUTEX;
            case SEMAPHORE:
                return LockInst.SEMAPHORE;
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    public String name(int instance) {
        return inst[instance].toString();
    }

    public int count() {
        return decl.length;
    }

    public LockInst instance(int id) {
        return inst[id];
    }

    public int instances() {
        return inst.length;
    }

    /** The word a task uses for declared lock d: per-CPU kinds use the current CPU's. */
    private LockInst word(Cpu c, int d) {
        return inst[base[d] + c.id * perCpu[d]];
    }

    /** The instance of declared lock d that t holds (a per-CPU lock is unlocked on the CPU it was taken on). */
    private LockInst held(Cpu c, Task t, int d) {
        for (int i = t.heldLockCount - 1; i >= 0; i--) {
            LockInst l = inst[t.heldLocks[i]];
            if (l.decl == d) {
                return l;
            }
        }
        return word(c, d);
    }

    /** PREEMPT_LOCK_OFFSET: 0 on RT ("locks on RT do not disable preemption"), else the preempt_disable. */
    private int preemptLockOffset() {
        return k.build.rt() || !k.preemptCountOn ? 0 : 1;
    }

    private boolean preemptModelPreemptible() {
        return k.mode == Mode.FULL || k.mode == Mode.LAZY || k.build.rt();
    }

    // ================================================================== lock / unlock steps

    /** spin_lock*, mutex_lock, rt_mutex_lock, down, local_lock, write_lock, write_seqlock. */
    public boolean lockStep(Cpu c, Task t, int d, int flavour) {
        if (t.phase == 0) {
            LockInst l = word(c, d);
            if (l.impl != LockInst.SPIN && l.impl != LockInst.RWSPIN && l.impl != LockInst.NONE) {
                lockdep.acquire(c, t, l);
            }
            switch (l.impl) {
                case LockInst.SPIN:
                case LockInst.RWSPIN:
                    if (flavour == Op.LOCK_BH && k.build.rt()) {
                        t.phase = 11;
                        return rtRawBhLock(c, t, l);
                    }
                    spinPrologue(c, t, flavour);
                    lockdep.acquire(c, t, l); // spin_acquire comes after the flavour's IRQ/BH disabling
                    return spinAcquire(c, t, l, true);
                case LockInst.NONE:
                    // local_lock off RT: preempt_disable, or only local_irq_save for the irqsave flavour.
                    if (flavour == Op.LOCK_IRQSAVE) {
                        t.irqSaveStack = (t.irqSaveStack << 1) | (c.irqsDisabled ? 1 : 0);
                        t.irqSaveDepth++;
                        k.localIrqDisable(c);
                    } else {
                        k.preemptDisable(c);
                    }
                    lockdep.acquire(c, t, l);
                    take(t, l);
                    return advance(t);
                case LockInst.RTLOCK:
                    if (flavour == Op.LOCK_BH) {
                        t.phase = 10;
                        t.k = Exec.K_RUN;
                        if (!k.exec.rtLocalBhDisablePublic(c, t)) {
                            return false;
                        }
                        return rtlockBegin(c, t, d);
                    }
                    if (l.kind.perCpu()) {
                        k.exec.migrateDisable(c, t); // local_lock on RT pins first, then locks this CPU's word
                    }
                    return rtlockBegin(c, t, d);
                case LockInst.RTMUTEX:
                case LockInst.MUTEX:
                case LockInst.SEMAPHORE:
                    t.phase = 1;
                    t.k = Exec.K_RUN;
                    if (!k.exec.mightSleepPublic(c, t)) {
                        return false;
                    }
                    return sleepingAcquire(c, t, l);
                case LockInst.RWBASE:
                    k.exec.rtlockMightResched(c, t);
                    t.phase = 2;
                    return rtmAcquire(c, t, l);
                default:
                    throw new IllegalStateException("lock impl " + l.impl);
            }
        }
        if (t.phase == 10) {
            t.k = Exec.K_RUN;
            if (!k.exec.rtLocalBhDisablePublic(c, t)) {
                return false;
            }
            return rtlockBegin(c, t, d);
        }
        if (t.phase == 11) {
            return rtRawBhLock(c, t, word(c, d));
        }
        LockInst l = t.blockedOn != null ? t.blockedOn : held(c, t, d);
        switch (t.phase) {
            case 1: // sleeping lock: after might_sleep, or woken
                return sleepingAcquire(c, t, t.blockedOn != null ? t.blockedOn : word(c, d));
            case 2: // rtmutex-based wait loop
                return rtmAcquire(c, t, t.blockedOn != null ? t.blockedOn : word(c, d));
            case 3: // rwbase writer: wait for readers to drain
                return rwbaseWriterDrain(c, t, l);
            default:
                throw new IllegalStateException("lock phase " + t.phase);
        }
    }

    /**
     * raw_spin_lock_bh on PREEMPT_RT: the RT local_bh_disable (the per-CPU BH lock, which may
     * block: then this runs again) and the raw word. PREEMPT_LOCK_OFFSET is 0 on RT, but a raw
     * spinning word is still held with preemption disabled here, or a preempted holder would leave
     * its spinners spinning forever.
     */
    private boolean rtRawBhLock(Cpu c, Task t, LockInst l) {
        t.k = Exec.K_RUN;
        if (!k.exec.rtLocalBhDisablePublic(c, t)) {
            return false;
        }
        t.phase = 0;
        k.preemptDisable(c);
        lockdep.acquire(c, t, l);
        return spinAcquire(c, t, l, true);
    }

    private boolean rtlockBegin(Cpu c, Task t, int d) {
        // rtlock_might_resched(): a sleeping lock in atomic context is a bug (PREEMPT_LOCK_OFFSET 0).
        k.exec.rtlockMightResched(c, t);
        t.phase = 2;
        return rtmAcquire(c, t, word(c, d));
    }

    private boolean advance(Task t) {
        t.phase = 0;
        t.pc++;
        t.k = Exec.K_RUN;
        return true;
    }

    public boolean unlockStep(Cpu c, Task t, int d, int flavour) {
        LockInst l = held(c, t, d);
        switch (l.impl) {
            case LockInst.SPIN:
            case LockInst.RWSPIN:
                if (t.phase == 0) {
                    if (l.kind == LockKind.SEQLOCK) {
                        seqWriteEnd(l);
                    }
                    spinRelease(c, t, l);
                }
                return spinEpilogue(c, t, flavour);
            case LockInst.NONE:
                release(t, l);
                if (flavour == Op.LOCK_IRQSAVE) {
                    if (t.phase == 0) {
                        boolean wasDisabled = (t.irqSaveStack & 1) != 0;
                        t.irqSaveStack >>>= 1;
                        t.irqSaveDepth--;
                        advance(t);
                        return wasDisabled || !k.localIrqEnable(c);
                    }
                    return advance(t);
                }
                return spinEpilogue(c, t, flavour);
            case LockInst.RTLOCK:
                if (t.phase == 0) {
                    if (l.kind == LockKind.SEQLOCK) {
                        seqWriteEnd(l);
                    }
                    // rt_spin_unlock: migrate_enable, rcu_read_unlock, then the rt_mutex unlock.
                    k.exec.migrateEnable(c, t);
                    k.exec.rcuReadUnlockPublic(c, t);
                    rtmRelease(c, t, l);
                    if (l.kind.perCpu()) {
                        k.exec.migrateEnable(c, t);
                    }
                    if (flavour == Op.LOCK_BH) {
                        t.phase = 20;
                    }
                }
                if (flavour == Op.LOCK_BH) {
                    return k.exec.rtLocalBhEnablePublic(c, t, 20);
                }
                return releaseDone(c, t);
            case LockInst.RTMUTEX:
            case LockInst.MUTEX:
                rtmRelease(c, t, l);
                return releaseDone(c, t);
            case LockInst.SEMAPHORE:
                up(l);
                return releaseDone(c, t);
            case LockInst.RWBASE:
                k.exec.migrateEnable(c, t);
                k.exec.rcuReadUnlockPublic(c, t);
                l.writerBias = false;
                rtmRelease(c, t, l);
                return releaseDone(c, t);
            default:
                throw new IllegalStateException("unlock impl " + l.impl);
        }
    }

    /** After waking a waiter: rt_mutex_wake_up_q's preempt_enable is a preemption point. */
    private boolean releaseDone(Cpu c, Task t) {
        advance(t);
        return k.exec.preemptCheckReschedPublic(c, t);
    }

    // ================================================================== queued spinlocks

    private void spinPrologue(Cpu c, Task t, int flavour) {
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
                // spin_lock_bh: __local_bh_disable_ip(SOFTIRQ_LOCK_OFFSET) in one add.
                k.localBhDisable(c, PreemptCount.SOFTIRQ_DISABLE_OFFSET + preemptLockOffset());
                if (k.preemptCountOn) {
                    k.chargePreemptOp(c); // the preempt_disable folded into SOFTIRQ_LOCK_OFFSET
                }
                break;
            default:
                k.preemptDisable(c);
        }
    }

    /** The flavour's re-enabling after a spinning word was released, then preempt_enable. */
    private boolean spinEpilogue(Cpu c, Task t, int flavour) {
        if (flavour == Op.LOCK_BH) {
            if (k.build.rt()) {
                if (t.phase == 0) {
                    k.preemptEnableNoResched(c);
                    t.phase = 20;
                }
                return k.exec.rtLocalBhEnablePublic(c, t, 20);
            }
            return k.exec.localBhEnableNonRt(c, t, PreemptCount.SOFTIRQ_DISABLE_OFFSET + preemptLockOffset());
        }
        if (t.phase == 0) {
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
        advance(t);
        return k.exec.preemptEnablePublic(c, t);
    }

    /** Acquire a queued spinlock (or rwlock side), or start spinning for it. */
    private boolean spinAcquire(Cpu c, Task t, LockInst l, boolean write) {
        boolean free = write ? l.owner == null && l.readers == 0 : l.owner == null && !writerQueued(l);
        if (free && l.spinHead == null) {
            if (write) {
                take(t, l);
            } else {
                l.readers++;
                hold(t, l);
            }
            if (l.kind == LockKind.SEQLOCK && write) {
                l.seq++;
            }
            return advance(t);
        }
        if (write && l.owner == t) {
            throw k.bug("BUG: spinlock recursion on CPU#" + c.id + ", " + t.comm + "/" + t.pid, c, t,
                "lock: " + l + ", .owner: " + t.comm + "/" + t.pid + ", .owner_cpu: " + c.id);
        }
        l.contentions++;
        t.spinningOn = l;
        t.spinWrite = write;
        t.spinSinceNs = k.now;
        t.spinNext = null;
        if (l.spinHead == null) {
            l.spinHead = t;
        } else {
            l.spinTail.spinNext = t;
        }
        l.spinTail = t;
        detectDeadlock(c, t, l);
        t.k = Exec.K_SPIN;
        k.acctSwitch(c);
        return false;
    }

    private static boolean writerQueued(LockInst l) {
        for (Task s = l.spinHead; s != null; s = s.spinNext) {
            if (s.spinWrite) {
                return true;
            }
        }
        return false;
    }

    /** The K_SPIN continuation: was the word handed to us? */
    public boolean spinTry(Cpu c, Task t) {
        LockInst l = t.spinningOn;
        if (t.spinGranted) {
            t.spinGranted = false;
            l.spinNs += k.now - t.spinSinceNs;
            t.spinningOn = null;
            hold(t, l);
            if (l.kind == LockKind.SEQLOCK && t.spinWrite) {
                l.seq++;
            }
            return advance(t);
        }
        k.acctSwitch(c);
        return false;
    }

    private void spinRelease(Cpu c, Task t, LockInst l) {
        if (l.impl == LockInst.RWSPIN && l.owner != t) {
            if (l.readers == 0) {
                throw badUnlock(c, t, l);
            }
            l.readers--;
            unhold(t, l);
        } else {
            if (l.owner != t) {
                throw badUnlock(c, t, l);
            }
            l.owner = null;
            unhold(t, l);
        }
        grantSpinners(l);
    }

    private RuntimeException badUnlock(Cpu c, Task t, LockInst l) {
        return k.bug("BUG: spinlock " + (l.owner == null && l.readers == 0 ? "already unlocked" : "wrong owner")
            + " on CPU#" + c.id + ", " + t.comm + "/" + t.pid, c, t, "lock: " + l);
    }

    /** Hand a free word to the head of the queue: one writer, or a run of readers. */
    private void grantSpinners(LockInst l) {
        if (l.nIrqWaiters > 0 && l.spinHead == null) {
            kickIrqWaiters(l);
        }
        while (l.spinHead != null) {
            Task next = l.spinHead;
            if (next.spinWrite) {
                if (l.owner != null || l.readers > 0) {
                    return;
                }
                dequeueSpinner(l);
                l.owner = next;
                next.spinGranted = true;
                kick(next, k.costs.spinHandoffNs());
                return;
            }
            if (l.owner != null) {
                return;
            }
            dequeueSpinner(l);
            l.readers++;
            next.spinGranted = true;
            kick(next, k.costs.spinHandoffNs());
        }
    }

    private static void dequeueSpinner(LockInst l) {
        Task next = l.spinHead;
        l.spinHead = next.spinNext;
        if (l.spinHead == null) {
            l.spinTail = null;
        }
        next.spinNext = null;
    }

    /** Wake a CPU that busy-waits in task context (its spin or spin-on-owner) after {@code ns}. */
    private void kick(Task w, long ns) {
        Cpu wc = k.cpus[w.cpu];
        if (wc.curr == w && wc.depth == 0 && !wc.segActive
            && (w.k == Exec.K_SPIN || w.k == Exec.K_RTM_SPIN || w.k == Exec.K_SEQ_SPIN)) {
            k.armSegment(wc, ns);
        }
    }

    private void take(Task t, LockInst l) {
        l.owner = t;
        hold(t, l);
    }

    private void hold(Task t, LockInst l) {
        l.acquisitions++;
        if (t.heldLockCount == t.heldLocks.length) {
            throw new IllegalStateException(t + " holds more than " + t.heldLocks.length + " locks");
        }
        t.heldLocks[t.heldLockCount++] = l.id;
    }

    private void release(Task t, LockInst l) {
        if (l.owner == t) {
            l.owner = null;
        }
        unhold(t, l);
    }

    private static void unhold(Task t, LockInst l) {
        for (int i = t.heldLockCount - 1; i >= 0; i--) {
            if (t.heldLocks[i] == l.id) {
                int above = t.heldLockCount - i - 1;
                if (above > 0) { // released out of order
                    System.arraycopy(t.heldLocks, i + 1, t.heldLocks, i, above);
                }
                t.heldLockCount--;
                return;
            }
        }
    }

    // ================================================================== locks in hardirq handlers

    /**
     * spin_lock in a hardirq handler (off PREEMPT_RT; there handlers are threads): the count goes
     * up, lockdep sees a hardirq-context acquisition; a word held on another CPU is spun on in the
     * handler. Returns false when the handler must spin (this CPU's frame is kicked on release).
     * "current" in the handler is the interrupted task: a word it holds is a self-deadlock.
     */
    public boolean irqLock(Cpu c, int d, boolean first) {
        LockInst l = word(c, d);
        Task cur = c.curr;
        if (first) {
            lockdep.acquire(c, cur, l);
            k.preemptDisable(c);
        }
        if (l.owner == null && l.spinHead == null) {
            take(cur, l);
            return true;
        }
        if (l.owner == cur) {
            throw k.bug("BUG: spinlock recursion on CPU#" + c.id + ", " + cur.comm + "/" + cur.pid, c, cur,
                "lock: " + l + " taken in a hardirq handler while the interrupted task holds it");
        }
        if (first) {
            l.contentions++;
            if (l.nIrqWaiters == l.irqWaiters.length) {
                l.irqWaiters = java.util.Arrays.copyOf(l.irqWaiters, l.nIrqWaiters * 2);
            }
            l.irqWaiters[l.nIrqWaiters++] = c;
        }
        return false;
    }

    public void irqUnlock(Cpu c, int d) {
        LockInst l = held(c, c.curr, d);
        for (int i = 0; i < l.nIrqWaiters; i++) {
            if (l.irqWaiters[i] == c) {
                System.arraycopy(l.irqWaiters, i + 1, l.irqWaiters, i, l.nIrqWaiters - i - 1);
                l.irqWaiters[--l.nIrqWaiters] = null;
                break;
            }
        }
        spinRelease(c, c.curr, l);
        k.preemptEnableNoResched(c);
    }

    /** After a release, handlers spinning for the word try again. */
    private void kickIrqWaiters(LockInst l) {
        for (int i = 0; i < l.nIrqWaiters; i++) {
            Cpu w = l.irqWaiters[i];
            if (w.depth > 0 && !w.segActive) {
                k.armSegment(w, k.costs.spinHandoffNs());
            }
        }
    }

    // ================================================================== rt_mutex and sleeping locks

    /**
     * The rt_mutex slow-lock loop (rt_mutex_slowlock_block / rtlock_slowlock_locked): try to take
     * it; else be a waiter (PI boost through the chain), spin while we are the top waiter and the
     * owner runs, else sleep; retry when woken. Continues at phase 2 of the calling step.
     */
    private boolean rtmAcquire(Cpu c, Task t, LockInst l) {
        if (tryTake(t, l)) {
            boolean waited = t.blockedOn == l;
            if (waited) {
                l.removeWaiter(t);
                t.blockedOn = null;
                l.blockedNs += k.now - t.blockedSinceNs;
                endInversion(t);
                if (l.rtlock()) {
                    k.exec.setCurrentStatePublic(c, t, t.savedState);
                } else {
                    k.exec.setCurrentStatePublic(c, t, Task.TASK_RUNNING);
                }
            }
            take(t, l);
            if (l.pi() && l.nWaiters > 0) {
                boolean off = waitLock(c);
                adjustPrio(t, 0); // the remaining waiters now boost the new owner
                waitUnlock(c, off);
            }
            return rtmAcquired(c, t, l);
        }
        if (t.blockedOn != l) {
            blockOn(c, t, l, l.rtlock());
        }
        return spinOrSleep(c, t, l, l.rtlock() ? Task.TASK_RTLOCK_WAIT : Task.TASK_UNINTERRUPTIBLE);
    }

    /**
     * task_blocks_on_rt_mutex: queue t as a waiter (under the wait_lock), a new top waiter boosts
     * the owner through the chain, a displaced top waiter stops spinning.
     */
    private void blockOn(Cpu c, Task t, LockInst l, boolean saveState) {
        l.contentions++;
        detectDeadlock(c, t, l);
        if (saveState) {
            t.savedState = t.state;
        }
        boolean off = waitLock(c);
        Task prevTop = l.topWaiter();
        l.enqueueWaiter(t);
        t.blockedOn = l;
        t.blockedSinceNs = k.now;
        t.inversionSinceNs = l.owner != null && l.owner.normalPrio > t.prio ? k.now : 0;
        if (prevTop != null && l.topWaiter() != prevTop) {
            kick(prevTop, 0); // no longer top: it stops spinning and sleeps
        }
        if (l.pi() && l.topWaiter() == t && l.owner != null) {
            adjustPrio(l.owner, 0);
        }
        waitUnlock(c, off);
    }

    /** rtmutex_spin_on_owner while we are top waiter and the owner runs and nothing else is due, else sleep. */
    private boolean spinOrSleep(Cpu c, Task t, LockInst l, int sleepState) {
        Task owner = l.owner;
        if (l.topWaiter() == t && owner != null && owner.onCpu && !Sched.needResched(c)) {
            t.k = Exec.K_RTM_SPIN;
            k.acctSwitch(c);
            return false;
        }
        k.exec.setCurrentStatePublic(c, t, sleepState);
        t.k = Exec.K_RUN;
        return k.exec.schedulePublic(c, t, PreemptPoint.SCHEDULE);
    }

    /** After taking an rt_mutex-based word: what the caller does with it. */
    private boolean rtmAcquired(Cpu c, Task t, LockInst l) {
        switch (l.impl) {
            case LockInst.RTLOCK:
                // __rt_spin_lock: rcu_read_lock() and migrate_disable() after the lock.
                k.exec.rcuReadLockPublic(c, t);
                k.exec.migrateDisable(c, t);
                if (l.kind == LockKind.SEQLOCK) {
                    l.seq++;
                }
                if (t.seqReaderLockUnlock) {
                    // a seqcount reader on RT took the writer's lock only to wait for it: drop it
                    t.seqReaderLockUnlock = false;
                    k.exec.migrateEnable(c, t);
                    k.exec.rcuReadUnlockPublic(c, t);
                    rtmRelease(c, t, l);
                    t.phase = 0;
                    t.k = Exec.K_RUN;
                    return k.exec.preemptCheckReschedPublic(c, t);
                }
                return advance(t);
            case LockInst.RWBASE:
                if (t.rwbaseReader) {
                    // reader slow path: got past the writer; count ourselves in, drop the rt_mutex.
                    t.rwbaseReader = false;
                    l.owner = null;
                    unhold(t, l);
                    l.readers++;
                    hold(t, l);
                    wakeTop(l);
                    k.exec.rcuReadLockPublic(c, t);
                    k.exec.migrateDisable(c, t);
                    return advance(t);
                }
                l.writerBias = true;
                t.phase = 3;
                return rwbaseWriterDrain(c, t, l);
            default:
                return advance(t);
        }
    }

    /** try_to_take_rt_mutex: free, and either no waiters, we are the top one, or we may steal. */
    private boolean tryTake(Task t, LockInst l) {
        if (l.owner != null) {
            return false;
        }
        if (l.impl == LockInst.RWBASE && !t.rwbaseReader && l.readers > 0 && l.writerBias) {
            return false;
        }
        Task top = l.topWaiter();
        if (top == null || top == t) {
            return true;
        }
        if (!l.pi()) {
            return true; // a mutex is not fair: a running task takes a free mutex
        }
        // rt_mutex_steal: strictly higher priority, or equal for non-RT rtlock waiters.
        int prio = t.blockedOn == l ? t.waiterPrio : t.prio;
        if (prio < top.waiterPrio) {
            return true;
        }
        return l.rtlock() && prio >= 100 && prio == top.waiterPrio;
    }

    /** mutex_lock / rt_mutex_lock / down: phase 1 of the step. */
    private boolean sleepingAcquire(Cpu c, Task t, LockInst l) {
        if (l.impl == LockInst.SEMAPHORE) {
            return down(c, t, l);
        }
        t.phase = 2;
        return rtmAcquire(c, t, l);
    }

    /** rt_mutex_slowunlock: deboost, and wake the top waiter (it stays queued and retries). */
    private void rtmRelease(Cpu c, Task t, LockInst l) {
        if (l.owner != t) {
            throw k.bug("WARNING: " + l.kind.cType() + " " + l + " unlocked by " + t.comm + "/" + t.pid
                + (l.owner == null ? " but it is not locked" : " but owned by " + l.owner), c, t);
        }
        l.owner = null;
        unhold(t, l);
        if (l.pi()) {
            boolean off = waitLock(c);
            adjustPrio(t, 0);
            waitUnlock(c, off);
        }
        wakeTop(l);
    }

    private void wakeTop(LockInst l) {
        Task top = l.topWaiter();
        if (top == null) {
            return;
        }
        if (top.onCpu && top.k == Exec.K_RTM_SPIN) {
            kick(top, 0);
        } else if (!top.onCpu || top.state != Task.TASK_RUNNING) {
            k.sched.tryToWakeUp(top, l.rtlock() ? Task.TASK_RTLOCK_WAIT : Task.TASK_NORMAL);
        }
    }

    /** The K_RTM_SPIN continuation, when kicked: back to the waiting step's loop. */
    public boolean rtmSpinKicked(Cpu c, Task t) {
        t.k = Exec.K_RUN;
        return true;
    }

    /** The owner left the CPU: its spinning top waiters must go to sleep. */
    public void ownerSwitchedOut(Task prev) {
        for (int i = 0; i < prev.heldLockCount; i++) {
            LockInst l = inst[prev.heldLocks[i]];
            Task top = l.topWaiter();
            if (top != null && top.k == Exec.K_RTM_SPIN) {
                kick(top, 0);
            }
        }
    }

    /** raw_spin_lock_irq(&lock->wait_lock): the rt_mutex slow paths run with IRQs and preemption off. */
    private boolean waitLock(Cpu c) {
        boolean wasOff = c.irqsDisabled;
        k.localIrqDisable(c);
        k.preemptDisable(c);
        return wasOff;
    }

    private void waitUnlock(Cpu c, boolean wasOff) {
        k.preemptEnableNoResched(c);
        if (!wasOff) {
            k.localIrqEnableNoDeliver(c);
        }
    }

    // ================================================================== priority inheritance

    /**
     * rt_mutex_adjust_prio + the chain walk: the task's effective prio is min(normal_prio, its top
     * PI waiters' prio); a change requeues it where it is blocked and continues with that owner.
     */
    private void adjustPrio(Task p, int depth) {
        if (depth > MAX_LOCK_DEPTH) {
            throw k.bug("Maximum lock depth " + MAX_LOCK_DEPTH + " reached task: " + p.comm + " (" + p.pid + ")", k.self, p);
        }
        int prio = p.normalPrio;
        for (int i = 0; i < p.heldLockCount; i++) {
            LockInst l = inst[p.heldLocks[i]];
            if (l.pi() && l.owner == p && l.nWaiters > 0) {
                prio = Math.min(prio, l.waiters[0].waiterPrio);
            }
        }
        if (prio == p.prio) {
            return;
        }
        k.sched.rtMutexSetprio(p, prio);
        LockInst next = p.blockedOn;
        if (next != null && next.pi()) {
            Task oldTop = next.topWaiter();
            next.requeueWaiter(p);
            if (next.owner != null && (oldTop == p || next.topWaiter() == p)) {
                adjustPrio(next.owner, depth + 1);
            }
        }
    }

    /**
     * Deadlock detection as the chain walk does it: follow owner -> the lock it waits for -> its
     * owner; reaching the task that is about to wait is a cycle.
     */
    private void detectDeadlock(Cpu c, Task t, LockInst l) {
        Task o = l.owner;
        int depth = 0;
        while (o != null) {
            if (o == t) {
                throw deadlock(c, t, l);
            }
            LockInst w = waitsFor(o);
            if (w == null || ++depth > MAX_LOCK_DEPTH) {
                return;
            }
            o = w.owner;
        }
    }

    /** The lock a task spins on or sleeps on, or null. */
    private static LockInst waitsFor(Task o) {
        return o.spinningOn != null ? o.spinningOn : o.blockedOn;
    }

    /** The report of the cycle {@link #detectDeadlock} found, written only then (the walk is on every contention). */
    private KernelBug deadlock(Cpu c, Task t, LockInst l) {
        StringBuilder cycle = new StringBuilder();
        cycle.append(t.comm).append('/').append(t.pid).append(" waits for ").append(l);
        for (Task o = l.owner; ; ) {
            cycle.append(", held by ").append(o.comm).append('/').append(o.pid);
            if (o == t) {
                break;
            }
            LockInst w = waitsFor(o);
            cycle.append(", who waits for ").append(w);
            o = w.owner;
        }
        String kind = l.impl == LockInst.SPIN || l.impl == LockInst.RWSPIN
            ? "BUG: spinlock lockup suspected on CPU#" + c.id + ", " + t.comm + "/" + t.pid
            : l.pi() ? "WARNING: circular locking deadlock detected!"
            : "INFO: task " + t.comm + ":" + t.pid + " blocked for more than 120 seconds.";
        return k.bug(kind, c, t, "deadlock: " + cycle);
    }

    private void endInversion(Task t) {
        if (t.inversionSinceNs > 0) {
            k.stats.longestInversionNs = Math.max(k.stats.longestInversionNs, k.now - t.inversionSinceNs);
            t.inversionSinceNs = 0;
        }
    }

    // ================================================================== semaphores

    private boolean down(Cpu c, Task t, LockInst l) {
        if (t.semGranted) {
            t.semGranted = false;
            t.blockedOn = null;
            l.blockedNs += k.now - t.blockedSinceNs;
            return advance(t);
        }
        if (t.blockedOn != l) {
            if (l.count > 0 && l.nWaiters == 0) {
                l.count--;
                l.acquisitions++;
                return advance(t);
            }
            l.contentions++;
            l.enqueueWaiter(t);
            t.blockedOn = l;
            t.blockedSinceNs = k.now;
        }
        k.exec.setCurrentStatePublic(c, t, Task.TASK_UNINTERRUPTIBLE);
        t.k = Exec.K_RUN;
        return k.exec.schedulePublic(c, t, PreemptPoint.SCHEDULE);
    }

    /** up(): the count goes to the first waiter directly, or back to the semaphore. */
    private void up(LockInst l) {
        Task w = l.topWaiter();
        if (w == null) {
            l.count++;
            return;
        }
        l.removeWaiter(w);
        l.acquisitions++;
        w.semGranted = true;
        k.sched.tryToWakeUp(w, Task.TASK_NORMAL);
    }

    // ================================================================== rwlock readers

    public boolean readLockStep(Cpu c, Task t, int d, int flavour) {
        LockInst l = word(c, d);
        if (l.impl == LockInst.RWSPIN) {
            spinPrologue(c, t, flavour);
            lockdep.acquire(c, t, l);
            return spinAcquire(c, t, l, false);
        }
        if (t.phase == 0) {
            lockdep.acquire(c, t, l);
        }
        // rwbase_read_lock: the fast path unless a writer is in or pending.
        if (t.phase == 0) {
            k.exec.rtlockMightResched(c, t);
            if (!l.writerBias && l.owner == null) {
                l.readers++;
                hold(t, l);
                k.exec.rcuReadLockPublic(c, t);
                k.exec.migrateDisable(c, t);
                return advance(t);
            }
            t.rwbaseReader = true;
            t.phase = 2;
        }
        return rtmAcquire(c, t, t.blockedOn != null ? t.blockedOn : l);
    }

    public boolean readUnlockStep(Cpu c, Task t, int d, int flavour) {
        LockInst l = held(c, t, d);
        if (l.impl == LockInst.RWSPIN) {
            if (t.phase == 0) {
                spinRelease(c, t, l);
            }
            return spinEpilogue(c, t, flavour);
        }
        k.exec.migrateEnable(c, t);
        k.exec.rcuReadUnlockPublic(c, t);
        if (l.readers == 0) {
            throw k.bug("WARNING: read_unlock of " + l + " that is not read-locked", c, t);
        }
        l.readers--;
        unhold(t, l);
        if (l.readers == 0 && l.writerWaiting != null) {
            k.sched.tryToWakeUp(l.writerWaiting, Task.TASK_RTLOCK_WAIT);
        }
        return releaseDone(c, t);
    }

    /** rwbase_write_lock: with the rt_mutex held, sleep until the readers have left. */
    private boolean rwbaseWriterDrain(Cpu c, Task t, LockInst l) {
        if (l.readers == 0) {
            if (l.writerWaiting == t) {
                l.writerWaiting = null;
                k.exec.setCurrentStatePublic(c, t, t.savedState);
            }
            k.exec.rcuReadLockPublic(c, t);
            k.exec.migrateDisable(c, t);
            return advance(t);
        }
        if (l.writerWaiting != t) {
            l.writerWaiting = t;
            t.savedState = t.state;
        }
        k.exec.setCurrentStatePublic(c, t, Task.TASK_RTLOCK_WAIT);
        t.k = Exec.K_RUN;
        return k.exec.schedulePublic(c, t, PreemptPoint.SCHEDULE);
    }

    // ================================================================== seqlocks

    private void seqWriteEnd(LockInst l) {
        l.seq++;
        // non-RT readers spinning on the odd count see it even now
        Task r = l.seqSpinHead;
        l.seqSpinHead = null;
        while (r != null) {
            Task n = r.seqSpinNext;
            r.seqSpinNext = null;
            r.seqSpinningOn = null;
            kick(r, 0);
            r = n;
        }
    }

    /**
     * read_seqbegin / the read section / read_seqretry. A reader finding a write in progress spins
     * until it ends; on PREEMPT_RT, where the writer may be preempted, it takes and drops the
     * writer's lock instead (blocking and boosting the writer), then reads again.
     */
    public boolean seqReadStep(Cpu c, Task t, int d, long readNs) {
        LockInst l = word(c, d);
        switch (t.phase) {
            case 0: {
                if ((l.seq & 1) != 0) {
                    l.contentions++;
                    if (l.impl == LockInst.RTLOCK) {
                        t.seqReaderLockUnlock = true;
                        t.phase = 2;
                        return rtmAcquire(c, t, l);
                    }
                    t.seqSpinningOn = l;
                    t.seqSpinNext = l.seqSpinHead;
                    l.seqSpinHead = t;
                    t.k = Exec.K_SEQ_SPIN;
                    k.acctSwitch(c);
                    return false;
                }
                t.seqSnapshot = l.seq;
                t.phase = 1;
                return k.exec.startWork(c, t, Op.SEQ_READ, readNs);
            }
            case 1:
                if (l.seq != t.seqSnapshot) {
                    t.seqRetries++;
                    t.phase = 0;
                    return true; // read_seqretry: a writer came by, read again
                }
                return advance(t);
            case 2:
                return rtmAcquire(c, t, t.blockedOn != null ? t.blockedOn : l);
            default:
                throw new IllegalStateException("seq_read phase " + t.phase);
        }
    }

    /** The K_SEQ_SPIN continuation: the writer is done when we are off its list. */
    public boolean seqSpinTry(Cpu c, Task t) {
        if (t.seqSpinningOn == null) {
            t.k = Exec.K_RUN;
            t.phase = 0;
            return true;
        }
        k.acctSwitch(c);
        return false;
    }

    // ================================================================== cond_resched_lock

    /**
     * __cond_resched_lock: if a reschedule is due (should_resched(PREEMPT_LOCK_OFFSET)) or, on a
     * preemptible model, someone spins on the lock: unlock (whose preempt_enable can preempt),
     * _cond_resched() (live in none/voluntary), relock.
     */
    public boolean condReschedLockStep(Cpu c, Task t, int d) {
        LockInst l = held(c, t, d);
        switch (t.phase) {
            case 0: {
                k.exec.condReschedLockMightResched(c, t, preemptLockOffset());
                boolean resched = PreemptCount.shouldResched(c.preemptCount, preemptLockOffset());
                boolean needbreak = preemptModelPreemptible() && (l.spinHead != null || l.nWaiters > 0);
                if (!resched && !needbreak) {
                    t.pc++;
                    return true;
                }
                t.phase = 1;
                t.k = Exec.K_RUN;
                if (l.impl == LockInst.RTLOCK) {
                    k.exec.migrateEnable(c, t);
                    k.exec.rcuReadUnlockPublic(c, t);
                    rtmRelease(c, t, l);
                    if (!k.exec.preemptCheckReschedPublic(c, t)) {
                        return false;
                    }
                } else {
                    spinRelease(c, t, l);
                    if (!k.exec.preemptEnablePublic(c, t)) {
                        return false;
                    }
                }
            }
            // fall through
            case 1:
                t.phase = 5;
                t.k = Exec.K_RUN;
                if (!k.exec.condReschedPublic(c, t)) {
                    return false;
                }
                // fall through
            case 5:
                if (l.impl == LockInst.RTLOCK) {
                    t.phase = 2;
                    return rtmAcquire(c, t, l);
                }
                k.preemptDisable(c);
                return spinAcquire(c, t, l, true);
            case 2:
                return rtmAcquire(c, t, t.blockedOn != null ? t.blockedOn : l);
            default:
                throw new IllegalStateException("cond_resched_lock phase " + t.phase);
        }
    }

    // ================================================================== PREEMPT_RT local_bh_disable

    /** The per-CPU BH lock of PREEMPT_RT (null off RT). */
    public LockInst bhLock(Cpu c) {
        return bhLock == null ? null : bhLock[c.id];
    }

    /** local_lock(&softirq_ctrl.lock): an rtlock acquire continuing at {@code phase} of the step. */
    public boolean bhLockAcquire(Cpu c, Task t) {
        return rtmAcquireRaw(c, t, bhLock[c.id]);
    }

    /** An rt_mutex acquire that does nothing after taking the word (the caller goes on). */
    private boolean rtmAcquireRaw(Cpu c, Task t, LockInst l) {
        if (tryTake(t, l)) {
            if (t.blockedOn == l) {
                l.removeWaiter(t);
                t.blockedOn = null;
                l.blockedNs += k.now - t.blockedSinceNs;
                endInversion(t);
                k.exec.setCurrentStatePublic(c, t, t.savedState);
            }
            take(t, l);
            if (l.nWaiters > 0) {
                boolean off = waitLock(c);
                adjustPrio(t, 0);
                waitUnlock(c, off);
            }
            return true;
        }
        // wait exactly as an rtlock; the caller's phase re-runs this when woken
        rtmWaitOnly(c, t, l);
        return false;
    }

    private void rtmWaitOnly(Cpu c, Task t, LockInst l) {
        if (t.blockedOn != l) {
            blockOn(c, t, l, true);
        }
        spinOrSleep(c, t, l, Task.TASK_RTLOCK_WAIT);
    }

    /** local_unlock(&softirq_ctrl.lock). */
    public void bhLockRelease(Cpu c, Task t) {
        LockInst l = bhLock[c.id];
        for (int i = t.heldLockCount - 1; i >= 0; i--) {
            LockInst h = inst[t.heldLocks[i]];
            if (h.impl == LockInst.RTLOCK && h.decl < 0) {
                l = h;
                break;
            }
        }
        rtmRelease(c, t, l);
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
            k.sched.tryToWakeUp(t, Task.TASK_NORMAL);
        }
    }

    public String waitQueueName(int wq) {
        return wqNames[wq];
    }
}
