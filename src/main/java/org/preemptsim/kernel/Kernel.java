package org.preemptsim.kernel;

import org.apache.commons.rng.UniformRandomProvider;
import org.preemptsim.engine.EventQueue;
import org.preemptsim.engine.IndexedHeap;
import org.preemptsim.engine.RngStreams;
import org.preemptsim.kernel.debug.KernelBug;
import org.preemptsim.kernel.irq.Irq;
import org.preemptsim.kernel.locking.Locks;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.kernel.sched.Sched;
import org.preemptsim.trace.TraceSink;
import org.preemptsim.workload.DurationSampler;
import org.preemptsim.workload.Op;
import org.preemptsim.workload.Program;
import org.preemptsim.workload.ProgramBuilder;

import java.util.Arrays;

/**
 * One simulated SMP machine booted with one model: the CPUs, the tasks, the event loop, and the
 * primitives every kernel path uses (preempt_count operations with their tracepoints and debug
 * checks, the IRQ flag, segments of work and time accounting).
 *
 * <p>The event loop pops one timer at a time and runs the owning CPU's code until that CPU waits
 * again; it allocates nothing. {@link #self} is the CPU whose code is running.
 */
public final class Kernel {

    // event kinds
    public static final int EV_SEGMENT = 1;
    public static final int EV_CLOCKEVENT = 2;
    public static final int EV_IPI_RESCHED = 3;
    public static final int EV_IPI_CFS = 4;
    public static final int EV_DEVICE = 5;
    public static final int EV_NMI = 6;

    public final MachineSpec spec;
    public final Model model;
    public final Build build;
    public final KernelProfile profile;
    public final PreemptTable table;
    public Mode mode;
    public PreemptTable.Row row;
    /** CONFIG_PREEMPTION. */
    public final boolean preemption;
    /** CONFIG_PREEMPT_COUNT. */
    public final boolean preemptCountOn;
    /** The preempt_disable/enable trace events exist (they need PREEMPTION). */
    public final boolean preemptEvents;
    public final boolean preemptRcu;
    public final boolean debug;
    /** sched_feat(TTWU_QUEUE). */
    public final boolean ttwuQueue;
    public final Costs costs;
    public final long tickNs;

    public final EventQueue queue;
    public long now;
    public Cpu self;
    public final Cpu[] cpus;
    /** All tasks: the spec's tasks first (in order), then ksoftirqd/N, then the idle tasks. */
    public final Task[] tasks;
    public final int nrSpecTasks;
    public final TraceSink tp;
    public final Stats stats = new Stats();

    public final Sched sched;
    public final Irq irq;
    public final Exec exec;
    public final Locks locks;

    private int[] evKind = new int[64];
    private int[] evArg = new int[64];
    private KernelBug bug;
    private boolean finished;

    public Kernel(MachineSpec spec, Model model, PreemptTable table, TraceSink tp) {
        this(spec, model, table, tp, new IndexedHeap(64 + 8 * spec.cpus()));
    }

    /** As above on the given empty event queue (the bench's recording queue; every run owns its own). */
    public Kernel(MachineSpec spec, Model model, PreemptTable table, TraceSink tp, EventQueue queue) {
        String refusal = spec.profile().refusal(model);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        this.spec = spec;
        this.model = model;
        this.build = model.build();
        this.profile = spec.profile();
        this.table = table;
        this.mode = model.mode();
        this.row = table.row(mode);
        this.debug = spec.debugChecks();
        this.preemption = build.preemption();
        this.preemptCountOn = build.preemptCount(debug);
        this.preemptEvents = preemption;
        this.preemptRcu = profile.preemptRcu(build);
        // kernel/sched/features.h: TTWU_QUEUE is off on PREEMPT_RT.
        this.ttwuQueue = !build.rt();
        this.costs = spec.costs();
        this.tickNs = spec.tickNs();
        this.tp = tp;
        this.queue = queue;

        int n = spec.cpus();
        cpus = new Cpu[n];
        for (int i = 0; i < n; i++) {
            cpus[i] = new Cpu(i, i / spec.llcSize());
            cpus[i].segTimer = newEvent(EV_SEGMENT, i);
        }
        this.self = cpus[0];
        RngStreams rng = new RngStreams(spec.seed());

        nrSpecTasks = spec.tasks().size();
        boolean threaded = build.rt(); // force_irqthreads() is always true on PREEMPT_RT
        boolean ktimersThreads = threaded && profile.atLeast(6, 13);
        tasks = new Task[nrSpecTasks + 2 * n + (threaded ? spec.irqs().size() : 0) + (ktimersThreads ? n : 0)];
        this.sched = new Sched(this, profile.baseSliceNs(), tickNs);
        this.exec = new Exec(this);
        this.locks = new Locks(this);

        for (int i = 0; i < nrSpecTasks; i++) {
            TaskSpec ts = spec.tasks().get(i);
            Task t = new Task(i, 1000 + i, ts.name(), ts.program(), ts.kthread(), ts.measured(), false, n);
            validateProgram(ts);
            if (ts.affinity() == null) {
                for (int c = 0; c < n; c++) {
                    t.allow(c);
                }
            } else {
                for (int c : ts.affinity()) {
                    if (c < 0 || c >= n) {
                        throw new IllegalArgumentException("task " + ts.name() + ": CPU " + c + " does not exist (0.." + (n - 1) + ")");
                    }
                    t.allow(c);
                }
            }
            if (t.nrCpusAllowed == 0) {
                throw new IllegalArgumentException("task " + ts.name() + ": empty affinity");
            }
            sched.setSchedParams(t, ts.policy(), ts.priority(), ts.nice());
            t.cpu = ts.cpu() >= 0 ? ts.cpu() : firstAllowed(t);
            t.releaseNs = ts.releaseNs();
            t.state = Task.TASK_NEW;
            t.k = Exec.K_SWITCH;
            t.schedVariant = Exec.SV_FORK;
            UniformRandomProvider r = rng.stream(RngStreams.KIND_TASK, i);
            t.samplers = bindSamplers(ts.program(), r);
            tasks[i] = t;
        }
        Program ksoftirqdProg = new ProgramBuilder().at("kernel/softirq.c run_ksoftirqd").ksoftirqd().build();
        for (int c = 0; c < n; c++) {
            Task ks = new Task(nrSpecTasks + c, 10 + 8 * c, "ksoftirqd/" + c, ksoftirqdProg, true, false, false, n);
            ks.allow(c);
            sched.setSchedParams(ks, Policy.SCHED_NORMAL, 0, 0);
            ks.cpu = c;
            // Asleep in its loop's schedule(), as after boot.
            ks.state = Task.TASK_INTERRUPTIBLE;
            ks.k = Exec.K_SWITCH;
            ks.schedVariant = Exec.SV_SCHEDULE;
            ks.kAfterSched = Exec.K_RUN;
            ks.samplers = new DurationSampler[0];
            cpus[c].ksoftirqd = ks;
            tasks[nrSpecTasks + c] = ks;

            Task idle = new Task(nrSpecTasks + n + c, 0, "swapper/" + c, null, true, false, true, n);
            idle.allow(c);
            idle.cpu = c;
            idle.policy = Policy.SCHED_NORMAL;
            idle.prio = 120;
            idle.normalPrio = 120;
            idle.staticPrio = 120;
            idle.schedClass = Task.CLASS_IDLE;
            idle.state = Task.TASK_RUNNING;
            idle.onCpu = true;
            idle.k = Exec.K_IDLE;
            idle.samplers = new DurationSampler[0];
            cpus[c].idle = idle;
            cpus[c].curr = idle;
            // init_idle_preempt_count: the idle task runs with PREEMPT_DISABLED where a count exists.
            cpus[c].preemptCount = PreemptCount.PREEMPT_ENABLED + (preemptCountOn ? 1 : 0);
            tasks[nrSpecTasks + n + c] = idle;
        }
        validateIrqSources();
        int next = nrSpecTasks + 2 * n;
        if (threaded) {
            // setup_irq_thread: "irq/%d-%s", sched_set_fifo() = SCHED_FIFO MAX_RT_PRIO / 2.
            for (int s = 0; s < spec.irqs().size(); s++) {
                IrqSourceSpec src = spec.irqs().get(s);
                Program p = new ProgramBuilder().at("kernel/irq/manage.c irq_thread").irqThread(s, src.lock()).build();
                Task th = sleepingKthread(next, 100 + s, "irq/" + src.irq() + "-" + src.name(), p, src.cpu(), Policy.SCHED_FIFO, 50);
                th.irqSource = s;
                tasks[next++] = th;
            }
        }
        if (ktimersThreads) {
            // kernel/softirq.c: "ktimers/%u", sched_set_fifo_low() = SCHED_FIFO 1.
            Program p = new ProgramBuilder().at("kernel/softirq.c run_ktimerd").ktimers().build();
            for (int c = 0; c < n; c++) {
                Task kt = sleepingKthread(next, 12 + 8 * c, "ktimers/" + c, p, c, Policy.SCHED_FIFO, 1);
                cpus[c].ktimers = kt;
                tasks[next++] = kt;
            }
        }
        this.irq = new Irq(this, rng);
    }

    /** A pinned kernel thread asleep in its loop's schedule(), as after boot. */
    private Task sleepingKthread(int index, int pid, String comm, Program p, int cpu, Policy policy, int prio) {
        Task t = new Task(index, pid, comm, p, true, false, false, cpus.length);
        t.allow(cpu);
        sched.setSchedParams(t, policy, prio, 0);
        t.cpu = cpu;
        t.state = Task.TASK_INTERRUPTIBLE;
        t.k = Exec.K_SWITCH;
        t.schedVariant = Exec.SV_SCHEDULE;
        t.kAfterSched = Exec.K_RUN;
        t.samplers = new DurationSampler[0];
        return t;
    }

    private static DurationSampler[] bindSamplers(Program p, UniformRandomProvider r) {
        int nd = 0;
        for (int pc = 0; pc < p.length(); pc++) {
            nd = Math.max(nd, p.dist(pc) + 1);
        }
        DurationSampler[] s = new DurationSampler[nd];
        for (int i = 0; i < nd; i++) {
            s[i] = p.distribution(i).bind(r);
        }
        return s;
    }

    private void validateIrqSources() {
        for (IrqSourceSpec s : spec.irqs()) {
            if (s.cpu() < 0 || s.cpu() >= spec.cpus()) {
                throw new IllegalArgumentException("IRQ " + s.name() + ": CPU " + s.cpu() + " does not exist");
            }
            if (s.lock() >= 0) {
                if (s.lock() >= spec.locks().size()) {
                    throw new IllegalArgumentException("IRQ " + s.name() + ": unknown lock " + s.lock());
                }
                org.preemptsim.kernel.locking.LockKind kind = spec.locks().get(s.lock()).kind();
                if (kind != org.preemptsim.kernel.locking.LockKind.SPINLOCK && kind != org.preemptsim.kernel.locking.LockKind.RAW_SPINLOCK) {
                    throw new IllegalArgumentException("IRQ " + s.name() + ": a handler can only take a spinlock_t or raw_spinlock_t, not a "
                        + kind.cType());
                }
            }
        }
    }

    private void validateProgram(TaskSpec ts) {
        Program p = ts.program();
        for (int pc = 0; pc < p.length(); pc++) {
            int op = p.op(pc);
            if (ts.kthread() && (op == Op.USER || op == Op.SYSCALL_ENTER || op == Op.SYSCALL_EXIT)) {
                throw new IllegalArgumentException("kernel thread " + ts.name() + " has a user-space step at " + p.origin(pc));
            }
            if (op == Op.SPIN_LOCK || op == Op.SPIN_UNLOCK || op == Op.COND_RESCHED_LOCK || op == Op.READ_LOCK
                || op == Op.READ_UNLOCK || op == Op.SEQ_READ) {
                if (p.c(pc) < 0 || p.c(pc) >= spec.locks().size()) {
                    throw new IllegalArgumentException("task " + ts.name() + ": unknown lock " + p.c(pc) + " at " + p.origin(pc));
                }
                String why = lockStepRefusal(op, spec.locks().get(p.c(pc)).kind(), p.d(pc));
                if (why != null) {
                    throw new IllegalArgumentException("task " + ts.name() + ": " + why + " at " + p.origin(pc));
                }
            }
            if ((op == Op.WAIT || op == Op.WAKE) && (p.c(pc) < 0 || p.c(pc) >= spec.waitQueues().size())) {
                throw new IllegalArgumentException("task " + ts.name() + ": unknown wait queue " + p.c(pc) + " at " + p.origin(pc));
            }
        }
    }

    /** Why a lock step does not apply to a lock of this kind, or null. */
    static String lockStepRefusal(int op, org.preemptsim.kernel.locking.LockKind kind, int flavour) {
        org.preemptsim.kernel.locking.LockKind k = kind;
        if ((op == Op.READ_LOCK || op == Op.READ_UNLOCK) && k != org.preemptsim.kernel.locking.LockKind.RWLOCK) {
            return "read_lock on a " + k.cType() + " (only rwlock_t has readers)";
        }
        if (op == Op.SEQ_READ && k != org.preemptsim.kernel.locking.LockKind.SEQLOCK) {
            return "read_seqbegin on a " + k.cType() + " (only seqlock_t)";
        }
        if (op == Op.COND_RESCHED_LOCK && k != org.preemptsim.kernel.locking.LockKind.SPINLOCK) {
            return "cond_resched_lock on a " + k.cType() + " (it takes a spinlock_t)";
        }
        if (flavour != Op.LOCK_PLAIN && !k.spinning()
            && !(k == org.preemptsim.kernel.locking.LockKind.LOCAL_LOCK && flavour == Op.LOCK_IRQSAVE)) {
            return "a _irq/_irqsave/_bh flavour on a " + k.cType();
        }
        return null;
    }

    private static int firstAllowed(Task t) {
        for (int w = 0; w < t.cpusAllowed.length; w++) {
            if (t.cpusAllowed[w] != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(t.cpusAllowed[w]);
            }
        }
        return 0;
    }

    /** Allocates an event timer of the given kind (at build time only). */
    public int newEvent(int kind, int arg) {
        int id = queue.newTimer();
        if (id >= evKind.length) {
            evKind = Arrays.copyOf(evKind, Math.max(id + 1, evKind.length * 2));
            evArg = Arrays.copyOf(evArg, evKind.length);
        }
        evKind[id] = kind;
        evArg[id] = arg;
        return id;
    }

    // ================================================================== the run

    /** Boots the machine and runs it until the spec's duration (or a kernel bug). */
    public void run() {
        boot();
        long end = spec.durationNs();
        // Counted in a local (nothing reads it during the run), stored when the loop ends.
        long events = stats.events;
        try {
            while (true) {
                long t = queue.peekTime();
                if (t > end) {
                    break;
                }
                int id = queue.pop();
                if (t != now) {
                    exec.newInstant();
                }
                now = t;
                events++;
                dispatch(evKind[id], evArg[id]);
            }
        } catch (KernelBug b) {
            bug = b;
        } finally {
            stats.events = events;
        }
        if (bug == null) {
            now = end;
        }
        for (Cpu c : cpus) {
            closeAcct(c);
        }
        finished = true;
    }

    private void dispatch(int kind, int arg) {
        switch (kind) {
            case EV_SEGMENT: {
                Cpu c = cpus[arg];
                self = c;
                c.segActive = false;
                if (c.depth > 0) {
                    irq.frameSegmentDone(c);
                } else {
                    exec.segmentDone(c);
                }
                break;
            }
            case EV_CLOCKEVENT: {
                Cpu c = cpus[arg];
                self = c;
                irq.clockEvent(c);
                break;
            }
            case EV_IPI_RESCHED: {
                Cpu c = cpus[arg];
                self = c;
                irq.ipiArrived(c, Cpu.VEC_RESCHEDULE);
                break;
            }
            case EV_IPI_CFS: {
                Cpu c = cpus[arg];
                self = c;
                irq.ipiArrived(c, Cpu.VEC_CALL_FUNCTION_SINGLE);
                break;
            }
            case EV_DEVICE:
                irq.deviceArrival(arg);
                break;
            case EV_NMI:
                irq.nmiArrival(arg);
                break;
            default:
                throw new IllegalStateException("event kind " + kind);
        }
    }

    /**
     * Boot: tasks released at 0 are forked onto their CPUs before time starts; later releases
     * are hrtimers on their CPU, so their wakeup comes from an interrupt like any other.
     */
    private void boot() {
        irq.boot();
        for (int i = 0; i < nrSpecTasks; i++) {
            Task t = tasks[i];
            Cpu c = cpus[t.cpu];
            self = c;
            if (t.releaseNs <= 0) {
                sched.wakeUpNewTask(t);
            } else {
                irq.hrtimerStart(t, c, t.releaseNs);
            }
        }
        for (Cpu c : cpus) {
            c.acctSinceNs = 0;
            c.acctCat = Cpu.ACCT_IDLE;
            if (c.curr.tifNeedResched) {
                self = c;
                armSegment(c, 0);
            }
        }
    }

    public boolean finished() {
        return finished;
    }

    /** The kernel bug that stopped the run, or null. */
    public KernelBug bugReport() {
        return bug;
    }

    // ================================================================== segments and accounting

    /**
     * The top context works for {@code ns}. A task-context kernel segment also pays the CPU's
     * unpaid operation costs, so they show up as system time of the code that executed them.
     */
    public void startSegment(Cpu c, long ns) {
        Task t = c.curr;
        if (c.depth == 0 && !(t.user && t.k == Exec.K_SEG) && !t.isIdle) {
            ns += c.debtNs;
            c.debtNs = 0;
        }
        c.segActive = true;
        c.segEndNs = now + ns;
        queue.arm(c.segTimer, c.segEndNs);
        acctSwitch(c);
    }

    /** Arm the CPU's segment timer for a waiting task context (a spin handoff, an idle wake). */
    public void armSegment(Cpu c, long ns) {
        c.segActive = true;
        c.segEndNs = now + ns;
        queue.arm(c.segTimer, c.segEndNs);
    }

    /** Stop the current segment; returns the work left. */
    public long suspendSegment(Cpu c) {
        queue.cancel(c.segTimer);
        c.segActive = false;
        return c.segEndNs - now;
    }

    /**
     * Close the accounting interval at now and open one for what the CPU does from now on. When
     * that is what it did already (one kernel segment after another), the open interval just goes
     * on: closing it later adds the same nanoseconds.
     */
    public void acctSwitch(Cpu c) {
        int cat = category(c);
        Task t = c.curr;
        if (cat == c.acctCat && t == c.acctTask) {
            return;
        }
        closeAcct(c);
        c.acctCat = cat;
        c.acctTask = t;
    }

    private void closeAcct(Cpu c) {
        long d = now - c.acctSinceNs;
        if (d > 0) {
            c.acctNs[c.acctCat] += d;
            if (c.acctCat == Cpu.ACCT_USER) {
                c.acctTask.userWorkNs += d;
            }
        }
        c.acctSinceNs = now;
    }

    private static int category(Cpu c) {
        if (c.depth > 0) {
            return c.frameKind[c.depth] == Cpu.F_SOFTIRQ ? Cpu.ACCT_SOFTIRQ : Cpu.ACCT_HARDIRQ;
        }
        Task t = c.curr;
        if (t.isIdle && t.k == Exec.K_IDLE) {
            return Cpu.ACCT_IDLE;
        }
        if (t.user && t.k == Exec.K_SEG && c.segActive) {
            return Cpu.ACCT_USER;
        }
        if (t.servingSoftirq) {
            return Cpu.ACCT_SOFTIRQ;
        }
        return Cpu.ACCT_SYSTEM;
    }

    /** Adds an operation cost to the CPU's debt, paid by its next kernel segment. */
    public void chargeDebt(Cpu c, long ns) {
        c.debtNs += ns;
    }

    public void chargePreemptOp(Cpu c) {
        stats.preemptCountOps++;
        c.debtNs += costs.preemptCountOpNs();
    }

    void chargeReschedCheck(Cpu c) {
        stats.reschedChecks++;
        c.debtNs += costs.reschedCheckNs();
    }

    // ================================================================== preempt_count

    /** preempt_count_add(val): traced when it takes the whole count from 0 to val. */
    public void preemptCountAdd(Cpu c, int val) {
        c.preemptCount += val;
        if (preemptEvents && c.count() == val) {
            tp.preemptDisable(now, c);
        }
    }

    /** preempt_count_sub(val): DEBUG_PREEMPT's underflow checks, traced when it returns the count to 0. */
    public void preemptCountSub(Cpu c, int val) {
        int count = c.count();
        if (debug) {
            if (val > count) {
                throw bug("WARNING: preempt_count underflow: DEBUG_LOCKS_WARN_ON(val > preempt_count())", c, c.curr,
                    String.format("preempt_count: %x, sub: %x", count, val));
            }
            if (val < PreemptCount.PREEMPT_MASK && (count & PreemptCount.PREEMPT_MASK) == 0) {
                throw bug("WARNING: preempt_count underflow: DEBUG_LOCKS_WARN_ON((val < PREEMPT_MASK) && !(preempt_count() & PREEMPT_MASK))",
                    c, c.curr, String.format("preempt_count: %x, sub: %x", count, val));
            }
        }
        if (preemptEvents && count == val) {
            tp.preemptEnable(now, c);
        }
        c.preemptCount -= val;
    }

    /** preempt_disable(): a counted, traced increment where PREEMPT_COUNT exists, else nothing. */
    public void preemptDisable(Cpu c) {
        if (preemptCountOn) {
            preemptCountAdd(c, 1);
            chargePreemptOp(c);
        }
    }

    /** preempt_enable_no_resched() / sched_preempt_enable_no_resched(). */
    public void preemptEnableNoResched(Cpu c) {
        if (preemptCountOn) {
            preemptCountSub(c, 1);
            chargePreemptOp(c);
        }
    }

    /** __local_bh_disable_ip(cnt): a notrace add, traced by hand when it takes the count from 0. */
    public void localBhDisable(Cpu c, int cnt) {
        c.preemptCount += cnt;
        if (preemptEvents && c.count() == cnt) {
            tp.preemptDisable(now, c);
        }
    }

    // ================================================================== the IRQ flag

    public void localIrqDisable(Cpu c) {
        if (!c.irqsDisabled) {
            c.irqsDisabled = true;
            tp.irqDisable(now, c);
        }
    }

    /** local_irq_enable(); returns true when a pending interrupt was taken at once (the caller stops). */
    public boolean localIrqEnable(Cpu c) {
        if (c.irqsDisabled) {
            tp.irqEnable(now, c); // trace_hardirqs_on() runs before the flag is set
            c.irqsDisabled = false;
            if (irq.hasPending(c)) {
                irq.deliver(c);
                return true;
            }
        }
        return false;
    }

    /** The IRQ flag goes on without delivering (the caller delivers). */
    public void localIrqEnableNoDeliver(Cpu c) {
        if (c.irqsDisabled) {
            tp.irqEnable(now, c);
            c.irqsDisabled = false;
        }
    }

    // ================================================================== the preemption mode

    /** sched_dynamic_update(mode): what writing /sys/kernel/debug/sched/preempt does. */
    public void setMode(Mode m, Cpu c, Task t) {
        String refusal = profile.modeSwitchRefusal(build, m);
        if (refusal != null) {
            throw bug("Dynamic Preempt: unsupported mode: " + m.sysfsName(), c, t, refusal);
        }
        mode = m;
        row = table.row(m);
    }

    // ================================================================== debug reports

    public KernelBug bug(String headline, Cpu c, Task t) {
        return bug(headline, c, t, null);
    }

    /** Builds a kernel-bug report naming CPU, time, task and program step. */
    public KernelBug bug(String headline, Cpu c, Task t, String details) {
        StringBuilder sb = new StringBuilder();
        if (details != null) {
            sb.append(details).append('\n');
        }
        sb.append(String.format("CPU: %d PID: %d Comm: %s at %.6f s (%d ns)", c.id, t.pid, t.comm, now / 1e9, now));
        if (t.prog != null && t.stepPc < t.prog.length()) {
            sb.append("\nstep: ").append(t.prog.describe(t.stepPc));
        }
        sb.append("\nmodel: ").append(model.name());
        return new KernelBug(headline, sb.toString());
    }
}
