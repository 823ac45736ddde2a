package org.preemptsim.kernel.irq;

import org.apache.commons.rng.UniformRandomProvider;
import org.preemptsim.engine.EventQueue;
import org.preemptsim.engine.RngStreams;
import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.IrqSourceSpec;
import org.preemptsim.kernel.Kernel;
import org.preemptsim.kernel.NmiSourceSpec;
import org.preemptsim.kernel.PreemptCount;
import org.preemptsim.kernel.Task;
import org.preemptsim.kernel.sched.Sched;
import org.preemptsim.trace.TraceSink;
import org.preemptsim.trace.Vectors;
import org.preemptsim.workload.Arrivals;
import org.preemptsim.workload.DurationSampler;

/**
 * Interrupts: delivery of pending vectors when IRQs are on, the hardirq path (irqentry_enter,
 * irq_enter, handler, irq_exit with softirqs, irqentry_exit), softirq processing with the kernel's
 * restart rules, NMIs, IPIs, the per-CPU hrtimer bases with the tick, and device IRQ sources.
 *
 * <p>Each frame on a CPU's context stack is a small state machine; its phase says what happens
 * when its current segment completes.
 */
public final class Irq {

    // hardirq frame phases
    static final int H_ENTRY = 1;
    static final int H_HANDLER = 2;
    static final int H_AFTER_SOFTIRQ = 3;
    static final int H_EXIT = 4;
    /** A handler spinning for the lock it takes (dev[s].lock()). */
    static final int H_LOCK_WAIT = 5;
    // softirq frame phases
    static final int S_RESTART = 10;
    static final int S_HANDLERS = 11;
    static final int S_HANDLER_SEG = 12;
    static final int S_END = 13;
    // NMI frame phase
    static final int N_HANDLER = 20;

    /** Frame arg for a device source s: DEVICE_BASE + s. */
    static final int DEVICE_BASE = 1 << 16;

    private final Kernel k;
    private final TraceSink tp;
    private final EventQueue queue;
    private final HrtimerBase[] bases;
    private final long tickNs;
    private final long softirqMaxJiffies;

    // device sources
    private final IrqSourceSpec[] dev;
    private final Arrivals.Cursor[] devArrivals;
    private final DurationSampler[] devHandler;
    private final DurationSampler[] devSoftirq;
    private final int[] devTimer;
    private final int[] devBit;
    private final long[] devPendingHandlerNs;
    private final long[] devPendingSoftirqNs;
    private final int[] devPendingWakes;
    public final long[] devArrivalsCount;
    public final long[] devCoalesced;
    // PREEMPT_RT forced threading: the line stays masked (IRQF_ONESHOT) until the thread is done
    private final boolean threaded;
    private final Task[] devThread;
    private final boolean[] devMasked;
    private final boolean[] devLatched;
    private final long[] devLatchedHandlerNs;
    private final long[] devThreadWorkNs;
    private final long[] devThreadSoftirqNs;
    private final int[] devThreadWakes;
    // PREEMPT_RT soft hrtimers: sleepers of non-RT tasks expire in HRTIMER_SOFTIRQ
    private final Task[][] softExpired;
    private final int[] nSoftExpired;

    // NMI sources
    private final NmiSourceSpec[] nmi;
    private final Arrivals.Cursor[] nmiArrivals;
    private final DurationSampler[] nmiHandler;
    private final int[] nmiTimer;
    private final long[] nmiPendingNs;

    // IPIs in flight: one timer per (cpu, vector)
    private final int[] ipiReschedTimer;
    private final int[] ipiCfsTimer;

    public Irq(Kernel k, RngStreams rng) {
        this.k = k;
        this.tp = k.tp;
        this.queue = k.queue;
        Cpu[] cpus = k.cpus;
        this.tickNs = k.tickNs;
        this.softirqMaxJiffies = Softirq.maxTimeJiffies(k.spec.hz());
        bases = new HrtimerBase[cpus.length];
        ipiReschedTimer = new int[cpus.length];
        ipiCfsTimer = new int[cpus.length];
        for (Cpu c : cpus) {
            bases[c.id] = new HrtimerBase();
            c.clockEventTimer = k.newEvent(Kernel.EV_CLOCKEVENT, c.id);
            ipiReschedTimer[c.id] = k.newEvent(Kernel.EV_IPI_RESCHED, c.id);
            ipiCfsTimer[c.id] = k.newEvent(Kernel.EV_IPI_CFS, c.id);
        }
        int nd = k.spec.irqs().size();
        dev = k.spec.irqs().toArray(new IrqSourceSpec[0]);
        devArrivals = new Arrivals.Cursor[nd];
        devHandler = new DurationSampler[nd];
        devSoftirq = new DurationSampler[nd];
        devTimer = new int[nd];
        devBit = new int[nd];
        devPendingHandlerNs = new long[nd];
        devPendingSoftirqNs = new long[nd];
        devPendingWakes = new int[nd];
        devArrivalsCount = new long[nd];
        devCoalesced = new long[nd];
        threaded = k.build.rt();
        devThread = new Task[nd];
        devMasked = new boolean[nd];
        devLatched = new boolean[nd];
        devLatchedHandlerNs = new long[nd];
        devThreadWorkNs = new long[nd];
        devThreadSoftirqNs = new long[nd];
        devThreadWakes = new int[nd];
        if (threaded) {
            for (Task t : k.tasks) {
                if (t != null && t.irqSource >= 0) {
                    devThread[t.irqSource] = t;
                }
            }
        }
        softExpired = new Task[cpus.length][4];
        nSoftExpired = new int[cpus.length];
        int[] perCpu = new int[cpus.length];
        for (int s = 0; s < nd; s++) {
            UniformRandomProvider r = rng.stream(RngStreams.KIND_IRQ, s);
            devArrivals[s] = dev[s].arrivals().start(r);
            devHandler[s] = dev[s].handler().bind(r);
            devSoftirq[s] = dev[s].softirq() >= 0 && dev[s].softirqWork() != null ? dev[s].softirqWork().bind(r) : null;
            devTimer[s] = k.newEvent(Kernel.EV_DEVICE, s);
            Cpu c = cpus[dev[s].cpu()];
            devBit[s] = perCpu[c.id]++;
            if (devBit[s] >= 64) {
                throw new IllegalArgumentException("more than 64 device IRQ sources on CPU " + c.id);
            }
            int[] ds = java.util.Arrays.copyOf(c.devSources, c.devSources.length + 1);
            ds[ds.length - 1] = s;
            c.devSources = ds;
        }
        int nn = k.spec.nmis().size();
        nmi = k.spec.nmis().toArray(new NmiSourceSpec[0]);
        nmiArrivals = new Arrivals.Cursor[nn];
        nmiHandler = new DurationSampler[nn];
        nmiTimer = new int[nn];
        nmiPendingNs = new long[cpus.length];
        for (int s = 0; s < nn; s++) {
            UniformRandomProvider r = rng.stream(RngStreams.KIND_NMI, s);
            nmiArrivals[s] = nmi[s].arrivals().start(r);
            nmiHandler[s] = nmi[s].handler().bind(r);
            nmiTimer[s] = k.newEvent(Kernel.EV_NMI, s);
        }
    }

    /** Arms the first tick on every CPU and the first arrival of every source. */
    public void boot() {
        for (Cpu c : k.cpus) {
            c.nextTickNs = tickNs;
            bases[c.id].heap.arm(HrtimerBase.TICK_SLOT, tickNs);
            reprogram(c);
        }
        for (int s = 0; s < dev.length; s++) {
            long t = devArrivals[s].next();
            if (t != Arrivals.Cursor.NEVER) {
                queue.arm(devTimer[s], t);
            }
        }
        for (int s = 0; s < nmi.length; s++) {
            long t = nmiArrivals[s].next();
            if (t != Arrivals.Cursor.NEVER) {
                queue.arm(nmiTimer[s], t);
            }
        }
    }

    // ================================================================== hrtimers

    /** hrtimer_start on {@code cpu} for task t's sleep/release timer, absolute expiry. */
    public void hrtimerStart(Task t, Cpu c, long expiryNs) {
        hrtimerCancel(t);
        HrtimerBase b = bases[c.id];
        int slot = b.allocate(t);
        t.hrtimerCpu = c.id;
        t.hrtimer = slot;
        t.hrtimerExpiryNs = expiryNs;
        b.heap.arm(slot, expiryNs);
        reprogram(c);
    }

    public void hrtimerCancel(Task t) {
        if (t.hrtimerCpu < 0) {
            return;
        }
        HrtimerBase b = bases[t.hrtimerCpu];
        b.heap.cancel(t.hrtimer);
        b.release(t.hrtimer);
        Cpu c = k.cpus[t.hrtimerCpu];
        t.hrtimerCpu = -1;
        reprogram(c);
    }

    /** Program the clock event device to the earliest armed hrtimer. */
    private void reprogram(Cpu c) {
        long next = bases[c.id].heap.peekTime();
        if (next == EventQueue.NEVER) {
            queue.cancel(c.clockEventTimer);
        } else if (!queue.isArmed(c.clockEventTimer) || queue.timeOf(c.clockEventTimer) != next) {
            queue.arm(c.clockEventTimer, Math.max(next, k.now));
        }
    }

    /** The clock event fired: raise the local timer vector. */
    public void clockEvent(Cpu c) {
        raise(c, Cpu.VEC_LOCAL_TIMER);
    }

    /**
     * hrtimer_interrupt: run every expired timer; returns the handler's cost. The tick runs
     * sched_tick; a task timer wakes its task (hrtimer_wakeup) or forks it at its release.
     */
    private long hrtimerInterrupt(Cpu c) {
        HrtimerBase b = bases[c.id];
        long cost = 0;
        long now = k.now;
        while (b.heap.size() > 0 && b.heap.peekTime() <= now) {
            long expiry = b.heap.peekTime();
            int slot = b.heap.pop();
            if (slot == HrtimerBase.TICK_SLOT) {
                cost += k.costs.tickNs();
                c.nextTickNs = expiry + tickNs;
                b.heap.arm(HrtimerBase.TICK_SLOT, c.nextTickNs);
                k.sched.schedTick(c);
            } else {
                Task t = b.slotTask[slot];
                b.release(slot);
                t.hrtimerCpu = -1;
                if (t.state == Task.TASK_NEW) {
                    cost += k.costs.hrtimerNs();
                    k.sched.wakeUpNewTask(t);
                } else if (threaded && !t.policy.rt()) {
                    // PREEMPT_RT: a sleeper of a non-RT task is a soft hrtimer (only
                    // rt_or_dl_task_policy sleepers get HRTIMER_MODE_HARD, kernel/time/hrtimer.c):
                    // it expires in HRTIMER_SOFTIRQ, run by ktimers/N.
                    queueSoftExpired(c, t);
                } else {
                    cost += k.costs.hrtimerNs();
                    if (t.measured) {
                        tp.hrtimerExpire(now, c, t, expiry);
                    }
                    k.sched.tryToWakeUp(t);
                }
            }
        }
        reprogram(c);
        return cost;
    }

    private void queueSoftExpired(Cpu c, Task t) {
        int n = nSoftExpired[c.id];
        if (n == softExpired[c.id].length) {
            softExpired[c.id] = java.util.Arrays.copyOf(softExpired[c.id], n * 2);
        }
        softExpired[c.id][n] = t;
        nSoftExpired[c.id] = n + 1;
        if (c.ktimers != null) {
            c.pendingTimerSoftirq |= 1 << Softirq.HRTIMER; // raise_ktimers_thread
            tp.softirqRaise(k.now, c, Softirq.HRTIMER);
        } else {
            raiseSoftirq(c, Softirq.HRTIMER, 0);
        }
    }

    // ================================================================== IPIs

    /** smp_send_reschedule. */
    public void sendReschedule(Cpu target) {
        if ((target.pendingVectors & Cpu.VEC_RESCHEDULE) != 0 || queue.isArmed(ipiReschedTimer[target.id])) {
            return; // one IRR bit per vector: coalesced
        }
        k.stats.reschedIpis++;
        queue.arm(ipiReschedTimer[target.id], k.now + k.costs.ipiDeliveryNs());
    }

    /** arch_send_call_function_single_ipi. */
    public void sendCallFunctionSingle(Cpu target) {
        if ((target.pendingVectors & Cpu.VEC_CALL_FUNCTION_SINGLE) != 0 || queue.isArmed(ipiCfsTimer[target.id])) {
            return;
        }
        k.stats.callFunctionIpis++;
        queue.arm(ipiCfsTimer[target.id], k.now + k.costs.ipiDeliveryNs());
    }

    public void ipiArrived(Cpu c, int vector) {
        raise(c, vector);
    }

    // ================================================================== device sources and NMIs

    public void deviceArrival(int s) {
        long next = devArrivals[s].next();
        if (next != Arrivals.Cursor.NEVER) {
            queue.arm(devTimer[s], next);
        }
        devArrivalsCount[s]++;
        long handler = devHandler[s].sample();
        long work = devSoftirq[s] != null ? devSoftirq[s].sample() : 0;
        Cpu c = k.cpus[dev[s].cpu()];
        long bit = 1L << devBit[s];
        devPendingSoftirqNs[s] += work;
        devPendingWakes[s]++;
        if ((c.pendingDevices & bit) != 0 || c.inHandler(DEVICE_BASE + s)) {
            devCoalesced[s]++; // the line is still pending (or masked while its handler runs)
            return;
        }
        if (devMasked[s]) {
            // IRQF_ONESHOT: masked until the thread finishes; the chip latches one.
            if (devLatched[s]) {
                devCoalesced[s]++;
            } else {
                devLatched[s] = true;
                devLatchedHandlerNs[s] = handler;
            }
            return;
        }
        devPendingHandlerNs[s] = handler;
        c.pendingDevices |= bit;
        k.self = c;
        if (!c.irqsDisabled) {
            deliver(c);
        }
    }

    public void nmiArrival(int s) {
        long next = nmiArrivals[s].next();
        if (next != Arrivals.Cursor.NEVER) {
            queue.arm(nmiTimer[s], next);
        }
        long handler = nmiHandler[s].sample();
        Cpu c = k.cpus[nmi[s].cpu()];
        k.self = c;
        if (c.inNmi) {
            // NMIs are blocked until the handler's IRET; one more is latched.
            if (!c.nmiPending) {
                c.nmiPending = true;
                c.nmiSourcePending = s;
                nmiPendingNs[c.id] = handler;
            }
            return;
        }
        enterNmi(c, s, handler);
    }

    // ================================================================== delivery

    void raise(Cpu c, int vector) {
        c.pendingVectors |= vector;
        k.self = c;
        if (!c.irqsDisabled) {
            deliver(c);
        }
    }

    public boolean hasPending(Cpu c) {
        return c.pendingVectors != 0 || c.pendingDevices != 0;
    }

    /** Take the highest-priority pending vector (IRQs must be on). */
    public void deliver(Cpu c) {
        int pv = c.pendingVectors;
        int arg;
        if ((pv & Cpu.VEC_RESCHEDULE) != 0) {
            arg = Cpu.VEC_RESCHEDULE;
        } else if ((pv & Cpu.VEC_CALL_FUNCTION_SINGLE) != 0) {
            arg = Cpu.VEC_CALL_FUNCTION_SINGLE;
        } else if ((pv & Cpu.VEC_LOCAL_TIMER) != 0) {
            arg = Cpu.VEC_LOCAL_TIMER;
        } else if (c.pendingDevices != 0) {
            int bit = Long.numberOfTrailingZeros(c.pendingDevices);
            arg = DEVICE_BASE + c.devSources[bit];
        } else {
            return;
        }
        if (arg < DEVICE_BASE) {
            c.pendingVectors &= ~arg;
        } else {
            c.pendingDevices &= ~(1L << devBit[arg - DEVICE_BASE]);
        }
        enterHardirq(c, arg);
    }

    /** Suspend whatever the CPU executes now and push a frame above it. */
    private int push(Cpu c, int kind, int phase, int arg) {
        if (c.segActive) {
            long rem = k.suspendSegment(c);
            if (c.depth == 0) {
                c.curr.segRemaining = rem;
            } else {
                c.frameRemaining[c.depth] = rem;
                c.frameSegActive[c.depth] = true;
            }
        } else if (c.depth > 0) {
            c.frameSegActive[c.depth] = false;
        }
        int d = ++c.depth;
        c.frameKind[d] = kind;
        c.framePhase[d] = phase;
        c.frameArg[d] = arg;
        c.frameSavedIrqsDisabled[d] = c.irqsDisabled;
        c.frameSegActive[d] = false;
        return d;
    }

    /** irqentry_enter + irq_enter_rcu, then the entry segment. */
    private void enterHardirq(Cpu c, int arg) {
        k.stats.hardirqs++;
        push(c, Cpu.F_HARDIRQ, H_ENTRY, arg);
        k.localIrqDisable(c);
        k.preemptCountAdd(c, PreemptCount.HARDIRQ_OFFSET);
        k.startSegment(c, k.costs.irqEntryNs());
    }

    private void enterNmi(Cpu c, int s, long handlerNs) {
        k.stats.nmis++;
        c.inNmi = true;
        int d = push(c, Cpu.F_NMI, N_HANDLER, s);
        c.frameAux[d] = handlerNs;
        boolean wasDisabled = c.irqsDisabled;
        c.irqsDisabled = true; // hardware: NMI handlers run with IF clear, untraced
        c.frameSavedIrqsDisabled[d] = wasDisabled;
        // nmi_enter: __preempt_count_add(NMI_OFFSET + HARDIRQ_OFFSET), notrace.
        c.preemptCount += PreemptCount.NMI_OFFSET + PreemptCount.HARDIRQ_OFFSET;
        k.startSegment(c, handlerNs);
    }

    // ================================================================== frame state machines

    /** The top frame's segment completed. */
    public void frameSegmentDone(Cpu c) {
        runFrame(c);
    }

    /** Resume the top frame after a nested interrupt returned to it. */
    private void resumeFrame(Cpu c) {
        int d = c.depth;
        if (c.frameSegActive[d]) {
            c.frameSegActive[d] = false;
            k.startSegment(c, c.frameRemaining[d]);
            return;
        }
        runFrame(c);
    }

    private void runFrame(Cpu c) {
        while (true) {
            int d = c.depth;
            switch (c.frameKind[d]) {
                case Cpu.F_HARDIRQ:
                    if (!hardirqStep(c, d)) {
                        return;
                    }
                    break;
                case Cpu.F_SOFTIRQ:
                    if (!softirqStep(c, d)) {
                        return;
                    }
                    break;
                case Cpu.F_NMI:
                    nmiExit(c, d);
                    return;
                default:
                    throw new IllegalStateException("bad frame " + c.frameKind[d]);
            }
        }
    }

    /** Returns true to keep running frames (the top frame changed without waiting). */
    private boolean hardirqStep(Cpu c, int d) {
        switch (c.framePhase[d]) {
            case H_ENTRY: {
                int arg = c.frameArg[d];
                int s = arg - DEVICE_BASE;
                if (s >= 0 && !threaded && dev[s].lock() >= 0 && !k.locks.irqLock(c, dev[s].lock(), true)) {
                    c.framePhase[d] = H_LOCK_WAIT;
                    k.acctSwitch(c);
                    return false;
                }
                return runHandler(c, d, arg);
            }
            case H_LOCK_WAIT: {
                int arg = c.frameArg[d];
                if (!k.locks.irqLock(c, dev[arg - DEVICE_BASE].lock(), false)) {
                    k.acctSwitch(c);
                    return false;
                }
                return runHandler(c, d, arg);
            }
            case H_HANDLER: {
                int hs = c.frameArg[d] - DEVICE_BASE;
                if (hs >= 0 && !threaded && dev[hs].lock() >= 0) {
                    k.locks.irqUnlock(c, dev[hs].lock());
                }
                handlerExit(c, c.frameArg[d]);
                // irq_exit_rcu: drop the hardirq count, then softirqs if not nested in one.
                k.preemptCountSub(c, PreemptCount.HARDIRQ_OFFSET);
                c.framePhase[d] = H_AFTER_SOFTIRQ;
                if (!inInterrupt(c) && c.softirqPending != 0) {
                    if (k.build.rt()) {
                        // PREEMPT_RT invoke_softirq: softirqs run in task context; wake ksoftirqd
                        // unless a BH-disabled section on this CPU will run them at its end.
                        if (c.softirqCtrlCnt == 0) {
                            wakeupSoftirqd(c);
                        }
                    } else {
                        return doSoftirq(c, false);
                    }
                }
                if (c.pendingTimerSoftirq != 0 && c.ktimers != null) {
                    // __irq_exit_rcu: local_timers_pending_force_th() -> wake_timersd()
                    k.sched.tryToWakeUp(c.ktimers, Task.TASK_NORMAL);
                }
                return true;
            }
            case H_AFTER_SOFTIRQ:
                c.framePhase[d] = H_EXIT;
                k.startSegment(c, k.costs.irqExitNs());
                return false;
            case H_EXIT:
                return irqReturn(c);
            default:
                throw new IllegalStateException("hardirq phase " + c.framePhase[d]);
        }
    }

    /** The handler's entry, effects and work segment. */
    private boolean runHandler(Cpu c, int d, int arg) {
        long cost = handlerEnter(c, arg);
        c.framePhase[d] = H_HANDLER;
        k.startSegment(c, cost);
        return false;
    }

    /** The handler's trace entry and its effects; returns its cost. */
    private long handlerEnter(Cpu c, int arg) {
        long now = k.now;
        switch (arg) {
            case Cpu.VEC_RESCHEDULE:
                tp.vectorEntry(now, c, Vectors.RESCHEDULE);
                c.ipisReceived++;
                // scheduler_ipi: fold the remote TIF_NEED_RESCHED into this CPU's preempt_count.
                if (c.curr.tifNeedResched) {
                    c.preemptCount = PreemptCount.setPreemptNeedResched(c.preemptCount);
                }
                return k.costs.ipiHandlerNs();
            case Cpu.VEC_CALL_FUNCTION_SINGLE:
                tp.vectorEntry(now, c, Vectors.CALL_FUNCTION_SINGLE);
                c.ipisReceived++;
                k.sched.schedTtwuPending(c);
                return k.costs.ipiHandlerNs();
            case Cpu.VEC_LOCAL_TIMER:
                tp.vectorEntry(now, c, Vectors.LOCAL_TIMER);
                return hrtimerInterrupt(c);
            default: {
                int s = arg - DEVICE_BASE;
                tp.irqHandlerEntry(now, c, dev[s].irq(), dev[s].name());
                if (threaded) {
                    return primaryHandler(c, s);
                }
                long work = devPendingSoftirqNs[s];
                devPendingSoftirqNs[s] = 0;
                if (dev[s].softirq() >= 0 && work > 0) {
                    raiseSoftirq(c, dev[s].softirq(), work);
                }
                int wakes = devPendingWakes[s];
                devPendingWakes[s] = 0;
                if (dev[s].wakeQueue() >= 0) {
                    k.locks.wake(dev[s].wakeQueue(), wakes);
                }
                return devPendingHandlerNs[s];
            }
        }
    }

    /**
     * irq_default_primary_handler on a forced-threaded line: mask it (IRQF_ONESHOT), hand the
     * handler's work to irq/N-name and wake it (IRQ_WAKE_THREAD). Costs a wakeup.
     */
    private long primaryHandler(Cpu c, int s) {
        devMasked[s] = true;
        devThreadWorkNs[s] += devPendingHandlerNs[s];
        devThreadSoftirqNs[s] += devPendingSoftirqNs[s];
        devPendingSoftirqNs[s] = 0;
        devThreadWakes[s] += devPendingWakes[s];
        devPendingWakes[s] = 0;
        Task th = devThread[s];
        th.runThread = true;
        k.sched.tryToWakeUp(th, Task.TASK_NORMAL);
        return k.costs.ttwuNs();
    }

    /** The thread's share of source s's work: taken once per thread run. */
    public long takeThreadWork(int s) {
        long w = devThreadWorkNs[s];
        devThreadWorkNs[s] = 0;
        return w;
    }

    /** The threaded handler's effects: raise its softirq (with BH disabled), wake its queue. */
    public void threadHandlerEffects(Cpu c, int s) {
        long work = devThreadSoftirqNs[s];
        devThreadSoftirqNs[s] = 0;
        if (dev[s].softirq() >= 0 && work > 0) {
            raiseSoftirq(c, dev[s].softirq(), work);
        }
        int wakes = devThreadWakes[s];
        devThreadWakes[s] = 0;
        if (dev[s].wakeQueue() >= 0 && wakes > 0) {
            k.locks.wake(dev[s].wakeQueue(), wakes);
        }
    }

    /**
     * irq_finalize_oneshot: unmask the line; an interrupt latched meanwhile fires now. Returns
     * true when it was taken at once (the caller stops).
     */
    public boolean unmask(Cpu c, int s) {
        devMasked[s] = false;
        if (!devLatched[s]) {
            return false;
        }
        devLatched[s] = false;
        devPendingHandlerNs[s] = devLatchedHandlerNs[s];
        Cpu target = k.cpus[dev[s].cpu()];
        target.pendingDevices |= 1L << devBit[s];
        if (target == c && !c.irqsDisabled) {
            deliver(c);
            return true;
        }
        return false;
    }

    /** HRTIMER_SOFTIRQ: run the soft timers that expired on this CPU; returns their cost. */
    public long runSoftHrtimers(Cpu c) {
        int n = nSoftExpired[c.id];
        nSoftExpired[c.id] = 0;
        long cost = 0;
        for (int i = 0; i < n; i++) {
            Task t = softExpired[c.id][i];
            softExpired[c.id][i] = null;
            cost += k.costs.hrtimerNs();
            if (t.measured) {
                tp.hrtimerExpire(k.now, c, t, t.hrtimerExpiryNs);
            }
            k.sched.tryToWakeUp(t);
        }
        return cost;
    }

    private void handlerExit(Cpu c, int arg) {
        long now = k.now;
        switch (arg) {
            case Cpu.VEC_RESCHEDULE:
                tp.vectorExit(now, c, Vectors.RESCHEDULE);
                break;
            case Cpu.VEC_CALL_FUNCTION_SINGLE:
                tp.vectorExit(now, c, Vectors.CALL_FUNCTION_SINGLE);
                break;
            case Cpu.VEC_LOCAL_TIMER:
                tp.vectorExit(now, c, Vectors.LOCAL_TIMER);
                break;
            default:
                tp.irqHandlerExit(now, c, dev[arg - DEVICE_BASE].irq(), true);
        }
    }

    /** Pop a hardirq frame: irqentry_exit to the interrupted context. */
    private boolean irqReturn(Cpu c) {
        int d = c.depth--;
        boolean savedDisabled = c.frameSavedIrqsDisabled[d];
        if (c.depth == 0) {
            k.exec.irqReturn(c, savedDisabled);
            return false;
        }
        // Nested in a softirq frame (which runs with IRQs on): iret and resume it.
        if (!savedDisabled) {
            k.localIrqEnableNoDeliver(c);
            if (hasPending(c)) {
                deliver(c);
                return false;
            }
        }
        resumeFrame(c);
        return false;
    }

    private void nmiExit(Cpu c, int d) {
        // nmi_handle() traces each handler in NMI context; then nmi_exit drops the counts.
        tp.nmiHandler(k.now, c, nmi[c.frameArg[d]].name(), c.frameAux[d]);
        c.preemptCount -= PreemptCount.NMI_OFFSET + PreemptCount.HARDIRQ_OFFSET;
        c.irqsDisabled = c.frameSavedIrqsDisabled[d];
        c.depth--;
        c.inNmi = false;
        if (c.nmiPending) {
            c.nmiPending = false;
            enterNmi(c, c.nmiSourcePending, nmiPendingNs[c.id]);
            return;
        }
        // Back to exactly what was interrupted: no preemption check, no IRQ-state change. An
        // interrupt raised meanwhile is taken at once if the interrupted code has IRQs on.
        if (!c.irqsDisabled && hasPending(c)) {
            deliver(c);
            return;
        }
        if (c.depth == 0) {
            k.exec.resumeAfterNmi(c);
        } else {
            resumeFrame(c);
        }
    }

    // ================================================================== softirqs

    /** raise_softirq_irqoff: mark vec pending with {@code workNs} more to do. */
    public void raiseSoftirq(Cpu c, int vec, long workNs) {
        c.softirqPending |= 1 << vec;
        c.softirqWorkNs[vec] += workNs;
        tp.softirqRaise(k.now, c, vec);
        // Raised from task context with BH enabled: nobody will run it soon, wake ksoftirqd.
        if (!inInterrupt(c) && (!k.build.rt() || c.softirqCtrlCnt == 0)) {
            wakeupSoftirqd(c);
        }
    }

    /**
     * __do_softirq in a new softirq frame above the current context. {@code fromTask}: called from
     * task context (local_bh_enable or ksoftirqd), which returns to the task when done.
     */
    public boolean doSoftirq(Cpu c, boolean fromTask) {
        int d = push(c, Cpu.F_SOFTIRQ, S_RESTART, 0);
        c.frameFromTask[d] = fromTask;
        // softirq_handle_begin: __local_bh_disable_ip(SOFTIRQ_OFFSET), traced when it takes the count from 0.
        c.preemptCount += PreemptCount.SOFTIRQ_OFFSET;
        if (k.preemptEvents && c.count() == PreemptCount.SOFTIRQ_OFFSET) {
            tp.preemptDisable(k.now, c);
        }
        c.frameAux[d] = Softirq.MAX_RESTART;
        c.frameAux2[d] = jiffies() + softirqMaxJiffies;
        k.stats.softirqRuns++;
        k.acctSwitch(c);
        return true;
    }

    long jiffies() {
        return k.now / tickNs;
    }

    private boolean softirqStep(Cpu c, int d) {
        switch (c.framePhase[d]) {
            case S_RESTART: {
                c.frameArg[d] = c.softirqPending;
                c.softirqPending = 0;
                c.framePhase[d] = S_HANDLERS;
                if (k.localIrqEnable(c)) {
                    return false;
                }
                return true;
            }
            case S_HANDLERS: {
                int pending = c.frameArg[d];
                if (pending == 0) {
                    c.framePhase[d] = S_END;
                    return true;
                }
                int vec = Integer.numberOfTrailingZeros(pending);
                c.frameArg[d] = pending & ~(1 << vec);
                c.frameVec[d] = vec;
                tp.softirqEntry(k.now, c, vec);
                long work = c.softirqWorkNs[vec];
                c.softirqWorkNs[vec] = 0;
                if (vec == Softirq.SCHED) {
                    k.sched.rebalance(c);
                    work += k.costs.balanceNs();
                }
                c.framePhase[d] = S_HANDLER_SEG;
                k.startSegment(c, work);
                return false;
            }
            case S_HANDLER_SEG:
                tp.softirqExit(k.now, c, c.frameVec[d]);
                c.framePhase[d] = S_HANDLERS;
                return true;
            case S_END: {
                k.localIrqDisable(c);
                if (c.softirqPending != 0) {
                    if (jiffies() < c.frameAux2[d] && !Sched.needResched(c) && --c.frameAux[d] > 0) {
                        c.framePhase[d] = S_RESTART;
                        return true;
                    }
                    wakeupSoftirqd(c);
                }
                // __local_bh_enable(SOFTIRQ_OFFSET): traced when it takes the count back to 0.
                if (k.preemptEvents && c.count() == PreemptCount.SOFTIRQ_OFFSET) {
                    tp.preemptEnable(k.now, c);
                }
                c.preemptCount -= PreemptCount.SOFTIRQ_OFFSET;
                boolean fromTask = c.frameFromTask[d];
                c.depth--;
                if (c.depth == 0) {
                    k.exec.continueTask(c);
                    return false;
                }
                return true; // back in the hardirq frame (H_AFTER_SOFTIRQ)
            }
            default:
                throw new IllegalStateException("softirq phase " + c.framePhase[d]);
        }
    }

    public void wakeupSoftirqdPublic(Cpu c) {
        wakeupSoftirqd(c);
    }

    /**
     * in_interrupt(): on PREEMPT_RT softirq_count() is the current task's softirq_disable_cnt,
     * not the per-CPU preempt_count bits.
     */
    boolean inInterrupt(Cpu c) {
        if (k.build.rt()) {
            return (c.preemptCount & (PreemptCount.NMI_MASK | PreemptCount.HARDIRQ_MASK)) != 0
                || c.curr.softirqDisableCnt != 0 || c.curr.servingSoftirq;
        }
        return PreemptCount.inInterrupt(c.preemptCount);
    }

    /** wakeup_softirqd. */
    void wakeupSoftirqd(Cpu c) {
        Task ks = c.ksoftirqd;
        if (ks != null && ks.state != Task.TASK_RUNNING) {
            k.sched.tryToWakeUp(ks);
        }
    }
}
