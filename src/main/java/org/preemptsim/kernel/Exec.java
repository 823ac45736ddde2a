package org.preemptsim.kernel;

import org.preemptsim.kernel.irq.Irq;
import org.preemptsim.kernel.locking.Locks;
import org.preemptsim.kernel.sched.Sched;
import org.preemptsim.trace.TraceSink;
import org.preemptsim.workload.Op;
import org.preemptsim.workload.Program;

/**
 * Runs tasks: the interpreter of their programs and the kernel paths they take (syscall entry and
 * exit with the return-to-user preemption point, schedule() and its variants, IRQ return with
 * preempt_schedule_irq, the idle loop, fork's schedule_tail).
 *
 * <p>A task's continuation code {@link Task#k} says what it does when it next gets the CPU. Every
 * instant at which an interrupt can be taken (a segment of work, a local_irq_enable, spinning,
 * idling) leaves a continuation behind, so an interrupt can arrive at any of them and the task
 * resumes exactly there. Methods return true to keep running the CPU's current task and false
 * when the CPU now waits (a segment, a spin, idle, or an interrupt frame took over).
 */
public final class Exec {

    // continuation codes
    public static final int K_RUN = 0;
    public static final int K_SEG = 1;
    public static final int K_SPIN = 2;
    public static final int K_IDLE = 3;
    public static final int K_SCHED_PICK = 4;
    public static final int K_SWITCH = 5;
    public static final int K_SCHED_EXIT = 6;
    public static final int K_REFILL = 7;
    public static final int K_USER_EXIT = 8;
    public static final int K_USER_EXIT_SCHED = 9;
    public static final int K_USER_EXIT_REDISABLE = 10;
    public static final int K_PSI_SCHEDULE = 11;
    public static final int K_IRQ_RESUME = 12;
    public static final int K_DEAD = 13;
    public static final int K_FORK_TAIL = 14;
    public static final int K_FINISH_UNLOCK = 15;
    /** Spinning on a running rt_mutex/mutex owner (rtmutex_spin_on_owner). */
    public static final int K_RTM_SPIN = 16;
    /** A non-RT seqcount reader spinning on an odd sequence. */
    public static final int K_SEQ_SPIN = 17;
    /** PREEMPT_RT: running softirq handlers in task context (handle_softirqs). */
    public static final int K_RT_SOFTIRQ = 18;

    // schedule variants
    public static final int SV_SCHEDULE = 0;
    public static final int SV_PREEMPT = 1;
    public static final int SV_PREEMPT_IRQ = 2;
    public static final int SV_IDLE = 3;
    public static final int SV_FORK = 4;

    /** Program steps allowed at one instant before the run is declared livelocked. */
    static final int LIVELOCK_STEPS = 1_000_000;

    private final Kernel k;
    private final TraceSink tp;
    private final Costs costs;
    /** Program steps at the current instant, minus one (the first step at an instant counts 0). */
    private int stepsThisInstant = -1;

    Exec(Kernel k) {
        this.k = k;
        this.tp = k.tp;
        this.costs = k.costs;
    }

    private Sched sched() {
        return k.sched;
    }

    private Irq irq() {
        return k.irq;
    }

    private Locks locks() {
        return k.locks;
    }

    // ================================================================== the loop

    /** Time moved on: the livelock count starts again. */
    void newInstant() {
        stepsThisInstant = -1;
    }

    /** Run the CPU's current task until the CPU waits. */
    public void continueTask(Cpu c) {
        while (run(c, c.curr)) {
            // each step may switch c.curr
        }
    }

    /** The task-level segment completed. */
    public void segmentDone(Cpu c) {
        Task t = c.curr;
        boolean more;
        switch (t.k) {
            case K_SEG:
                more = opSegmentDone(c, t);
                break;
            case K_SCHED_PICK:
                more = schedulePick(c, t);
                break;
            case K_SWITCH:
                more = finishTaskSwitch(c, t);
                break;
            case K_REFILL:
                t.k = t.kAfterRefill;
                more = true;
                break;
            case K_IDLE:
            case K_SPIN:
            case K_RTM_SPIN:
            case K_SEQ_SPIN:
                more = true;
                break;
            default:
                throw new IllegalStateException(t + " segment done in continuation " + t.k);
        }
        if (more) {
            continueTask(c);
        }
    }

    private boolean run(Cpu c, Task t) {
        switch (t.k) {
            case K_RUN:
                return step(c, t);
            case K_SEG:
                startSeg(c, t, t.segRemaining);
                return false;
            case K_SPIN:
                return locks().spinTry(c, t);
            case K_RTM_SPIN:
                return locks().rtmSpinKicked(c, t);
            case K_SEQ_SPIN:
                return locks().seqSpinTry(c, t);
            case K_RT_SOFTIRQ:
                return rtSoftirq(c, t);
            case K_IDLE:
                return idleLoop(c, t);
            case K_SCHED_EXIT:
                return scheduleExit(c, t);
            case K_USER_EXIT:
                return exitToUserLoop(c, t);
            case K_USER_EXIT_SCHED:
                t.kAfterSched = K_USER_EXIT_REDISABLE;
                return schedule(c, t, SV_SCHEDULE, PreemptPoint.RETURN_TO_USER);
            case K_USER_EXIT_REDISABLE:
                k.localIrqDisable(c);
                t.k = K_USER_EXIT;
                return true;
            case K_PSI_SCHEDULE:
                return scheduleEnter(c, t, Sched.SM_PREEMPT);
            case K_IRQ_RESUME:
                t.k = t.kInterrupted;
                if (!iret(c, t)) {
                    return false;
                }
                // The cache refill of the switch back, now that IRQs are on again.
                return payRefill(c, t);
            case K_FORK_TAIL:
                return forkTail(c, t);
            case K_FINISH_UNLOCK:
                return finishUnlock(c, t);
            case K_SCHED_PICK:
            case K_SWITCH:
            case K_REFILL:
                // Interrupted while waiting on one of these segments: restart what is left.
                startSegTimer(c, t.segRemaining);
                return false;
            default:
                throw new IllegalStateException(t + " in continuation " + t.k);
        }
    }

    private void startSeg(Cpu c, Task t, long ns) {
        t.k = K_SEG;
        k.startSegment(c, ns);
    }

    private void startSegTimer(Cpu c, long ns) {
        k.startSegment(c, ns);
    }

    // ================================================================== interrupts returning

    /** irqentry_exit to task context (IRQs still off; {@code savedDisabled}: the interrupted state). */
    public void irqReturn(Cpu c, boolean savedDisabled) {
        Task t = c.curr;
        boolean more;
        if (t.user) {
            // irqentry_exit_to_user_mode: the exit-to-user loop, then resume user work.
            t.user = false;
            t.kAfterUserExit = t.k;
            t.k = K_USER_EXIT;
            more = true;
        } else if (!savedDisabled && k.row.irqentryExitCondResched() && k.preemption
            && c.count() == 0 && Sched.needResched(c)) {
            // raw_irqentry_exit_cond_resched -> preempt_schedule_irq. A refill cut short is
            // dropped: the task will pay a fresh one when it is switched back in.
            t.kInterrupted = t.k == K_REFILL ? t.kAfterRefill : t.k;
            t.kAfterSched = K_IRQ_RESUME;
            more = schedule(c, t, SV_PREEMPT_IRQ, PreemptPoint.IRQ_EXIT);
        } else {
            more = iret(c, t);
        }
        if (more) {
            continueTask(c);
        }
    }

    /** An NMI returned to task context: nothing changes, the task goes on. */
    public void resumeAfterNmi(Cpu c) {
        continueTask(c);
    }

    /** The iret: IRQs back on (pending ones are taken at once), then the task goes on. */
    private boolean iret(Cpu c, Task t) {
        k.localIrqEnableNoDeliver(c);
        if (irq().hasPending(c)) {
            irq().deliver(c);
            return false;
        }
        return true;
    }

    // ================================================================== idle

    /** do_idle: poll until need_resched, flush the wake list, schedule_idle. */
    private boolean idleLoop(Cpu c, Task idle) {
        if (c.wakeListHead != null) {
            sched().schedTtwuPending(c); // flush_smp_call_function_queue
        }
        if (idle.tifNeedResched) {
            c.polling = false;
            c.preemptCount = PreemptCount.setPreemptNeedResched(c.preemptCount);
            idle.kAfterSched = K_IDLE;
            return schedule(c, idle, SV_IDLE, PreemptPoint.SCHEDULE);
        }
        c.polling = k.spec.idlePoll();
        k.acctSwitch(c);
        return false;
    }

    /** A polling idle CPU saw its flag change: leave the idle state (after the exit latency). */
    public void pollWake(Cpu c) {
        Task t = c.curr;
        if (t.isIdle && c.depth == 0 && t.k == K_IDLE && !c.segActive) {
            k.startSegment(c, costs.idleExitNs());
        }
    }

    // ================================================================== schedule()

    /**
     * Enter one of the schedule loops: schedule() (SV_SCHEDULE), preempt_schedule_common
     * (SV_PREEMPT), preempt_schedule_irq (SV_PREEMPT_IRQ), schedule_idle. The caller has set
     * {@link Task#kAfterSched}.
     */
    boolean schedule(Cpu c, Task t, int variant, int point) {
        t.schedVariant = variant;
        t.schedPoint = point;
        return scheduleLoopTop(c, t);
    }

    private boolean scheduleLoopTop(Cpu c, Task t) {
        switch (t.schedVariant) {
            case SV_SCHEDULE:
                k.preemptDisable(c);
                return scheduleEnter(c, t, Sched.SM_NONE);
            case SV_PREEMPT:
                // preempt_disable_notrace(); preempt_latency_start(1)
                if (k.preemptCountOn) {
                    c.preemptCount += 1;
                }
                if (k.preemptEvents && c.count() == 1) {
                    tp.preemptDisable(k.now, c);
                }
                return scheduleEnter(c, t, Sched.SM_PREEMPT);
            case SV_PREEMPT_IRQ:
                k.preemptDisable(c);
                t.k = K_PSI_SCHEDULE;
                if (k.localIrqEnable(c)) {
                    return false;
                }
                return scheduleEnter(c, t, Sched.SM_PREEMPT);
            case SV_IDLE:
                return scheduleEnter(c, t, Sched.SM_IDLE);
            default:
                throw new IllegalStateException("schedule variant " + t.schedVariant);
        }
    }

    /** __schedule(): schedule_debug, entry tracepoint, IRQs off, rq lock, then the pick. */
    private boolean scheduleEnter(Cpu c, Task t, int smode) {
        if (k.preemptCountOn && !t.isIdle && PreemptCount.inAtomicPreemptOff(c.preemptCount, 1)) {
            throw k.bug(String.format("BUG: scheduling while atomic: %s/%d/0x%08x",
                t.comm, t.pid, c.count()), c, t);
        }
        t.smode = smode;
        tp.schedEntry(k.now, c, smode == Sched.SM_PREEMPT);
        k.localIrqDisable(c);
        k.preemptDisable(c); // rq_lock
        t.k = K_SCHED_PICK;
        k.startSegment(c, costs.scheduleNs());
        return false;
    }

    /** After __schedule's pick cost: the decision, then either the switch or the same task. */
    private boolean schedulePick(Cpu c, Task prev) {
        Task next = sched().scheduleDecide(c, prev, prev.smode);
        if (next != prev) {
            if (prev.schedPoint != PreemptPoint.SCHEDULE && !prev.isIdle) {
                k.stats.preemptions[prev.schedPoint]++;
                tp.preemption(k.now, c, prev.schedPoint);
            }
            prev.k = prev.state == Task.TASK_DEAD && !prev.onRq ? K_DEAD : K_SWITCH;
            if (prev.heldLockCount > 0) {
                locks().ownerSwitchedOut(prev);
            }
            // next resumes inside its own __schedule (or ret_from_fork): the switch segment first.
            next.k = K_SWITCH;
            k.startSegment(c, costs.contextSwitchNs());
            return false;
        }
        // next == prev: raw_spin_rq_unlock_irq: IRQs back on first, then the lock's preempt count.
        prev.lastSwitch = false;
        prev.k = K_FINISH_UNLOCK;
        return !k.localIrqEnable(c);
    }

    /** finish_task_switch in next's context: rq unlock, IRQs on. */
    private boolean finishTaskSwitch(Cpu c, Task next) {
        next.lastSwitch = true;
        next.lastSwitchInNs = k.now;
        if (!next.isIdle) {
            next.refillDebtNs = costs.cacheRefillNs();
        }
        next.k = K_FINISH_UNLOCK;
        k.acctSwitch(c);
        // raw_spin_rq_unlock_irq: local_irq_enable() (pending interrupts land here, with the
        // rq lock's count still held), then preempt_enable() of the lock.
        return !k.localIrqEnable(c);
    }

    /** The rq unlock's preempt_enable, after its local_irq_enable. */
    private boolean finishUnlock(Cpu c, Task t) {
        k.preemptEnableNoResched(c);
        t.k = t.lastSwitch && t.schedVariant == SV_FORK ? K_FORK_TAIL : K_SCHED_EXIT;
        return true;
    }

    /** The end of __schedule (sched_exit tracepoint) and the tail of the loop that called it. */
    private boolean scheduleExit(Cpu c, Task t) {
        tp.schedExit(k.now, c, t.lastSwitch);
        switch (t.schedVariant) {
            case SV_SCHEDULE:
                k.preemptEnableNoResched(c); // sched_preempt_enable_no_resched
                if (Sched.needResched(c)) {
                    return scheduleLoopTop(c, t);
                }
                return returnFromSchedule(c, t);
            case SV_PREEMPT:
                // preempt_latency_stop(1); preempt_enable_no_resched_notrace()
                if (k.preemptEvents && c.count() == 1) {
                    tp.preemptEnable(k.now, c);
                }
                if (k.preemptCountOn) {
                    c.preemptCount -= 1;
                }
                if (Sched.needResched(c)) {
                    return scheduleLoopTop(c, t);
                }
                return returnFromSchedule(c, t);
            case SV_PREEMPT_IRQ:
                k.localIrqDisable(c);
                k.preemptEnableNoResched(c);
                if (Sched.needResched(c)) {
                    return scheduleLoopTop(c, t);
                }
                t.k = t.kAfterSched; // K_IRQ_RESUME: the refill is paid after the iret
                return true;
            case SV_IDLE:
                if (Sched.needResched(c)) {
                    return scheduleLoopTop(c, t);
                }
                t.k = t.kAfterSched;
                return true;
            default:
                throw new IllegalStateException("schedule variant " + t.schedVariant);
        }
    }

    /** Back in the caller of schedule: pay the cache refill a switch left, then go on. */
    private boolean returnFromSchedule(Cpu c, Task t) {
        t.k = t.kAfterSched;
        return payRefill(c, t);
    }

    /** The cache refill owed since the last switch-in, as preemptible work before t.k. */
    private boolean payRefill(Cpu c, Task t) {
        if (t.refillDebtNs > 0) {
            long refill = t.refillDebtNs;
            t.refillDebtNs = 0;
            t.kAfterRefill = t.k;
            t.k = K_REFILL;
            k.startSegment(c, refill);
            return false;
        }
        return true;
    }

    /**
     * ret_from_fork: schedule_tail emits sched_exit_tp(true) after finish_task_switch, as the end
     * of the __schedule that switched to the new task (kernel/sched/core.c), then its
     * preempt_enable (a preemption point), then the program.
     */
    private boolean forkTail(Cpu c, Task t) {
        tp.schedExit(k.now, c, true);
        t.schedVariant = SV_SCHEDULE;
        if (t.kthread) {
            t.kAfterSched = K_RUN;
        } else {
            // A user task returns to user space through the exit-to-user loop.
            t.kAfterUserExit = K_RUN;
            t.kAfterSched = K_USER_EXIT_REDISABLE;
        }
        t.k = t.kAfterSched;
        return preemptEnable(c, t);
    }

    // ================================================================== exit to user

    /** exit_to_user_mode_loop, entered with IRQs off. */
    private boolean exitToUserLoop(Cpu c, Task t) {
        if (t.tifNeedResched || t.tifNeedReschedLazy) {
            t.k = K_USER_EXIT_SCHED;
            return !k.localIrqEnable(c);
        }
        // Return to user space: IRQs on with the sysret/iret.
        t.user = true;
        t.k = t.kAfterUserExit;
        return !k.localIrqEnable(c);
    }

    // ================================================================== preemption points

    /**
     * preempt_enable(): the count drops; on a PREEMPTION build a raw count of 0 (count 0 and the
     * folded need-resched) calls __preempt_schedule, live only where the table says so. The caller
     * has advanced the task (t.k = K_RUN at the next step) before calling.
     */
    boolean preemptEnable(Cpu c, Task t) {
        if (!k.preemptCountOn) {
            return true;
        }
        k.preemptCountSub(c, 1);
        k.chargePreemptOp(c);
        if (!k.preemption) {
            return true;
        }
        k.chargeReschedCheck(c);
        if (c.preemptCount == 0 && k.row.preemptSchedule()) {
            return preemptSchedule(c, t, PreemptPoint.PREEMPT_ENABLE);
        }
        return true;
    }

    /** preempt_check_resched(): should_resched(0) -> __preempt_schedule. */
    boolean preemptCheckResched(Cpu c, Task t) {
        if (k.preemption && PreemptCount.shouldResched(c.preemptCount, 0) && k.row.preemptSchedule()) {
            return preemptSchedule(c, t, PreemptPoint.PREEMPT_ENABLE);
        }
        return true;
    }

    /** preempt_schedule(): only when preemptible(). */
    private boolean preemptSchedule(Cpu c, Task t, int point) {
        if (!PreemptCount.preemptible(c.preemptCount, c.irqsDisabled)) {
            return true;
        }
        t.kAfterSched = t.k;
        return schedule(c, t, SV_PREEMPT, point);
    }

    /** cond_resched(): the debug check, then _cond_resched where the table makes it live. */
    boolean condResched(Cpu c, Task t, int point, int offset) {
        mightResched(c, t, offset);
        if (point == PreemptPoint.MIGHT_RESCHED ? !k.row.mightResched() : !k.row.condResched()) {
            return true;
        }
        if (point == PreemptPoint.MIGHT_RESCHED) {
            k.stats.mightReschedCalls++;
            k.chargeDebt(c, costs.mightReschedNs());
        } else {
            k.stats.condReschedCalls++;
            k.chargeDebt(c, costs.condReschedNs());
        }
        // __cond_resched: should_resched(0) && !irqs_disabled()
        if (PreemptCount.shouldResched(c.preemptCount, 0) && !c.irqsDisabled) {
            t.kAfterSched = t.k;
            return schedule(c, t, SV_PREEMPT, point);
        }
        return true;
    }

    /** might_sleep(): __might_sleep's check, then might_resched(). */
    boolean mightSleep(Cpu c, Task t) {
        return condResched(c, t, PreemptPoint.MIGHT_RESCHED, 0);
    }

    void mightResched(Cpu c, Task t, int offset) {
        mightResched(c, t, offset, 0);
    }

    /**
     * __might_resched(file, line, offsets): "sleeping function called from invalid context"
     * (DEBUG_ATOMIC_SLEEP) unless the preempt count is the expected one, IRQs are on and, under
     * PREEMPT_RCU, the RCU read-side nesting is the expected one ({@code rcuExpected}, or -1 for
     * rtlocks, which may legitimately nest in an RCU read section: RTLOCK_RESCHED_OFFSETS).
     */
    void mightResched(Cpu c, Task t, int offset, int rcuExpected) {
        if (!k.debug) {
            return;
        }
        k.stats.debugChecks++;
        k.chargeDebt(c, costs.debugCheckNs());
        int rcuDepth = k.preemptRcu ? t.rcuReadLockNesting : 0;
        int rcuWant = rcuExpected < 0 ? rcuDepth : rcuExpected;
        if ((c.count() == offset && !c.irqsDisabled && rcuDepth == rcuWant) || t.isIdle) {
            return;
        }
        String rcu = k.preemptRcu ? String.format("%nRCU nest depth: %d, expected: %d", rcuDepth, rcuWant) : "";
        throw k.bug("BUG: sleeping function called from invalid context at " + t.prog.origin(t.stepPc),
            c, t, String.format("in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s%n"
                + "preempt_count: %x, expected: %x", c.count() != 0 ? 1 : 0, c.irqsDisabled ? 1 : 0,
                t.pid, t.comm, c.count(), offset) + rcu);
    }

    /** The segment owner code of a task-context softirq handler (PREEMPT_RT). */
    static final int SEG_SOFTIRQ = -1;

    // ---------------------------------------------------------------- entry points for kernel.locking

    /** A task-level segment of kernel work for {@code op}; the step continues at its phase after. */
    public boolean startWork(Cpu c, Task t, int op, long ns) {
        t.segOp = op;
        t.segWork = ns;
        startSeg(c, t, ns);
        return false;
    }

    public boolean preemptCheckReschedPublic(Cpu c, Task t) {
        return preemptCheckResched(c, t);
    }

    public void rcuReadLockPublic(Cpu c, Task t) {
        rcuReadLock(c, t);
    }

    public void rcuReadUnlockPublic(Cpu c, Task t) {
        if (k.preemptRcu) {
            rcuReadUnlock(c, t);
        } else {
            k.preemptEnableNoResched(c);
        }
    }

    /** migrate_disable(): the task stays on this CPU but remains preemptible. */
    public void migrateDisable(Cpu c, Task t) {
        t.migrationDisabled++;
    }

    public void migrateEnable(Cpu c, Task t) {
        t.migrationDisabled--;
    }

    /** The PREEMPT_RT local_bh_disable (spin_lock_bh of a spinlock_t on RT). */
    public boolean rtLocalBhDisablePublic(Cpu c, Task t) {
        return rtLocalBhDisable(c, t, PreemptCount.SOFTIRQ_DISABLE_OFFSET);
    }

    /** The PREEMPT_RT local_bh_enable (spin_unlock_bh on RT), at phases base and base + 1. */
    public boolean rtLocalBhEnablePublic(Cpu c, Task t, int phaseBase) {
        return rtLocalBhEnable(c, t, PreemptCount.SOFTIRQ_DISABLE_OFFSET, phaseBase);
    }

    // ---------------------------------------------------------------- PREEMPT_RT bottom halves

    /**
     * PREEMPT_RT __local_bh_disable_ip: a task's first BH disable takes the per-CPU
     * softirq_ctrl.lock (a sleeping lock: it may block, then this is called again) and an RCU read
     * section; the count is per CPU and mirrored in the task (softirq_count() is per task on RT).
     */
    boolean rtLocalBhDisable(Cpu c, Task t, int cnt) {
        boolean preemptible = PreemptCount.preemptible(c.preemptCount, c.irqsDisabled);
        if (t.softirqDisableCnt == 0 && !preemptible && c.softirqCtrlCnt != 0 && k.debug) {
            // A non-preemptible first BH disable while a preempted task holds this CPU's BH lock:
            // the per-CPU count would be shared between two tasks.
            throw k.bug("WARNING: DEBUG_LOCKS_WARN_ON(this_cpu_read(softirq_ctrl.cnt))", c, t,
                "local_bh_disable() from a non-preemptible context while another task on this CPU is in a"
                    + " bottom-half disabled section (kernel/softirq.c, PREEMPT_RT)");
        }
        if (t.softirqDisableCnt == 0 && preemptible) {
            // local_lock(&softirq_ctrl.lock) on RT: migrate_disable, then this CPU's rtlock (which
            // may block: then this runs again, already pinned).
            if (!t.bhLocking) {
                migrateDisable(c, t);
                t.bhLocking = true;
            }
            if (!locks().bhLockAcquire(c, t)) {
                return false;
            }
            t.bhLocking = false;
            rcuReadLock(c, t);     // rt_spin_lock's RCU read section
            migrateDisable(c, t);  // and its migrate_disable
            rcuReadLock(c, t);     // "Required to meet the RCU bottomhalf requirements."
        }
        c.softirqCtrlCnt += cnt;
        t.softirqDisableCnt = c.softirqCtrlCnt;
        return true;
    }

    /**
     * PREEMPT_RT __local_bh_enable_ip: the outermost enable runs pending softirqs in this task
     * (preemptible, in_serving_softirq) or, from a non-preemptible context, wakes ksoftirqd; then
     * the per-CPU lock is released. Phases {@code base} (start) and {@code base + 1} (after the
     * softirqs) of the calling step.
     */
    boolean rtLocalBhEnable(Cpu c, Task t, int cnt, int base) {
        return rtLocalBhEnable(c, t, cnt, base, 0, true);
    }

    /** As above; when done the step continues at {@code donePhase}, advancing pc if {@code advance}. */
    boolean rtLocalBhEnable(Cpu c, Task t, int cnt, int base, int donePhase, boolean advance) {
        boolean preemptOn = PreemptCount.preemptible(c.preemptCount, c.irqsDisabled);
        if (t.phase == base) {
            if (t.softirqDisableCnt < cnt) {
                throw k.bug("WARNING: local_bh_enable() without local_bh_disable() (softirq count underflow)", c, t);
            }
            if (c.softirqCtrlCnt == cnt && c.softirqPending != 0) {
                if (!preemptOn) {
                    irq().wakeupSoftirqdPublic(c);
                } else {
                    // "Adjust softirq count to SOFTIRQ_OFFSET which makes in_serving_softirq() become true."
                    c.softirqCtrlCnt -= cnt - PreemptCount.SOFTIRQ_OFFSET;
                    t.softirqDisableCnt = c.softirqCtrlCnt;
                    t.phase = base + 1;
                    startRtSoftirqs(c, t);
                    return true;
                }
            }
        } else {
            cnt = PreemptCount.SOFTIRQ_OFFSET;
        }
        c.softirqCtrlCnt -= cnt;
        t.softirqDisableCnt = c.softirqCtrlCnt;
        t.phase = donePhase;
        if (advance) {
            t.pc++;
        }
        t.k = K_RUN;
        if (c.softirqCtrlCnt == 0 && preemptOn) {
            rtBhUnlock(c, t);
        }
        return preemptCheckResched(c, t);
    }

    /** rcu_read_unlock, then local_unlock(&softirq_ctrl.lock): rt_spin_unlock and migrate_enable. */
    private void rtBhUnlock(Cpu c, Task t) {
        rcuReadUnlockPublic(c, t);
        migrateEnable(c, t);
        rcuReadUnlockPublic(c, t);
        locks().bhLockRelease(c, t);
        migrateEnable(c, t);
    }

    /** handle_softirqs in task context: the handlers run as this task's preemptible work. */
    void startRtSoftirqs(Cpu c, Task t) {
        t.sirqRestart = org.preemptsim.kernel.irq.Softirq.MAX_RESTART;
        t.sirqEnd = k.now / k.tickNs + org.preemptsim.kernel.irq.Softirq.maxTimeJiffies(k.spec.hz());
        t.sirqPending = -1;
        t.servingSoftirq = true;
        k.stats.softirqRuns++;
        t.k = K_RT_SOFTIRQ;
    }

    private boolean rtSoftirq(Cpu c, Task t) {
        if (t.sirqPending == -1) {
            t.sirqPending = c.softirqPending;
            c.softirqPending = 0;
        }
        if (t.sirqPending != 0) {
            int vec = Integer.numberOfTrailingZeros(t.sirqPending);
            t.sirqPending &= ~(1 << vec);
            t.sirqVec = vec;
            tp.softirqEntry(k.now, c, vec);
            long work = c.softirqWorkNs[vec];
            c.softirqWorkNs[vec] = 0;
            if (vec == org.preemptsim.kernel.irq.Softirq.SCHED) {
                sched().rebalance(c);
                work += costs.balanceNs();
            } else if (vec == org.preemptsim.kernel.irq.Softirq.HRTIMER) {
                work += irq().runSoftHrtimers(c);
            }
            t.segOp = SEG_SOFTIRQ;
            t.segWork = work;
            startSeg(c, t, work);
            return false;
        }
        if (c.softirqPending != 0) {
            if (k.now / k.tickNs < t.sirqEnd && !Sched.needResched(c) && --t.sirqRestart > 0) {
                t.sirqPending = -1;
                return true;
            }
            irq().wakeupSoftirqdPublic(c);
        }
        t.servingSoftirq = false;
        t.k = K_RUN;
        return true;
    }

    public boolean preemptEnablePublic(Cpu c, Task t) {
        return preemptEnable(c, t);
    }

    /** The non-RT __local_bh_enable_ip(cnt) (spin_unlock_bh). */
    public boolean localBhEnableNonRt(Cpu c, Task t, int cnt) {
        return localBhEnable(c, t, cnt);
    }

    public boolean condReschedPublic(Cpu c, Task t) {
        return condResched(c, t, PreemptPoint.COND_RESCHED, 0);
    }

    /** rtlock_might_resched(): preempt count 0, any RCU nesting (RTLOCK_RESCHED_OFFSETS). */
    public void rtlockMightResched(Cpu c, Task t) {
        mightResched(c, t, 0, -1);
    }

    /** cond_resched_lock's check: PREEMPT_LOCK_RESCHED_OFFSETS (on RT the lock's RCU nesting too). */
    public void condReschedLockMightResched(Cpu c, Task t, int lockOffset) {
        mightResched(c, t, lockOffset, k.build.rt() ? 1 : 0);
    }

    public boolean mightSleepPublic(Cpu c, Task t) {
        return mightSleep(c, t);
    }

    public void setCurrentStatePublic(Cpu c, Task t, int state) {
        setCurrentState(c, t, state);
    }

    /** schedule() from a blocking primitive; the caller left t.k = K_RUN at its retry phase. */
    public boolean schedulePublic(Cpu c, Task t, int point) {
        t.kAfterSched = t.k;
        return schedule(c, t, SV_SCHEDULE, point);
    }

    // ================================================================== program steps

    /** Execute the step at t.pc (phase t.phase). */
    private boolean step(Cpu c, Task t) {
        Program p = t.prog;
        if (t.pc >= p.length()) {
            return doExit(c, t);
        }
        int op = p.op(t.pc);
        t.stepPc = t.pc;
        if (++stepsThisInstant > LIVELOCK_STEPS) {
            throw k.bug("preemptsim: livelock: " + LIVELOCK_STEPS + " program steps at one instant without spending time"
                + " (a loop whose steps all take zero time?)", c, t);
        }
        switch (op) {
            case Op.USER:
                t.pc++;
                t.k = K_SEG;
                t.segOp = Op.USER;
                t.segWork = duration(t, t.pc - 1);
                startSeg(c, t, t.segWork);
                return false;
            case Op.SYSCALL_ENTER:
                t.user = false;
                t.syscallNr = p.c(t.pc);
                k.chargeDebt(c, costs.syscallNs());
                t.pc++;
                return true;
            case Op.SYSCALL_EXIT:
                return syscallExit(c, t);
            case Op.KWORK:
                return kwork(c, t, p);
            case Op.PREEMPT_DISABLE:
                k.preemptDisable(c);
                t.pc++;
                return true;
            case Op.PREEMPT_ENABLE:
                t.pc++;
                return preemptEnable(c, t);
            case Op.IRQ_DISABLE:
                k.localIrqDisable(c);
                t.pc++;
                return true;
            case Op.IRQ_ENABLE:
                t.pc++;
                return !k.localIrqEnable(c);
            case Op.SPIN_LOCK:
                return locks().lockStep(c, t, p.c(t.pc), p.d(t.pc));
            case Op.SPIN_UNLOCK:
                return locks().unlockStep(c, t, p.c(t.pc), p.d(t.pc));
            case Op.COND_RESCHED:
                t.pc++;
                return condResched(c, t, PreemptPoint.COND_RESCHED, 0);
            case Op.MIGHT_SLEEP:
                t.pc++;
                return mightSleep(c, t);
            case Op.PERIODIC_WAIT:
                return periodicStep(c, t, p.a(t.pc));
            case Op.WAIT:
                return locks().waitStep(c, t, p.c(t.pc));
            case Op.WAKE:
                k.chargeDebt(c, costs.ttwuNs());
                locks().wake(p.c(t.pc), (int) p.a(t.pc));
                t.pc++;
                // The wakeup's preempt_enable: a local wakee that should run preempts here.
                return preemptCheckResched(c, t);
            case Op.LOOP: {
                long n = p.a(t.pc);
                t.loopLeft[t.loopDepth++] = n == 0 ? Long.MAX_VALUE : n;
                t.pc++;
                return true;
            }
            case Op.END_LOOP: {
                int d = t.loopDepth - 1;
                if (t.loopLeft[d] != Long.MAX_VALUE) {
                    t.loopLeft[d]--;
                }
                if (t.loopLeft[d] > 0) {
                    t.pc = p.match(t.pc) + 1;
                } else {
                    t.loopDepth--;
                    t.pc++;
                }
                return true;
            }
            case Op.SCHEDULE:
                t.pc++;
                t.kAfterSched = K_RUN;
                return schedule(c, t, SV_SCHEDULE, PreemptPoint.SCHEDULE);
            default:
                return stepCold(c, t, p, op);
        }
    }

    /** The steps a hot loop rarely meets, out of {@link #step} so that it stays small enough to inline. */
    private boolean stepCold(Cpu c, Task t, Program p, int op) {
        switch (op) {
            case Op.IRQ_SAVE:
                if (t.irqSaveDepth >= 63) {
                    throw k.bug("BUG: local_irq_save nested too deep", c, t);
                }
                t.irqSaveStack = (t.irqSaveStack << 1) | (c.irqsDisabled ? 1 : 0);
                t.irqSaveDepth++;
                k.localIrqDisable(c);
                t.pc++;
                return true;
            case Op.IRQ_RESTORE:
                return irqRestore(c, t);
            case Op.BH_DISABLE:
                if (k.build.rt()) {
                    if (!rtLocalBhDisable(c, t, PreemptCount.SOFTIRQ_DISABLE_OFFSET)) {
                        return false;
                    }
                } else {
                    k.localBhDisable(c, PreemptCount.SOFTIRQ_DISABLE_OFFSET);
                }
                t.pc++;
                return true;
            case Op.BH_ENABLE:
                if (k.build.rt()) {
                    return rtLocalBhEnable(c, t, PreemptCount.SOFTIRQ_DISABLE_OFFSET, 0);
                }
                return localBhEnable(c, t, PreemptCount.SOFTIRQ_DISABLE_OFFSET);
            case Op.READ_LOCK:
                return locks().readLockStep(c, t, p.c(t.pc), p.d(t.pc));
            case Op.READ_UNLOCK:
                return locks().readUnlockStep(c, t, p.c(t.pc), p.d(t.pc));
            case Op.SEQ_READ:
                return locks().seqReadStep(c, t, p.c(t.pc), duration(t, t.pc));
            case Op.MIGRATE_DISABLE:
                migrateDisable(c, t);
                t.pc++;
                return true;
            case Op.MIGRATE_ENABLE:
                if (t.migrationDisabled == 0) {
                    throw k.bug("WARNING: migrate_enable() without migrate_disable()", c, t);
                }
                migrateEnable(c, t);
                t.pc++;
                return true;
            case Op.COND_RESCHED_LOCK:
                return locks().condReschedLockStep(c, t, p.c(t.pc));
            case Op.RCU_READ_LOCK:
                t.pc++;
                rcuReadLock(c, t);
                return true;
            case Op.RCU_READ_UNLOCK:
                t.pc++;
                return rcuReadUnlock(c, t);
            case Op.COND_RESCHED_RCU:
                return condReschedRcu(c, t);
            case Op.SLEEP:
                return sleepStep(c, t, -1);
            case Op.SLEEP_UNTIL:
                return sleepStep(c, t, p.a(t.pc));
            case Op.EXIT:
                return doExit(c, t);
            case Op.SET_PREEMPT_MODE:
                k.setMode(Mode.values()[p.c(t.pc)], c, t);
                t.pc++;
                return true;
            case Op.KSOFTIRQD:
                return ksoftirqdStep(c, t);
            case Op.IRQ_THREAD:
                return irqThreadWait(c, t);
            case Op.IRQ_THREAD_WORK:
                return irqThreadWork(c, t, p.c(t.pc));
            case Op.IRQ_THREAD_DONE:
                t.pc++;
                return !irq().unmask(c, p.c(t.pc - 1));
            case Op.KTIMERS:
                return ktimersStep(c, t);
            case Op.JOB_DONE:
                // A measurement point only: no cost, no state change.
                tp.jobDone(k.now, c, t, t.periodicExpiryNs != 0 ? t.periodicExpiryNs : t.releaseNs, p.a(t.pc));
                t.pc++;
                return true;
            default:
                throw new IllegalStateException("unknown op " + op);
        }
    }

    private long duration(Task t, int pc) {
        int di = t.prog.dist(pc);
        return di < 0 ? t.prog.a(pc) : t.samplers[di].sample();
    }

    /** A task-level segment of an op completed. */
    private boolean opSegmentDone(Cpu c, Task t) {
        switch (t.segOp) {
            case Op.USER:
                t.k = K_RUN;
                return true;
            case Op.KWORK: {
                long chunk = t.segWork;
                t.kworkLeftNs -= chunk;
                t.sinceCondReschedNs += chunk;
                t.sinceMightSleepNs += chunk;
                t.phase = 2;
                t.k = K_RUN;
                // The step goes on at once: its own code, not the interpreter's dispatch.
                return kwork(c, t, t.prog);
            }
            case Op.SYSCALL_EXIT:
                // The syscall's costs are paid: leave the kernel at once (phase 1 of the sysret step).
                t.k = K_RUN;
                return syscallExit(c, t);
            case Op.SLEEP:
            case Op.SEQ_READ:
                t.k = K_RUN;
                return true;
            case SEG_SOFTIRQ:
                tp.softirqExit(k.now, c, t.sirqVec);
                t.k = K_RT_SOFTIRQ;
                return true;
            case Op.IRQ_THREAD:
                t.k = K_RUN;
                return true;
            default:
                throw new IllegalStateException("segment of op " + t.segOp);
        }
    }

    // ---------------------------------------------------------------- syscalls

    private boolean syscallExit(Cpu c, Task t) {
        if (t.phase == 0 && c.debtNs > 0) {
            // Pay the kernel-side costs this syscall accrued before leaving the kernel.
            t.phase = 1;
            t.segOp = Op.SYSCALL_EXIT;
            t.segWork = 0;
            startSeg(c, t, 0);
            return false;
        }
        t.phase = 0;
        if (k.debug) {
            if (t.heldLockCount > 0) {
                throw k.bug("WARNING: lock held when returning to user space!", c, t,
                    String.format("%s/%d is leaving the kernel with locks still held!%n1 lock held by %s/%d: %s",
                        t.comm, t.pid, t.comm, t.pid, locks().name(t.heldLocks[t.heldLockCount - 1])));
            }
            if (c.irqsDisabled) {
                throw k.bug("WARNING: syscall " + t.syscallNr + " left IRQs disabled", c, t);
            }
        }
        t.pc++;
        t.kAfterUserExit = K_RUN;
        k.localIrqDisable(c);
        t.k = K_USER_EXIT;
        return true;
    }

    // ---------------------------------------------------------------- kernel work

    /**
     * Kernel work with cond_resched() every b ns and might_sleep() every e ns of work. The
     * cadences run across steps (a loop calling cond_resched each iteration), reset at syscall
     * entry only by the program's own structure.
     */
    private boolean kwork(Cpu c, Task t, Program p) {
        int pc = t.pc;
        long crEvery = p.b(pc);
        long msEvery = p.e(pc);
        // Straight-line phases (0 start, 1 next chunk, 2 might_sleep due, 3 cond_resched due),
        // re-entered at t.phase after a chunk or a schedule.
        int phase = t.phase;
        if (phase == 0) {
            t.kworkLeftNs = duration(t, pc);
            chargeSection(c, p.c(pc), p.d(pc));
            t.phase = 1;
            phase = 1;
        }
        while (true) {
            if (phase == 1) {
                long left = t.kworkLeftNs;
                if (left <= 0) {
                    t.phase = 0;
                    t.pc++;
                    return true;
                }
                long chunk = left;
                if (crEvery > 0) {
                    chunk = Math.min(chunk, Math.max(0, crEvery - t.sinceCondReschedNs));
                }
                if (msEvery > 0) {
                    chunk = Math.min(chunk, Math.max(0, msEvery - t.sinceMightSleepNs));
                }
                if (chunk != 0) {
                    t.segOp = Op.KWORK;
                    t.segWork = chunk;
                    startSeg(c, t, chunk);
                    return false;
                }
                t.phase = 2;
                phase = 2;
            }
            if (phase == 2) {
                t.phase = 3;
                if (msEvery > 0 && t.sinceMightSleepNs >= msEvery) {
                    t.sinceMightSleepNs = 0;
                    t.k = K_RUN;
                    if (!mightSleep(c, t)) {
                        return false;
                    }
                }
            } else if (phase != 3) {
                throw new IllegalStateException("kwork phase " + t.phase);
            }
            t.phase = 1;
            phase = 1;
            if (crEvery > 0 && t.sinceCondReschedNs >= crEvery) {
                t.sinceCondReschedNs = 0;
                t.k = K_RUN;
                if (!condResched(c, t, PreemptPoint.COND_RESCHED, 0)) {
                    return false;
                }
            }
        }
    }

    /**
     * The preemptibility operations a kernel section executes, priced by the build:
     * preempt_disable/enable pairs keep a count only with PREEMPT_COUNT and test for a resched
     * only with PREEMPTION; RCU read sections are a nesting count under PREEMPT_RCU and a counted
     * preempt_disable otherwise; PREEMPT_COUNT builds pay for the code the checks make worse.
     */
    private void chargeSection(Cpu c, int preemptPairs, int rcuSections) {
        int disablePairs = preemptPairs;
        Stats st = k.stats;
        long debt = 0;
        if (k.preemptRcu) {
            st.rcuReadOps += 2L * rcuSections;
            debt += 2L * rcuSections * costs.rcuReadOpNs();
        } else {
            disablePairs += rcuSections;
        }
        if (k.preemptCountOn) {
            st.preemptCountOps += 2L * disablePairs;
            debt += 2L * disablePairs * costs.preemptCountOpNs();
            st.preemptCodeSections++;
            debt += costs.preemptCodeNs();
            if (k.preemption) {
                st.reschedChecks += disablePairs;
                debt += disablePairs * costs.reschedCheckNs();
            }
        }
        k.chargeDebt(c, debt);
    }

    // ---------------------------------------------------------------- IRQ flags and BH

    private boolean irqRestore(Cpu c, Task t) {
        if (t.irqSaveDepth == 0) {
            throw k.bug("WARNING: local_irq_restore() without local_irq_save()", c, t);
        }
        boolean wasDisabled = (t.irqSaveStack & 1) != 0;
        t.irqSaveStack >>>= 1;
        t.irqSaveDepth--;
        t.pc++;
        if (!wasDisabled) {
            return !k.localIrqEnable(c);
        }
        k.localIrqDisable(c);
        return true;
    }

    /**
     * __local_bh_enable_ip(cnt): drop all but one of the count, run pending softirqs (not in
     * interrupt), drop the last one, then preempt_check_resched(). Phase 1 is after the softirqs.
     */
    boolean localBhEnable(Cpu c, Task t, int cnt) {
        if (t.phase == 0) {
            if (PreemptCount.softirqCount(c.preemptCount) < PreemptCount.SOFTIRQ_DISABLE_OFFSET) {
                throw k.bug("WARNING: local_bh_enable() without local_bh_disable() (softirq count underflow)", c, t);
            }
            c.preemptCount -= cnt - 1;
            t.phase = 1;
            if (!PreemptCount.inInterrupt(c.preemptCount) && c.softirqPending != 0) {
                // do_softirq(): local_irq_save, __do_softirq, local_irq_restore.
                t.bhSavedIrqsDisabled = c.irqsDisabled;
                k.localIrqDisable(c);
                t.phase = 2;
                t.k = K_RUN;
                irq().doSoftirq(c, true);
                irq().frameSegmentDone(c);
                return false;
            }
        }
        if (t.phase == 2) {
            t.phase = 1;
            if (!t.bhSavedIrqsDisabled && k.localIrqEnable(c)) {
                return false;
            }
        }
        t.phase = 0;
        t.pc++;
        // preempt_count_dec(): the last PREEMPT_OFFSET, traced.
        k.preemptCountSub(c, 1);
        return preemptCheckResched(c, t);
    }

    // ---------------------------------------------------------------- RCU

    void rcuReadLock(Cpu c, Task t) {
        if (k.preemptRcu) {
            t.rcuReadLockNesting++;
            k.stats.rcuReadOps++;
            k.chargeDebt(c, costs.rcuReadOpNs());
        } else {
            k.preemptDisable(c);
        }
    }

    boolean rcuReadUnlock(Cpu c, Task t) {
        if (k.preemptRcu) {
            if (t.rcuReadLockNesting == 0) {
                throw k.bug("WARNING: rcu_read_unlock() without rcu_read_lock()", c, t);
            }
            t.rcuReadLockNesting--;
            k.stats.rcuReadOps++;
            k.chargeDebt(c, costs.rcuReadOpNs());
            return true;
        }
        return preemptEnable(c, t);
    }

    /** cond_resched_rcu(): empty under PREEMPT_RCU unless the debug checks are built in. */
    private boolean condReschedRcu(Cpu c, Task t) {
        if (k.preemptRcu && !k.debug) {
            t.pc++;
            return true;
        }
        switch (t.phase) {
            case 0:
                t.phase = 1;
                if (!rcuReadUnlock(c, t)) {
                    return false;
                }
                // fall through
            case 1:
                t.phase = 2;
                if (!condResched(c, t, PreemptPoint.COND_RESCHED, 0)) {
                    return false;
                }
                // fall through
            default:
                t.phase = 0;
                t.pc++;
                rcuReadLock(c, t);
                return true;
        }
    }

    // ---------------------------------------------------------------- sleeping

    /** nanosleep / clock_nanosleep(TIMER_ABSTIME): set the state, arm the hrtimer, schedule(). */
    private boolean sleepStep(Cpu c, Task t, long absNs) {
        if (t.phase == 0) {
            long expiry = absNs >= 0 ? absNs : k.now + duration(t, t.pc);
            if (expiry <= k.now) {
                t.pc++;
                return true;
            }
            setCurrentState(c, t, Task.TASK_INTERRUPTIBLE);
            irq().hrtimerStart(t, c, expiry);
            t.phase = 1;
            t.kAfterSched = K_RUN;
            return schedule(c, t, SV_SCHEDULE, PreemptPoint.SCHEDULE);
        }
        t.phase = 0;
        t.pc++;
        return true;
    }

    /**
     * cyclictest's loop body: clock_nanosleep(TIMER_ABSTIME, next); latency = now - next;
     * next += interval. The sample is taken when the task runs its own code again.
     */
    private boolean periodicStep(Cpu c, Task t, long period) {
        if (t.phase == 0) {
            if (t.nextReleaseNs == 0) {
                t.nextReleaseNs = t.releaseNs + period;
            }
            long expiry = t.nextReleaseNs;
            t.periodicExpiryNs = expiry;
            t.nextReleaseNs += period;
            t.phase = 1;
            if (expiry <= k.now) {
                // Overrun: clock_nanosleep returns at once; catch up as cyclictest does.
                while (t.nextReleaseNs <= k.now) {
                    t.nextReleaseNs += period;
                    t.overruns++;
                }
                return true;
            }
            setCurrentState(c, t, Task.TASK_INTERRUPTIBLE);
            irq().hrtimerStart(t, c, expiry);
            t.kAfterSched = K_RUN;
            return schedule(c, t, SV_SCHEDULE, PreemptPoint.SCHEDULE);
        }
        tp.latencySample(k.now, c, t, t.periodicExpiryNs);
        t.phase = 0;
        t.pc++;
        return true;
    }

    /** set_current_state(): the bare sched_set_state tracepoint and the state change. */
    void setCurrentState(Cpu c, Task t, int state) {
        tp.schedSetState(k.now, c, t, state);
        t.state = state;
    }

    // ---------------------------------------------------------------- exit and kthreads

    private boolean doExit(Cpu c, Task t) {
        if (k.debug && t.heldLockCount > 0) {
            throw k.bug("WARNING: lock held when returning to user space!", c, t,
                t.comm + "/" + t.pid + " is exiting with locks still held!");
        }
        t.user = false;
        setCurrentState(c, t, Task.TASK_DEAD);
        t.kAfterSched = K_DEAD;
        return schedule(c, t, SV_SCHEDULE, PreemptPoint.SCHEDULE);
    }

    /** smpboot_thread_fn + run_ksoftirqd. */
    private boolean ksoftirqdStep(Cpu c, Task t) {
        if (k.build.rt()) {
            return rtKsoftirqdStep(c, t);
        }
        switch (t.phase) {
            case 0:
                if (c.softirqPending == 0) {
                    return sleepInLoop(c, t);
                }
                // ksoftirqd_run_begin: local_irq_disable; handle_softirqs(true).
                k.localIrqDisable(c);
                t.phase = 1;
                t.k = K_RUN;
                irq().doSoftirq(c, true);
                irq().frameSegmentDone(c);
                return false;
            case 1:
                t.phase = 2;
                if (k.localIrqEnable(c)) { // ksoftirqd_run_end
                    return false;
                }
                // fall through
            default:
                t.phase = 0;
                return condResched(c, t, PreemptPoint.COND_RESCHED, 0);
        }
    }

    /**
     * PREEMPT_RT run_ksoftirqd: ksoftirqd_run_begin (__local_bh_disable_ip(SOFTIRQ_OFFSET), which
     * takes the BH lock, and local_irq_disable), handle_softirqs in task context, ksoftirqd_run_end,
     * cond_resched.
     */
    private boolean rtKsoftirqdStep(Cpu c, Task t) {
        switch (t.phase) {
            case 0:
                if (c.softirqPending == 0) {
                    return sleepInLoop(c, t);
                }
                if (!rtLocalBhDisable(c, t, PreemptCount.SOFTIRQ_OFFSET)) {
                    return false;
                }
                t.phase = 1;
                startRtSoftirqs(c, t);
                return true;
            case 1:
                rtRunEnd(c, t);
                t.k = K_RUN;
                return condResched(c, t, PreemptPoint.COND_RESCHED, 0);
            default:
                throw new IllegalStateException("ksoftirqd phase " + t.phase);
        }
    }

    /**
     * A kernel thread's loop with nothing to do: set_current_state(TASK_INTERRUPTIBLE), schedule(),
     * and the same step again when woken (ksoftirqd, ktimers, an IRQ thread).
     */
    private boolean sleepInLoop(Cpu c, Task t) {
        setCurrentState(c, t, Task.TASK_INTERRUPTIBLE);
        t.kAfterSched = K_RUN;
        return schedule(c, t, SV_SCHEDULE, PreemptPoint.SCHEDULE);
    }

    /**
     * PREEMPT_RT ksoftirqd_run_end (also ktimers'): __local_bh_enable(SOFTIRQ_OFFSET, true), which
     * drops the BH lock when the count reaches 0; the thread's step starts over.
     */
    private void rtRunEnd(Cpu c, Task t) {
        c.softirqCtrlCnt -= PreemptCount.SOFTIRQ_OFFSET;
        t.softirqDisableCnt = c.softirqCtrlCnt;
        if (c.softirqCtrlCnt == 0) {
            rtBhUnlock(c, t);
        }
        t.phase = 0;
    }

    /** irq_wait_for_interrupt: sleep until the primary handler set IRQTF_RUNTHREAD. */
    private boolean irqThreadWait(Cpu c, Task t) {
        if (!t.runThread) {
            return sleepInLoop(c, t);
        }
        t.runThread = false;
        t.pc++;
        return true;
    }

    /** The threaded handler: its effects (raise its softirq with BH disabled, wake), then its work. */
    private boolean irqThreadWork(Cpu c, Task t, int s) {
        irq().threadHandlerEffects(c, s);
        t.pc++;
        t.segOp = Op.IRQ_THREAD;
        t.segWork = irq().takeThreadWork(s);
        startSeg(c, t, t.segWork);
        return false;
    }

    /**
     * run_ktimerd: the TIMER/HRTIMER softirqs raised for this thread are or-ed into the pending
     * set and handled with BH disabled, as ksoftirqd does.
     */
    private boolean ktimersStep(Cpu c, Task t) {
        switch (t.phase) {
            case 0:
                if (c.pendingTimerSoftirq == 0) {
                    return sleepInLoop(c, t);
                }
                if (!rtLocalBhDisable(c, t, PreemptCount.SOFTIRQ_OFFSET)) {
                    return false;
                }
                c.softirqPending |= c.pendingTimerSoftirq;
                c.pendingTimerSoftirq = 0;
                t.phase = 1;
                startRtSoftirqs(c, t);
                return true;
            case 1:
                rtRunEnd(c, t);
                t.k = K_RUN;
                return true;
            default:
                throw new IllegalStateException("ktimers phase " + t.phase);
        }
    }
}
