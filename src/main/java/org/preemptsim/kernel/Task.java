package org.preemptsim.kernel;

import org.preemptsim.workload.DurationSampler;
import org.preemptsim.workload.Program;

/**
 * task_struct: scheduling state, the TIF flags, and the interpreter state of the task's program.
 *
 * <p>Fields are public and mutable, as a C struct: the kernel classes that own each part (core.c,
 * fair.c, rt.c, the interpreter) read and write them directly on the hot path.
 */
public final class Task {

    // __state values (include/linux/sched.h); TASK_RUNNING is 0.
    public static final int TASK_RUNNING = 0x0000;
    public static final int TASK_INTERRUPTIBLE = 0x0001;
    public static final int TASK_UNINTERRUPTIBLE = 0x0002;
    public static final int TASK_DEAD = 0x0080;
    /** Internal: a task that has not been forked yet (release instant in the future). */
    public static final int TASK_NEW = 0x0800;
    public static final int TASK_RTLOCK_WAIT = 0x1000;
    /** TASK_NORMAL: what wake_up_process and wake_up wake. */
    public static final int TASK_NORMAL = TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE;

    // sched classes, in pick order (lower is higher).
    public static final int CLASS_RT = 2;
    public static final int CLASS_FAIR = 3;
    public static final int CLASS_IDLE = 5;

    public final int pid;
    public final String comm;
    public final Program prog;
    public final boolean kthread;
    public final boolean measured;
    public final boolean isIdle;
    public final int index;

    // ---- scheduling parameters
    public Policy policy;
    public int rtPriority;
    public int nice;
    public int staticPrio;
    public int normalPrio;
    public int prio;
    public int schedClass;
    public long weight;
    public final long[] cpusAllowed;
    public int nrCpusAllowed;

    // ---- scheduling state
    public int state;
    public boolean onRq;
    public boolean onCpu;
    public int cpu;
    public boolean tifNeedResched;
    public boolean tifNeedReschedLazy;
    public int migrationDisabled;
    public int rcuReadLockNesting;
    /** Queued on a remote CPU's wake list (ttwu_queue_wakelist), activated by its IPI. */
    public boolean onWakeList;
    public Task wakeListNext;

    // ---- fair (EEVDF) sched_entity
    public long vruntime;
    public long deadline;
    public long vlag;
    public long slice;
    public long execStart;
    public long sumExecRuntime;
    /** RUN_TO_PARITY protection: curr keeps the CPU while its vruntime is below this. */
    public long vprot;
    public boolean customSlice;
    /** Index in its cfs_rq's queue array, -1 when not queued there. */
    public int cfsIndex = -1;
    /** Enqueue order on its cfs_rq: the rbtree keeps equal deadlines in this order. */
    public long cfsSeq;
    /** The cfs_rq's augmented index (a treap by (deadline, cfsSeq), only on long queues; see CfsRq). */
    public Task cfsLeft;
    public Task cfsRight;
    public long cfsPrio;
    /** The cfs_rq's queued entities in enqueue order (cfsSeq), for load balancing's oldest-first pick. */
    public Task cfsOlder;
    public Task cfsNewer;
    /** Smallest vruntime and slice in this entity's subtree of the index. */
    public long cfsMinVruntime;
    public long cfsMinSlice;

    // ---- rt
    public long rtTimeSliceNs;
    public Task rtNext;
    public Task rtPrev;

    // ---- interpreter state (see Exec)
    public int pc;
    /** The step being executed (pc may already point past it), for reports. */
    public int stepPc;
    public int phase;
    /** The continuation code: what the task does when it next gets the CPU. */
    public int k;
    /** Work left in the current segment when it was interrupted. */
    public long segRemaining;
    /** Per-task loop counters, indexed by loop nesting. */
    public final long[] loopLeft = new long[16];
    public int loopDepth;
    /** In user mode (false: in the kernel). */
    public boolean user;
    /** Which schedule loop the task is in (Sched.SV_*) and where it returns afterwards. */
    public int schedVariant;
    public int kAfterSched;
    public int kAfterUserExit;
    /** Kernel-work progress since the last cond_resched / might_sleep point (ns). */
    public long sinceCondReschedNs;
    public long sinceMightSleepNs;
    /** Kernel work left in the current KWORK step. */
    public long kworkLeftNs;
    /** Cache refill owed since the last switch-in. */
    public long refillDebtNs;
    /** Saved IRQ flags of nested local_irq_save, as a bit stack. */
    public long irqSaveStack;
    public int irqSaveDepth;
    /** Locks held, innermost last (lockdep's held_locks). */
    public final int[] heldLocks = new int[32];
    public int heldLockCount;
    public int syscallNr;
    /** Absolute expiry of the pending periodic release (cyclictest's "next"). */
    public long nextReleaseNs;
    public long releaseNs;
    public long periodicExpiryNs;
    public boolean measurePending;
    public int hrtimer;
    /** The CPU whose hrtimer base holds this task's timer, -1 when not armed. */
    public int hrtimerCpu = -1;
    public long hrtimerExpiryNs;
    public int waitingOn = -1;
    public Task waitNext;
    /** The queued spinlock this task spins on, or null. */
    public org.preemptsim.kernel.locking.LockInst spinningOn;
    public Task spinNext;
    public long spinSinceNs;
    /** Spinning for the write side of an rwlock. */
    public boolean spinWrite;
    /** The queued word was handed to this spinner. */
    public boolean spinGranted;
    /** rwbase_rt reader slow path: waiting on the rt_mutex only to get past a writer. */
    public boolean rwbaseReader;
    /** A PREEMPT_RT seqcount reader takes the writer's lock only to wait for it. */
    public boolean seqReaderLockUnlock;
    public long seqRetries;
    /** pi_blocked_on: the rt_mutex-based (or sleeping) lock this task waits for, or null. */
    public org.preemptsim.kernel.locking.LockInst blockedOn;
    public long blockedSinceNs;
    /** When the current wait began to be a priority inversion (the owner runs at a lower priority), 0 if not. */
    public long inversionSinceNs;
    /** The waiter's sort key (prio) and arrival order in blockedOn's waiter list. */
    public int waiterPrio;
    public long waiterSeq;
    /** saved_state: the state a task had when it blocked on an rtlock (restored after). */
    public int savedState;
    /** A semaphore's up() handed this waiter the count. */
    public boolean semGranted;
    /** read_seqbegin's snapshot. */
    public int seqSnapshot;
    public org.preemptsim.kernel.locking.LockInst seqSpinningOn;
    public Task seqSpinNext;
    /** PREEMPT_RT: the per-task softirq_disable_cnt (BH disabled by this task). */
    public int softirqDisableCnt;
    /** Pinned and waiting for the PREEMPT_RT BH lock. */
    public boolean bhLocking;
    /** Running softirq handlers in task context (PREEMPT_RT, ksoftirqd): in_serving_softirq(). */
    public boolean servingSoftirq;
    /** handle_softirqs in task context (PREEMPT_RT): the pending set, restarts left, end jiffy. */
    public int sirqPending;
    public int sirqRestart;
    public long sirqEnd;
    public int sirqVec;
    /** irq_thread: IRQTF_RUNTHREAD, and the IRQ source it serves (-1). */
    public boolean runThread;
    public int irqSource = -1;
    /** PI: when the current boost began (0 when not boosted). */
    public long boostSinceNs;

    /** __schedule's mode for the current pass (Sched.SM_*). */
    public int smode;
    /** The preemption point that called the current schedule loop (PreemptPoint.*). */
    public int schedPoint;
    /** Whether the last __schedule that returned to this task switched (sched_exit's is_switch). */
    public boolean lastSwitch;
    /** The continuation preempt_schedule_irq interrupted, resumed after the iret. */
    public int kInterrupted;
    public int kAfterRefill;
    /** The op that owns the current segment, and the work (not overhead) in it. */
    public int segOp;
    public long segWork;
    public long overruns;
    public boolean bhSavedIrqsDisabled;

    // ---- per-step random durations
    public DurationSampler[] samplers;

    // ---- statistics
    public long nvcsw;
    public long nivcsw;
    public long userWorkNs;
    public long lastSwitchInNs;

    public Task(int index, int pid, String comm, Program prog, boolean kthread, boolean measured, boolean isIdle, int nrCpus) {
        this.index = index;
        this.pid = pid;
        this.comm = comm;
        this.prog = prog;
        this.kthread = kthread;
        this.measured = measured;
        this.isIdle = isIdle;
        this.cpusAllowed = new long[(nrCpus + 63) >>> 6];
    }

    public boolean allowedOn(int c) {
        return (cpusAllowed[c >>> 6] & (1L << (c & 63))) != 0;
    }

    public void allow(int c) {
        if (!allowedOn(c)) {
            cpusAllowed[c >>> 6] |= 1L << (c & 63);
            nrCpusAllowed++;
        }
    }

    public boolean rt() {
        return schedClass == CLASS_RT;
    }

    public boolean fair() {
        return schedClass == CLASS_FAIR;
    }

    /** The ftrace/ps view of the state: R, S, D, X ... (prev_state letters). */
    public static String stateLetters(int state) {
        if (state == TASK_RUNNING) {
            return "R";
        }
        if (state == TASK_DEAD) {
            return "X"; // exit_state EXIT_DEAD is what the report mask shows for a task's last switch
        }
        if ((state & TASK_RTLOCK_WAIT) != 0) {
            return "D"; // __task_state_index reports rtlock waits as uninterruptible
        }
        StringBuilder sb = new StringBuilder();
        String[] letters = {"S", "D", "T", "t", "X", "Z", "P", "I"};
        for (int i = 0; i < letters.length; i++) {
            if ((state & (1 << i)) != 0) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(letters[i]);
            }
        }
        return sb.length() == 0 ? "R" : sb.toString();
    }

    @Override
    public String toString() {
        return comm + "-" + pid;
    }
}
