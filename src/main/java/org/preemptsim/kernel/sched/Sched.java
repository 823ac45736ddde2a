package org.preemptsim.kernel.sched;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Kernel;
import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.PreemptCount;
import org.preemptsim.kernel.Task;
import org.preemptsim.trace.TraceSink;

/**
 * kernel/sched/core.c: resched_curr, try_to_wake_up, the decision half of __schedule, sched_tick,
 * and SMP placement (select_task_rq, RT push/pull, fair balancing).
 *
 * <p>"The local CPU" is {@link Kernel#self}: the CPU whose code is executing.
 */
public final class Sched {

    public static final int SM_IDLE = -1;
    public static final int SM_NONE = 0;
    public static final int SM_PREEMPT = 1;

    /** TASK_REPORT_MAX, shown as "R+" in sched_switch: the task was preempted. */
    public static final int PREV_STATE_PREEMPTED = -1;

    public final Kernel k;
    public final Rq[] rqs;
    final RtClass rt;
    final FairClass fair;
    final IdleClass idle;
    final long tickNs;
    final int nrCpus;
    final TraceSink tp;
    /** Fair load balancing interval (sd->balance_interval for a busy CPU, simplified). */
    final long balanceIntervalNs;
    /** Per CPU, the CPUs sharing its last-level cache, ascending: select_idle_sibling's scan. */
    private final int[][] llcCpus;

    public Sched(Kernel k, long baseSliceNs, long tickNs) {
        this.k = k;
        this.tp = k.tp;
        this.tickNs = tickNs;
        this.nrCpus = k.cpus.length;
        this.rt = new RtClass(this);
        this.fair = new FairClass(this);
        this.idle = new IdleClass(this);
        int factorCpus = Math.min(nrCpus, 8);
        int factor = 1 + (31 - Integer.numberOfLeadingZeros(factorCpus)); // 1 + ilog2(min(ncpus, 8))
        CfsRq.Params params = new CfsRq.Params(baseSliceNs * factor, tickNs, true, true, true, true);
        this.rqs = new Rq[nrCpus];
        for (int i = 0; i < nrCpus; i++) {
            rqs[i] = new Rq(k.cpus[i], nrCpus, params);
            rqs[i].cfs.sched = this;
            rqs[i].cfs.rq = rqs[i];
        }
        this.balanceIntervalNs = Math.max(4 * tickNs, 4_000_000L);
        this.llcCpus = new int[nrCpus][];
        for (int i = 0; i < nrCpus; i++) {
            int n = 0;
            for (int c = 0; c < nrCpus; c++) {
                n += k.cpus[c].llc == k.cpus[i].llc ? 1 : 0;
            }
            int[] same = new int[n];
            n = 0;
            for (int c = 0; c < nrCpus; c++) {
                if (k.cpus[c].llc == k.cpus[i].llc) {
                    same[n++] = c;
                }
            }
            llcCpus[i] = same;
        }
    }

    /** sysctl_sched_base_slice after boot scaling. */
    public long baseSliceNs() {
        return rqs[0].cfs.params.baseSliceNs();
    }

    SchedClass classOf(Task p) {
        switch (p.schedClass) {
            case Task.CLASS_RT:
                return rt;
            case Task.CLASS_FAIR:
                return fair;
            default:
                return idle;
        }
    }

    // ------------------------------------------------------------------ priorities

    /** __setscheduler_params + set_load_weight: static/normal prio, class, weight. */
    public void setSchedParams(Task p, Policy policy, int rtPriority, int nice) {
        p.policy = policy;
        p.rtPriority = rtPriority;
        p.nice = nice;
        p.staticPrio = 120 + nice;
        p.normalPrio = policy.rt() ? 99 - rtPriority : p.staticPrio;
        p.prio = p.normalPrio;
        p.schedClass = policy.rt() ? Task.CLASS_RT : Task.CLASS_FAIR;
        p.weight = policy == Policy.SCHED_IDLE ? CfsRq.WEIGHT_IDLEPRIO : CfsRq.PRIO_TO_WEIGHT[nice + 20];
        p.rtTimeSliceNs = RtClass.RR_TIMESLICE_NS;
        p.slice = baseSliceNs();
    }

    /**
     * rt_mutex_setprio: p runs at {@code prio} (a PI boost or its end). The class follows the prio
     * (a fair task boosted to an rt prio runs in the rt class); a queued task is requeued (at the
     * head when its prio drops), a running one gets the preemption checks of prio_changed.
     */
    public void rtMutexSetprio(Task p, int prio) {
        int oldPrio = p.prio;
        if (prio == oldPrio) {
            return;
        }
        tp.schedPiSetprio(k.now, k.self, p, oldPrio, prio);
        k.stats.piSetprio++;
        if (prio < p.normalPrio && p.boostSinceNs == 0) {
            p.boostSinceNs = k.now;
            k.stats.piBoosts++;
        } else if (prio == p.normalPrio && p.boostSinceNs != 0) {
            k.stats.longestBoostNs = Math.max(k.stats.longestBoostNs, k.now - p.boostSinceNs);
            p.boostSinceNs = 0;
        }
        Rq rq = rqs[p.cpu];
        boolean queued = p.onRq;
        boolean running = rq.curr() == p;
        int oldClass = p.schedClass;
        if (queued) {
            dequeueTask(rq, p, false);
        }
        if (running) {
            classOf(p).putPrev(rq, p);
        }
        p.prio = prio;
        p.schedClass = prio < 100 ? Task.CLASS_RT : Task.CLASS_FAIR;
        if (queued) {
            enqueueTask(rq, p, false, oldPrio < prio && p.rt());
        }
        if (running) {
            classOf(p).setNext(rq, p);
        }
        if (!queued) {
            return;
        }
        // check_class_changed: switched_from/switched_to on a class change, else prio_changed.
        if (p.schedClass != oldClass) {
            if (oldClass == Task.CLASS_RT && rq.rt.nrRunning == 0) {
                pullRtTask(rq); // switched_from_rt
            }
            if (p.fair()) {
                // switched_to_fair
                if (running) {
                    reschedCurr(rq);
                } else {
                    wakeupPreempt(rq, p);
                }
            } else if (!running && p.prio < rq.curr().prio) {
                reschedCurr(rq); // switched_to_rt
            }
        } else if (p.rt()) {
            // prio_changed_rt
            if (running) {
                if (oldPrio < prio) {
                    pullRtTask(rq);
                }
                if (rq.rt.firstPrio() < p.prio) {
                    reschedCurr(rq);
                }
            } else if (p.prio < rq.curr().prio) {
                reschedCurr(rq);
            }
        } else if (running) {
            if (prio > oldPrio) {
                reschedCurr(rq); // prio_changed_fair
            }
        } else {
            wakeupPreempt(rq, p);
        }
    }

    // ------------------------------------------------------------------ resched_curr

    public void reschedCurr(Rq rq) {
        reschedCurr(rq, false);
    }

    /** resched_curr_lazy: the lazy bit only when the preempt_lazy key is on, else the full bit. */
    public void reschedCurrLazy(Rq rq) {
        reschedCurr(rq, k.row.preemptLazy());
    }

    /** __resched_curr(rq, tif) exactly as kernel/sched/core.c. */
    void reschedCurr(Rq rq, boolean lazy) {
        Task curr = rq.curr();
        Cpu c = rq.cpu;
        if (curr.isIdle && lazy) {
            lazy = false; // always immediately preempt the idle task
        }
        if (curr.tifNeedResched || (lazy && curr.tifNeedReschedLazy)) {
            return;
        }
        tp.schedSetNeedResched(k.now, k.self, curr, c.id, lazy);
        if (lazy) {
            k.stats.lazyReschedRequests++;
        } else {
            k.stats.reschedRequests++;
        }
        if (c == k.self) {
            if (lazy) {
                curr.tifNeedReschedLazy = true;
            } else {
                curr.tifNeedResched = true;
                c.preemptCount = PreemptCount.setPreemptNeedResched(c.preemptCount);
            }
            return;
        }
        // set_nr_and_not_polling: only a non-polling target needs an IPI, and only for the full bit.
        if (lazy) {
            curr.tifNeedReschedLazy = true;
        } else {
            curr.tifNeedResched = true;
        }
        boolean polling = curr.isIdle && c.polling;
        if (!polling) {
            if (!lazy) {
                k.irq.sendReschedule(c);
            }
        } else {
            tp.schedWakeIdleWithoutIpi(k.now, k.self, c.id);
            k.exec.pollWake(c);
        }
    }

    /** need_resched(): only TIF_NEED_RESCHED of current. */
    public static boolean needResched(Cpu c) {
        return c.curr.tifNeedResched;
    }

    // ------------------------------------------------------------------ enqueue / dequeue

    void enqueueTask(Rq rq, Task p, boolean wakeup, boolean head) {
        classOf(p).enqueue(rq, p, wakeup, head);
        p.onRq = true;
        rq.nrRunning++;
    }

    void dequeueTask(Rq rq, Task p, boolean sleep) {
        classOf(p).dequeue(rq, p, sleep);
        p.onRq = false;
        rq.nrRunning--;
    }

    /** set_task_cpu with its tracepoint. */
    void setTaskCpu(Task p, int dest) {
        if (p.cpu != dest) {
            tp.schedMigrateTask(k.now, k.self, p, p.cpu, dest);
            k.stats.migrations++;
            p.cpu = dest;
        }
    }

    /** Move a queued, not running task to another rq (move_queued_task). */
    void moveQueuedTask(Rq src, Task p, Rq dst) {
        dequeueTask(src, p, false);
        setTaskCpu(p, dst.cpu.id);
        enqueueTask(dst, p, true, false);
    }

    // ------------------------------------------------------------------ wakeups

    /**
     * try_to_wake_up(p, TASK_NORMAL): returns whether p was woken. Runs on {@link Kernel#self}.
     */
    public boolean tryToWakeUp(Task p) {
        return tryToWakeUp(p, Task.TASK_NORMAL);
    }

    /**
     * try_to_wake_up(p, state). ttwu_state_match: only a task in one of {@code state}'s states
     * is woken; a task waiting on an rtlock whose saved state matches only gets that saved state
     * set to RUNNING, and stays asleep until it has the lock.
     */
    public boolean tryToWakeUp(Task p, int state) {
        Cpu self = k.self;
        if ((p.state & state) == 0) {
            if ((p.state & Task.TASK_RTLOCK_WAIT) != 0 && (p.savedState & state) != 0) {
                p.savedState = Task.TASK_RUNNING;
            }
            return false;
        }
        // guard(preempt) and raw_spin_lock_irqsave(&p->pi_lock): wakeups run with preemption and
        // IRQs off, as RV's wip and opid monitors expect. The caller's preempt_enable (or its
        // IRQ exit) is where a local wakeup can preempt.
        boolean irqsWereOff = self.irqsDisabled;
        k.preemptDisable(self); // guard(preempt)
        k.localIrqDisable(self);
        k.preemptDisable(self); // p->pi_lock
        try {
            return ttwu(p, self);
        } finally {
            k.preemptEnableNoResched(self);
            if (!irqsWereOff) {
                k.localIrqEnableNoDeliver(self);
            }
            k.preemptEnableNoResched(self);
        }
    }

    private boolean ttwu(Task p, Cpu self) {
        tp.schedWaking(k.now, self, p);
        k.stats.wakeups++;
        if (p.onRq) {
            // ttwu_runnable: still queued (it set its state but has not scheduled out yet, or was
            // preempted with a sleeping state): just make it runnable again.
            p.state = Task.TASK_RUNNING;
            Rq rq = rqs[p.cpu];
            if (rq.curr() != p) {
                wakeupPreempt(rq, p);
            }
            tp.schedWakeup(k.now, self, p);
            return true;
        }
        int cpu = selectTaskRq(p, self, false);
        setTaskCpu(p, cpu);
        if (ttwuQueueCond(p, cpu, self)) {
            queueWakelist(p, k.cpus[cpu]);
            return true;
        }
        ttwuDoActivate(rqs[cpu], p, false);
        return true;
    }

    /** ttwu_queue_cond: use the target's wake list (activation by IPI) across LLCs or to an idle CPU. */
    boolean ttwuQueueCond(Task p, int cpu, Cpu self) {
        if (!k.ttwuQueue) {
            return false;
        }
        if (!p.allowedOn(cpu)) {
            return false;
        }
        Cpu target = k.cpus[cpu];
        if (target.llc != self.llc) {
            return true;
        }
        if (target == self) {
            return false;
        }
        return rqs[cpu].nrRunning == 0;
    }

    /** __ttwu_queue_wakelist + send_call_function_single_ipi (no IPI to a polling idle CPU). */
    void queueWakelist(Task p, Cpu target) {
        p.state = Task.TASK_RUNNING; // TASK_WAKING in the kernel; runnable from the waker's view
        p.onWakeList = true;
        p.wakeListNext = null;
        boolean wasEmpty = target.wakeListHead == null;
        if (wasEmpty) {
            target.wakeListHead = p;
        } else {
            target.wakeListTail.wakeListNext = p;
        }
        target.wakeListTail = p;
        if (!wasEmpty) {
            return; // llist_add returned false: an IPI is already on its way
        }
        Task tcurr = target.curr;
        if (tcurr.isIdle && target.polling) {
            // set_nr_if_polling(rq->idle): the polling idle loop will flush the queue itself.
            if (!tcurr.tifNeedResched) {
                tcurr.tifNeedResched = true;
            }
            tp.schedWakeIdleWithoutIpi(k.now, k.self, target.id);
            k.exec.pollWake(target);
        } else {
            k.irq.sendCallFunctionSingle(target);
        }
    }

    /**
     * sched_ttwu_pending: the wake-list IPI handler (or the polling idle loop) activates its tasks
     * under rq_lock_irqsave (kernel/sched/core.c), so the idle loop's flush, which runs with IRQs
     * on, wakes with them off like the IPI does.
     */
    public void schedTtwuPending(Cpu c) {
        Task p = c.wakeListHead;
        c.wakeListHead = null;
        c.wakeListTail = null;
        Rq rq = rqs[c.id];
        boolean irqsWereOff = c.irqsDisabled;
        k.localIrqDisable(c);
        while (p != null) {
            Task next = p.wakeListNext;
            p.wakeListNext = null;
            p.onWakeList = false;
            ttwuDoActivate(rq, p, false);
            p = next;
        }
        if (!irqsWereOff) {
            k.localIrqEnableNoDeliver(c); // nothing can have become pending in this instant
        }
    }

    /** ttwu_do_activate: enqueue, wakeup_preempt, TASK_RUNNING, sched_wakeup, task_woken (push). */
    void ttwuDoActivate(Rq rq, Task p, boolean initial) {
        Cpu self = k.self;
        k.preemptDisable(self); // the rq lock
        try {
            activate(rq, p, initial);
        } finally {
            k.preemptEnableNoResched(self);
        }
    }

    private void activate(Rq rq, Task p, boolean initial) {
        enqueueTask(rq, p, !initial, initial);
        p.state = Task.TASK_RUNNING;
        wakeupPreempt(rq, p);
        if (initial) {
            tp.schedWakeupNew(k.now, k.self, p);
        } else {
            tp.schedWakeup(k.now, k.self, p);
        }
        if (p.rt()) {
            taskWokenRt(rq, p);
        }
    }

    /** wake_up_new_task: first activation of a forked task (placed with half a slice). */
    public void wakeUpNewTask(Task p) {
        Cpu self = k.self;
        // raw_spin_lock_irqsave(&p->pi_lock) and the rq lock, as try_to_wake_up.
        boolean irqsWereOff = self.irqsDisabled;
        k.localIrqDisable(self);
        k.preemptDisable(self);
        int cpu = selectTaskRq(p, self, true);
        p.cpu = cpu;
        ttwuDoActivate(rqs[cpu], p, true);
        k.preemptEnableNoResched(self);
        if (!irqsWereOff) {
            k.localIrqEnableNoDeliver(self);
        }
    }

    /** wakeup_preempt: same class decides; a higher class always preempts with the full flag. */
    void wakeupPreempt(Rq rq, Task p) {
        Task curr = rq.curr();
        if (p.schedClass == curr.schedClass) {
            classOf(p).wakeupPreempt(rq, p);
        } else if (p.schedClass < curr.schedClass) {
            reschedCurr(rq);
        }
    }

    // ------------------------------------------------------------------ placement

    /** cpupri of a CPU: its best runnable rt prio, or 100 (normal) / 101 (idle) when it has none. */
    int cpuPri(Rq rq) {
        int best = rq.rt.firstPrio();
        if (best < RtRq.MAX_RT_PRIO) {
            return best;
        }
        return rq.nrRunning == 0 && rq.cpu.curr.isIdle && rq.cpu.wakeListHead == null ? 101 : 100;
    }

    /** find_lowest_rq: an allowed CPU running something of lower priority than p, or -1. */
    int findLowestRq(Task p) {
        if (p.nrCpusAllowed == 1) {
            return -1;
        }
        int bestLevel = -1;
        int best = -1;
        int selfId = k.self.id;
        for (int c = 0; c < nrCpus; c++) {
            if (!p.allowedOn(c)) {
                continue;
            }
            int level = cpuPri(rqs[c]);
            if (level <= p.prio) {
                continue;
            }
            // Lowest priority level first; within it prefer task_cpu, then this CPU, then the lowest id.
            boolean better = level > bestLevel
                || (level == bestLevel && (c == p.cpu || (c == selfId && best != p.cpu)));
            if (better) {
                bestLevel = level;
                best = c;
            }
        }
        return best;
    }

    boolean cpuIdle(int c) {
        Rq rq = rqs[c];
        return rq.nrRunning == 0 && rq.cpu.curr.isIdle && rq.cpu.wakeListHead == null;
    }

    /** select_task_rq: rt by cpupri, fair by select_idle_sibling; pinned tasks stay. */
    int selectTaskRq(Task p, Cpu self, boolean fork) {
        int prev = p.cpu;
        if (p.nrCpusAllowed == 1 || p.migrationDisabled > 0) {
            return p.allowedOn(prev) ? prev : firstAllowed(p);
        }
        if (!p.allowedOn(prev)) {
            prev = firstAllowed(p);
        }
        if (p.rt()) {
            Rq rq = rqs[prev];
            Task curr = rq.curr();
            boolean test = curr.rt() && (curr.nrCpusAllowed < 2 || curr.prio <= p.prio);
            if (test) {
                int target = findLowestRq(p);
                if (target >= 0 && p.prio < cpuPri(rqs[target])) {
                    return target;
                }
            }
            return prev;
        }
        // select_idle_sibling: prev if idle, else the waker's CPU if idle and sharing cache,
        // else an idle CPU in prev's LLC, else prev.
        if (cpuIdle(prev)) {
            return prev;
        }
        int selfId = self.id;
        if (p.allowedOn(selfId) && cpuIdle(selfId) && self.llc == k.cpus[prev].llc) {
            return selfId;
        }
        // The CPUs after prev in prev's LLC, wrapping around: (prev + i) % nrCpus for i = 1.. filtered
        // by LLC, walked over the LLC's own CPUs only (those above prev, then those below).
        int[] same = llcCpus[prev];
        for (int c : same) {
            if (c > prev && p.allowedOn(c) && cpuIdle(c)) {
                return c;
            }
        }
        for (int c : same) {
            if (c >= prev) {
                break;
            }
            if (p.allowedOn(c) && cpuIdle(c)) {
                return c;
            }
        }
        return prev;
    }

    static int firstAllowed(Task p) {
        for (int w = 0; w < p.cpusAllowed.length; w++) {
            if (p.cpusAllowed[w] != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(p.cpusAllowed[w]);
            }
        }
        throw new IllegalStateException(p + " has an empty affinity mask");
    }

    // ------------------------------------------------------------------ RT push / pull

    /** task_woken_rt: push a woken rt task that will not run here soon. */
    void taskWokenRt(Rq rq, Task p) {
        Task curr = rq.curr();
        boolean needToPush = curr != p && !curr.tifNeedResched && p.nrCpusAllowed > 1 && p.migrationDisabled == 0
            && curr.rt() && (curr.nrCpusAllowed < 2 || curr.prio <= p.prio);
        if (needToPush) {
            pushRtTasks(rq);
        }
    }

    /** push_rt_tasks: move queued rt tasks to CPUs running something lower. */
    void pushRtTasks(Rq rq) {
        pushRtTasks(rq, rq.curr());
    }

    /** push_rt_tasks with {@code running} as the rq's current task (it may not be curr yet mid-pick). */
    void pushRtTasks(Rq rq, Task running) {
        for (int guard = 0; guard < 64; guard++) {
            Task next = rq.rt.highestQueuedExcept(running);
            if (next == null || next.nrCpusAllowed < 2 || next.migrationDisabled > 0) {
                return;
            }
            if (next.prio < running.prio) {
                reschedCurr(rq);
                return;
            }
            int target = findLowestRq(next);
            if (target < 0 || target == rq.cpu.id) {
                return;
            }
            Rq dst = rqs[target];
            moveQueuedTask(rq, next, dst);
            reschedCurr(dst);
        }
    }

    /** pull_rt_task: take the best queued rt task from another CPU that should run here. */
    void pullRtTask(Rq rq) {
        int me = rq.cpu.id;
        Task best = null;
        Rq bestSrc = null;
        for (int c = 0; c < nrCpus; c++) {
            if (c == me) {
                continue;
            }
            Rq src = rqs[c];
            if (src.rt.nrRunning < 2) {
                continue;
            }
            Task p = src.rt.highestQueuedFor(src.curr(), me);
            if (p == null || p.prio >= cpuPri(rq) || p.prio < src.curr().prio) {
                continue; // not better than what runs here, or the source runs it next anyway
            }
            if (best == null || p.prio < best.prio) {
                best = p;
                bestSrc = src;
            }
        }
        if (best != null) {
            moveQueuedTask(bestSrc, best, rq);
        }
    }

    // ------------------------------------------------------------------ __schedule decision

    /** deactivate_task for a blocking prev (try_to_block_task). */
    void blockTask(Rq rq, Task prev) {
        dequeueTask(rq, prev, true);
    }

    /**
     * The decision half of __schedule(): block a sleeping prev (not on SM_PREEMPT), pick next,
     * clear the need-resched state, count the switch and emit sched_switch. Returns next.
     */
    public Task scheduleDecide(Cpu c, Task prev, int smode) {
        Rq rq = rqs[c.id];
        boolean preempt = smode == SM_PREEMPT;
        int prevState = prev.state;
        boolean voluntary = false;
        Task next;
        if (smode == SM_IDLE && rq.nrRunning == 0) {
            next = prev;
        } else {
            if (!preempt && prevState != Task.TASK_RUNNING && !prev.isIdle) {
                blockTask(rq, prev);
                voluntary = true;
            }
            next = pickNextTask(rq, prev);
        }
        prev.tifNeedResched = false;
        prev.tifNeedReschedLazy = false;
        c.preemptCount = PreemptCount.clearPreemptNeedResched(c.preemptCount);
        if (next != prev) {
            rq.nrSwitches++;
            c.nrSwitches++;
            if (voluntary) {
                prev.nvcsw++;
            } else {
                prev.nivcsw++;
            }
            tp.schedSwitch(k.now, c, preempt, prev, preempt ? PREV_STATE_PREEMPTED : prevState, next);
            prev.onCpu = false;
            next.onCpu = true;
            c.curr = next;
        }
        return next;
    }

    /** pick_next_task with the rt pull and fair newidle balance a CPU does before it picks. */
    Task pickNextTask(Rq rq, Task prev) {
        if (prev.rt() && !prev.onRq && rq.rt.firstPrio() > prev.prio) {
            pullRtTask(rq);
        }
        if (!rt.hasRunnable(rq) && rq.cfs.nrQueued == 0) {
            newidleBalance(rq);
        }
        Task next = rt.pickTask(rq);
        SchedClass nextClass = rt;
        if (next == null) {
            next = fair.pickTask(rq);
            nextClass = fair;
        }
        if (next == null) {
            next = rq.cpu.idle;
            nextClass = idle;
        }
        classOf(prev).putPrev(rq, prev);
        nextClass.setNext(rq, next);
        if (next.rt()) {
            // rt_queue_push_tasks: after picking, push queued rt tasks that cannot run here.
            Task pushable = rq.rt.highestQueuedExcept(next);
            if (pushable != null) {
                pushRtTasks(rq, next);
            }
        }
        return next;
    }

    // ------------------------------------------------------------------ tick and balancing

    /** sched_tick(): the lazy upgrade first, then the class tick, then a balance trigger. */
    public void schedTick(Cpu c) {
        Rq rq = rqs[c.id];
        Task curr = c.curr;
        rq.clockNs = k.now;
        if (k.row.preemptLazy() && curr.tifNeedReschedLazy) {
            reschedCurr(rq);
        }
        if (!curr.isIdle) {
            classOf(curr).taskTick(rq, curr);
        }
        if (k.now >= rq.nextBalanceNs) {
            rq.nextBalanceNs = k.now + (c.curr.isIdle ? tickNs : balanceIntervalNs);
            k.irq.raiseSoftirq(c, org.preemptsim.kernel.irq.Softirq.SCHED, 0);
        }
    }

    /** run_rebalance_domains (SCHED_SOFTIRQ): pull one fair task from the busiest CPU if imbalanced. */
    public void rebalance(Cpu c) {
        Rq rq = rqs[c.id];
        Rq busiest = null;
        for (Rq other : rqs) {
            if (other == rq) {
                continue;
            }
            if (busiest == null || other.cfs.nrQueued > busiest.cfs.nrQueued) {
                busiest = other;
            }
        }
        if (busiest == null || busiest.cfs.nrQueued - rq.cfs.nrQueued < 2) {
            return;
        }
        Task p = busiest.cfs.migratableFor(c.id);
        if (p != null) {
            // sched_balance_rq detaches under rq_lock_irqsave(busiest) and attaches before its
            // local_irq_restore, so the migration and attach_task's wakeup_preempt run with IRQs
            // off, although SCHED_SOFTIRQ itself runs with them on.
            boolean irqsWereOff = c.irqsDisabled;
            k.localIrqDisable(c);
            moveQueuedTask(busiest, p, rq);
            if (rq.curr().isIdle || rq.curr().fair()) {
                wakeupPreempt(rq, p);
            }
            if (!irqsWereOff) {
                k.localIrqEnableNoDeliver(c); // nothing can have become pending in this instant
            }
        }
    }

    /** sched_balance_newidle: about to go idle, pull a queued fair task from a busy CPU. */
    void newidleBalance(Rq rq) {
        int me = rq.cpu.id;
        Rq busiest = null;
        for (Rq other : rqs) {
            if (other != rq && other.cfs.nrQueued >= 2 && (busiest == null || other.cfs.nrQueued > busiest.cfs.nrQueued)) {
                busiest = other;
            }
        }
        if (busiest == null) {
            return;
        }
        Task p = busiest.cfs.migratableFor(me);
        if (p != null) {
            moveQueuedTask(busiest, p, rq);
        }
    }
}
