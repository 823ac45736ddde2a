package org.preemptsim.kernel;

import org.preemptsim.kernel.irq.Softirq;
import org.preemptsim.kernel.locking.LockKind;
import org.preemptsim.workload.Arrivals;
import org.preemptsim.workload.Dists;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.ProgramBuilder;

import java.util.SplittableRandom;

/**
 * Seeded random machines for the invariant tests. Programs nest atomic sections of several kinds
 * (spinlocks plain/irqsave/bh, preempt_disable, local_irq_save, local_bh_disable, rcu) taking
 * locks in one global order (ascending id), call might_sleep/cond_resched only where sleeping is
 * allowed, block (sleep, wait) and wake each other. The buggy variant plants exactly one bug at
 * the start of one task so every run must stop with its report.
 */
final class RandomMachines {

    static final long US = 1_000;

    enum Bug { NONE, SLEEP_UNDER_SPINLOCK, UNBALANCED_PREEMPT_ENABLE }

    private final SplittableRandom r;
    private final int locks;
    private final int firstRaw;
    private final int queues;
    /** Every lock type mode: the kind of each lock id, and where the non-sleeping ids start. */
    private LockKind[] kinds;
    private int firstSpinning;

    private RandomMachines(long seed, int locks, int firstRaw, int queues) {
        this.r = new SplittableRandom(seed);
        this.locks = locks;
        this.firstRaw = firstRaw;
        this.queues = queues;
    }

    /**
     * Machines using every lock type: sleeping locks (mutex, rt_mutex, semaphore) with the lowest
     * ids, then spinlock_t, rwlock_t, seqlock_t and local_lock_t, then raw_spinlock_t; all taken in
     * ascending id order, sleeping ones only where sleeping is allowed, the kinds that sleep on
     * PREEMPT_RT never inside preempt_disable/local_irq_save/raw sections, BH disabling never under a
     * lock; seqlock readers and migrate_disable sections too.
     */
    static MachineSpec generateAllLocks(long seed) {
        SplittableRandom top = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + 7);
        int cpus = 1 + top.nextInt(4);
        MachineBuilder m = new MachineBuilder("all-locks-" + seed).cpus(cpus).hz(new int[] {100, 250, 300, 1000}[top.nextInt(4)])
            .durationMs(30).seed(seed).idlePoll(top.nextBoolean());
        if (top.nextBoolean()) {
            m.costs(Costs.ZERO);
        }
        LockKind[] sleeping = {LockKind.MUTEX, LockKind.RT_MUTEX, LockKind.SEMAPHORE};
        LockKind[] config = {LockKind.SPINLOCK, LockKind.RWLOCK, LockKind.SEQLOCK, LockKind.LOCAL_LOCK};
        int nSleep = 1 + top.nextInt(3);
        int nConfig = 1 + top.nextInt(4);
        int nRaw = top.nextInt(3);
        int n = nSleep + nConfig + nRaw;
        LockKind[] kinds = new LockKind[n];
        for (int i = 0; i < n; i++) {
            kinds[i] = i < nSleep ? sleeping[top.nextInt(sleeping.length)]
                : i < nSleep + nConfig ? config[top.nextInt(config.length)] : LockKind.RAW_SPINLOCK;
            if (kinds[i] == LockKind.SEMAPHORE) {
                m.semaphore("sem" + i, 1 + top.nextInt(2));
            } else {
                m.lock(kinds[i].key() + i, kinds[i]);
            }
        }
        int nQueues = 1 + top.nextInt(3);
        for (int i = 0; i < nQueues; i++) {
            m.waitQueue("wq" + i);
        }
        RandomMachines g = new RandomMachines(top.nextLong(), n, nSleep + nConfig, nQueues);
        g.kinds = kinds;
        g.firstSpinning = nSleep;
        int tasks = 2 + top.nextInt(7);
        for (int i = 0; i < tasks; i++) {
            ProgramBuilder p = new ProgramBuilder().at("random task " + i);
            boolean kthread = top.nextInt(5) == 0;
            g.program(p, kthread);
            int kind = top.nextInt(4);
            TaskSpec ts = kind == 0 ? TaskSpec.fifo("rt" + i, 1 + top.nextInt(98), p.build())
                : kind == 1 ? new TaskSpec("rr" + i, Policy.SCHED_RR, 1 + top.nextInt(98), 0, null, -1, 0, p.build(), false, kthread)
                : new TaskSpec("task" + i, Policy.SCHED_NORMAL, 0, top.nextInt(40) - 20, null, -1, 0, p.build(), false, kthread);
            if (kind < 2) {
                ts = new TaskSpec(ts.name(), ts.policy(), ts.priority(), 0, null, -1, 0, ts.program(), false, kthread);
            }
            if (top.nextInt(3) == 0) {
                ts = ts.withAffinity(new int[] {top.nextInt(cpus)});
            }
            m.task(ts);
        }
        m.task(TaskSpec.fifo("cyclic", 95, new ProgramBuilder().loop(0).syscall(230).periodic(1_000 * US).sysret()
            .endLoop().build()).asMeasured());
        if (top.nextBoolean()) {
            m.irq(new IrqSourceSpec("dev", 30, top.nextInt(cpus), Arrivals.poisson(100_000, 1_000, 0),
                Dists.uniform(1_000, 10_000), Softirq.NET_RX, Dists.uniform(1_000, 40_000), top.nextInt(nQueues)));
        }
        return m.build();
    }

    /** A section under a sleeping lock (all-locks mode): kernel work, maybe atomic sections, maybe a sleep. */
    private void sleepingSection(ProgramBuilder p) {
        int id = r.nextInt(firstSpinning);
        p.lock(id, org.preemptsim.workload.Op.LOCK_PLAIN);
        p.kernel(dur(80), r.nextBoolean() ? dur(40) : 0, r.nextBoolean() ? dur(30) : 0, r.nextInt(5), r.nextInt(2));
        if (r.nextBoolean()) {
            atomicSection(p, firstSpinning, 1 + r.nextInt(2), true, false, false);
        }
        if (r.nextInt(3) == 0) {
            p.sleep(dur(200));
        }
        p.unlock(id, org.preemptsim.workload.Op.LOCK_PLAIN);
    }

    static MachineSpec generate(long seed, Bug bug) {
        SplittableRandom top = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
        int cpus = 1 + top.nextInt(4);
        int nLocks = 1 + top.nextInt(4);
        int nQueues = 1 + top.nextInt(3);
        MachineBuilder m = new MachineBuilder("random-" + seed).cpus(cpus).hz(new int[] {100, 250, 300, 1000}[top.nextInt(4)])
            .durationMs(30).seed(seed).idlePoll(top.nextBoolean());
        if (top.nextBoolean()) {
            m.costs(Costs.ZERO);
        }
        // spinlock_t ids below raw_spinlock_t ids: taking locks in ascending order then never nests
        // a spinlock_t (a sleeping lock on PREEMPT_RT) inside a raw one.
        int nRaw = top.nextInt(nLocks + 1);
        if (bug == Bug.SLEEP_UNDER_SPINLOCK && nRaw == 0) {
            nRaw = 1; // sleeping under a raw spinlock is a bug on every build, PREEMPT_RT included
        }
        for (int i = 0; i < nLocks; i++) {
            if (i < nLocks - nRaw) {
                m.spinlock("lock" + i);
            } else {
                m.rawSpinlock("lock" + i);
            }
        }
        for (int i = 0; i < nQueues; i++) {
            m.waitQueue("wq" + i);
        }
        RandomMachines g = new RandomMachines(top.nextLong(), nLocks, nLocks - nRaw, nQueues);
        int tasks = 2 + top.nextInt(7);
        for (int i = 0; i < tasks; i++) {
            ProgramBuilder p = new ProgramBuilder().at("random task " + i);
            if (i == 0 && bug != Bug.NONE) {
                g.plant(p, bug);
            }
            boolean kthread = top.nextInt(5) == 0 && !(i == 0 && bug != Bug.NONE);
            g.program(p, kthread);
            TaskSpec ts;
            int kind = top.nextInt(4);
            if (kind == 0) {
                ts = TaskSpec.fifo("rt" + i, 1 + top.nextInt(98), p.build());
            } else if (kind == 1) {
                ts = new TaskSpec("rr" + i, Policy.SCHED_RR, 1 + top.nextInt(98), 0, null, -1, 0, p.build(), false, kthread);
            } else {
                ts = new TaskSpec("task" + i, top.nextInt(6) == 0 ? Policy.SCHED_BATCH : Policy.SCHED_NORMAL, 0,
                    top.nextInt(40) - 20, null, -1, 0, p.build(), false, kthread);
            }
            if (kind < 2) {
                ts = new TaskSpec(ts.name(), ts.policy(), ts.priority(), 0, null, -1, 0, ts.program(), false, kthread);
            }
            if (top.nextInt(3) == 0) {
                ts = ts.withAffinity(new int[] {top.nextInt(cpus)});
            }
            if (top.nextInt(3) == 0) {
                ts = ts.releasedAt(top.nextInt(5_000) * US);
            }
            if (i == 0 && bug != Bug.NONE) {
                // the buggy task must reach its bug whatever else hogs the CPUs
                ts = new TaskSpec("buggy", Policy.SCHED_FIFO, 99, 0, null, -1, 0, ts.program(), false, false);
            }
            m.task(ts);
        }
        // a measured periodic task so that latency paths run too
        m.task(TaskSpec.fifo("cyclic", 95, new ProgramBuilder().loop(0).syscall(230).periodic(1_000 * US).sysret()
            .endLoop().build()).asMeasured());
        int irqs = top.nextInt(3);
        for (int s = 0; s < irqs; s++) {
            m.irq(new IrqSourceSpec("dev" + s, 30 + s, top.nextInt(cpus), Arrivals.poisson(50_000 + top.nextInt(300_000), 1_000, 0),
                Dists.uniform(1_000, 10_000), top.nextBoolean() ? Softirq.NET_RX : -1, Dists.uniform(1_000, 60_000),
                top.nextInt(3) == 0 ? top.nextInt(nQueues) : -1));
        }
        if (top.nextInt(4) == 0) {
            m.nmi(new NmiSourceSpec("perf", top.nextInt(cpus), Arrivals.poisson(500_000, 10_000, 0), Dists.uniform(1_000, 5_000)));
        }
        return m.build();
    }

    private int firstOf(LockKind k) {
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == k) {
                return i;
            }
        }
        return -1;
    }

    private void plant(ProgramBuilder p, Bug bug) {
        p.syscall(99);
        if (bug == Bug.SLEEP_UNDER_SPINLOCK) {
            int raw = locks - 1; // the raw ones have the highest ids
            p.spinLock(raw).at("planted bug").waitOn(0).at("after bug").spinUnlock(raw);
        } else {
            p.at("planted bug").preemptEnable().at("after bug");
        }
        p.sysret();
    }

    private long dur(long maxUs) {
        return (1 + r.nextInt((int) maxUs)) * US;
    }

    private void program(ProgramBuilder p, boolean kthread) {
        p.loop(0);
        int blocks = 1 + r.nextInt(5);
        for (int b = 0; b < blocks; b++) {
            if (kthread) {
                kernelBlock(p, 0);
            } else {
                switch (r.nextInt(3)) {
                    case 0:
                        p.user(dur(300));
                        break;
                    default:
                        p.syscall(r.nextInt(300));
                        int n = 1 + r.nextInt(3);
                        for (int i = 0; i < n; i++) {
                            kernelBlock(p, 0);
                        }
                        p.sysret();
                }
            }
        }
        if (kthread) {
            p.kernel(dur(50)); // every loop spends time, as any real code does
        } else {
            p.user(dur(50));
        }
        p.endLoop();
    }

    /** Kernel code at nesting depth d (0 = sleeping allowed). */
    private void kernelBlock(ProgramBuilder p, int minLock) {
        if (kinds != null) {
            switch (r.nextInt(6)) {
                case 0:
                    sleepingSection(p);
                    return;
                case 1: {
                    int seq = firstOf(LockKind.SEQLOCK);
                    if (seq >= 0) {
                        p.seqRead(seq, dur(50));
                        return;
                    }
                    break;
                }
                case 2:
                    p.migrateDisable().kernel(dur(60)).migrateEnable();
                    return;
                default:
                    break;
            }
        }
        switch (r.nextInt(8)) {
            case 0:
                p.kernel(dur(400), r.nextBoolean() ? dur(100) : 0, r.nextBoolean() ? dur(80) : 0, r.nextInt(20), r.nextInt(5));
                break;
            case 1:
                p.mightSleep();
                p.condResched();
                break;
            case 2:
                p.sleep(dur(500));
                break;
            case 3:
                if (r.nextInt(3) == 0) {
                    p.waitOn(r.nextInt(queues));
                } else {
                    p.wake(r.nextInt(queues), 1 + r.nextInt(2));
                }
                break;
            case 4:
                // cond_resched_rcu() belongs inside a read-side section, and nothing else atomic
                p.rcuReadLock().kernel(dur(30)).condReschedRcu().kernel(dur(30)).rcuReadUnlock();
                break;
            default:
                atomicSection(p, 0, 1 + r.nextInt(3), true, false, false);
        }
    }

    /**
     * A nested atomic section: no sleeping inside, locks in ascending order. Inside a section that
     * is atomic even on PREEMPT_RT (preempt_disable, local_irq_save, a raw spinlock) only raw
     * spinlocks are taken, as the kernel's rules require.
     */
    private void atomicSection(ProgramBuilder p, int minLock, int depth, boolean outermost, boolean rtAtomic,
                               boolean underLock) {
        int kind = r.nextInt(7);
        LockKind lockKind = null;
        int flavour = 0;
        boolean reader = false;
        if (!outermost && (kind == 2 || kind == 5)) {
            // BH disabling is outermost: on PREEMPT_RT local_bh_disable takes a per-CPU lock, and
            // taking it under a spinlock_t is an AB-BA with bh-then-lock code, while from a
            // non-preemptible section it would share the per-CPU count with a preempted BH holder.
            kind = 3;
        }
        int lock = -1;
        switch (kind) {
            case 0:
            case 1:
            case 2: {
                int lo = rtAtomic ? Math.max(minLock, firstRaw) : minLock;
                if (kinds != null) {
                    lo = Math.max(lo, firstSpinning);
                }
                if (lo >= locks) {
                    kind = 3;
                    p.preemptDisable();
                    break;
                }
                lock = lo + r.nextInt(locks - lo);
                if (kinds != null && kinds[lock] != LockKind.SPINLOCK && kinds[lock] != LockKind.RAW_SPINLOCK) {
                    lockKind = kinds[lock];
                    flavour = lockKind == LockKind.LOCAL_LOCK ? (r.nextBoolean() ? org.preemptsim.workload.Op.LOCK_IRQSAVE
                        : org.preemptsim.workload.Op.LOCK_PLAIN) : new int[] {org.preemptsim.workload.Op.LOCK_PLAIN,
                        org.preemptsim.workload.Op.LOCK_IRQSAVE, org.preemptsim.workload.Op.LOCK_BH}[kind];
                    reader = lockKind == LockKind.RWLOCK && r.nextBoolean();
                    if (reader) {
                        p.readLock(lock, flavour);
                    } else {
                        p.lock(lock, flavour);
                    }
                    break;
                }
                p.lock(lock, new int[] {org.preemptsim.workload.Op.LOCK_PLAIN, org.preemptsim.workload.Op.LOCK_IRQSAVE,
                    org.preemptsim.workload.Op.LOCK_BH}[kind]);
                break;
            }
            case 3:
                p.preemptDisable();
                break;
            case 4:
                p.localIrqSave();
                break;
            case 5:
                p.localBhDisable();
                break;
            default:
                p.rcuReadLock();
        }
        p.kernel(dur(60), 0, 0, r.nextInt(5), r.nextInt(2));
        if (depth > 1) {
            boolean nowAtomic = rtAtomic || kind == 3 || kind == 4 || lock >= firstRaw;
            atomicSection(p, lock >= 0 ? lock + 1 : minLock, depth - 1, false, nowAtomic, underLock || lock >= 0);
        }
        // cond_resched_lock() expects exactly the one plain lock held (count == PREEMPT_LOCK_OFFSET)
        if (lock >= 0 && lock < firstRaw && kind == 0 && lockKind == null && outermost && r.nextInt(2) == 0
            && (kinds == null || kinds[lock] == LockKind.SPINLOCK)) {
            p.condReschedLock(lock);
        }
        p.kernel(dur(40));
        switch (kind) {
            case 0:
            case 1:
            case 2:
                if (lockKind != null) {
                    if (reader) {
                        p.readUnlock(lock, flavour);
                    } else {
                        p.unlock(lock, flavour);
                    }
                    break;
                }
                p.unlock(lock, new int[] {org.preemptsim.workload.Op.LOCK_PLAIN, org.preemptsim.workload.Op.LOCK_IRQSAVE,
                    org.preemptsim.workload.Op.LOCK_BH}[kind]);
                break;
            case 3:
                p.preemptEnable();
                break;
            case 4:
                p.localIrqRestore();
                break;
            case 5:
                p.localBhEnable();
                break;
            default:
                p.rcuReadUnlock();
        }
    }
}
