package org.preemptsim.metrics.blame;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.Task;
import org.preemptsim.trace.TraceSink;
import org.preemptsim.trace.Vectors;

/**
 * The "why was it late" observer: it follows every CPU's state from the tracepoint stream alone
 * (the emitting {@link Cpu} at each tracepoint, the tasks in its arguments, and which tracepoints
 * fired) and feeds the blame of every latency sample ({@link Blame}), the latency tracers' figures
 * and the bound's observed variables ({@link Sections}), and a few counters for the overhead
 * accounting.
 *
 * <p>The state of a CPU is read at each of its tracepoints as it will hold until the next one.
 * Some tracepoints fire just before their change (irq_enable before IRQs go on, as
 * trace_hardirqs_on; preempt_enable before the count drops; sched_switch before curr changes;
 * sched_set_need_resched before the flag is set), and the state is read as after it. NMIs emit
 * nmi_handler at their end with their length; their interval is added then. Without the preemptirq
 * events (static none/voluntary builds) a preemption-off section is seen only at the next
 * tracepoint of its CPU.
 *
 * <p>Nothing is allocated per event: per-CPU and per-task logs are primitive arrays that grow by
 * doubling and are trimmed to what a later sample can still reach back to.
 */
public final class Analysis implements TraceSink {

    private final CpuTrack[] cpus;
    final Sections sections;
    final Blame blame;
    final Boosts boosts = new Boosts();
    final IrqNames irqNames = new IrqNames();
    private final boolean preemptEvents;
    /** Measured tasks' histories by task index (null for the others). */
    private TaskHistory[] hist = new TaskHistory[0];
    /** vec + 1 while the task runs a softirq handler in task context (PREEMPT_RT), else 0. */
    private int[] taskSirq = new int[0];
    private long trimmedTo;

    // accounting
    long scheduleCalls;
    long switchIns;

    public Analysis(int nrCpus, Model model, int worst) {
        cpus = new CpuTrack[nrCpus];
        for (int i = 0; i < nrCpus; i++) {
            cpus[i] = new CpuTrack(i);
        }
        this.preemptEvents = model.build().preemption();
        this.sections = new Sections(nrCpus);
        this.blame = new Blame(cpus, boosts, worst);
    }

    /** The preempt/irq disable and enable events exist on this build (CONFIG_PREEMPTION). */
    boolean preemptEvents() {
        return preemptEvents;
    }

    // ================================================================== deriving a CPU's state

    /** Re-reads the state of {@code cpu} at a tracepoint; {@code clear} drops flags about to go off. */
    private void update(Cpu cpu, Task curr, int clear, long ns) {
        CpuTrack c = cpus[cpu.id];
        int d = cpu.depth;
        while (d > 0) {
            int kind = cpu.frameKind[d];
            if (kind == Cpu.F_HARDIRQ) {
                set(c, ns, CpuState.HARDIRQ, cpu.frameArg[d], -1);
                return;
            }
            if (kind == Cpu.F_SOFTIRQ && c.sirqFrame) {
                set(c, ns, CpuState.SOFTIRQ, cpu.frameVec[d], -1);
                return;
            }
            d--; // a softirq frame between handlers, about to return to what lies below
        }
        if (c.inSched) {
            closeSections(c);
            set(c, ns, CpuState.SCHED, c.schedWho, c.schedWhere);
            return;
        }
        int sirq = curr.index < taskSirq.length ? taskSirq[curr.index] : 0;
        if (sirq != 0) {
            set(c, ns, CpuState.SOFTIRQ, sirq - 1, curr.index);
            return;
        }
        if (curr.isIdle) {
            closeSections(c);
            set(c, ns, CpuState.IDLE, curr.index, -1);
            return;
        }
        int s = CpuState.TASK;
        boolean irqOff = cpu.irqsDisabled && (clear & CpuState.IRQS_OFF) == 0;
        boolean preemptOff = cpu.count() != 0 && (clear & CpuState.PREEMPT_OFF) == 0;
        if (irqOff) {
            s |= CpuState.IRQS_OFF;
            if (!c.irqOffOpen) {
                c.irqOffOpen = true;
                c.irqOffWho = curr.index;
                c.irqOffWhere = curr.stepPc;
            }
        } else {
            c.irqOffOpen = false;
        }
        if (preemptOff) {
            s |= CpuState.PREEMPT_OFF;
            if (!c.preemptOffOpen) {
                c.preemptOffOpen = true;
                c.preemptOffWho = curr.index;
                c.preemptOffWhere = curr.stepPc;
            }
        } else {
            c.preemptOffOpen = false;
        }
        if (curr.tifNeedResched) {
            s |= CpuState.NR;
        }
        if (curr.tifNeedReschedLazy) {
            s |= CpuState.NR_LAZY;
        }
        if (c.ipi) {
            s |= CpuState.IPI;
        }
        int boost = curr.prio < curr.normalPrio ? boosts.of(curr) : -1;
        if (curr.prio < curr.normalPrio) {
            s |= CpuState.BOOSTED;
        }
        if (irqOff) {
            set(c, ns, s, c.irqOffWho, c.irqOffWhere);
        } else if (preemptOff) {
            set(c, ns, s, c.preemptOffWho, c.preemptOffWhere);
        } else {
            set(c, ns, s, curr.index, (s & CpuState.BOOSTED) != 0 ? boost : curr.stepPc);
        }
    }

    /** Sections of task context do not survive __schedule or idle. */
    private static void closeSections(CpuTrack c) {
        c.irqOffOpen = false;
        c.preemptOffOpen = false;
    }

    private void set(CpuTrack c, long ns, int s, int who, int where) {
        if (s == c.state && who == c.who && where == c.where) {
            return;
        }
        sections.transition(c.id, ns, c.state, c.where, s, who, where);
        c.log.append(ns, s, who, where);
        c.state = s;
        c.who = who;
        c.where = where;
    }

    /** A remote CPU's flags change (need_resched set there, an IPI sent): same state otherwise. */
    private void setFlags(int cpuId, long ns, int add, int remove) {
        CpuTrack c = cpus[cpuId];
        if (CpuState.ctx(c.state) != CpuState.TASK) {
            return; // read again from the Cpu when it is back in task context
        }
        set(c, ns, (c.state | add) & ~remove, c.who, c.where);
    }

    private TaskHistory history(Task t) {
        if (!t.measured) {
            return null;
        }
        if (t.index >= hist.length) {
            hist = java.util.Arrays.copyOf(hist, Math.max(t.index + 1, hist.length * 2));
        }
        TaskHistory h = hist[t.index];
        if (h == null) {
            h = new TaskHistory(); // once per measured task
            hist[t.index] = h;
        }
        return h;
    }

    // ================================================================== sched

    @Override
    public void schedSwitch(long ns, Cpu cpu, boolean preempt, Task prev, int prevState, Task next) {
        CpuTrack c = cpus[cpu.id];
        c.ipi = false; // a reschedule IPI still on its way finds the switch done
        update(cpu, next, 0, ns);
        if (!next.isIdle) {
            switchIns++;
        } else {
            sections.toIdle(cpu.id);
        }
        sections.switchedTo(next.index, cpu.id, ns);
        TaskHistory hp = history(prev);
        if (hp != null) {
            boolean runnable = preempt || prevState == Task.TASK_RUNNING;
            hp.add(ns, runnable ? TaskHistory.RUNNABLE : TaskHistory.SLEEP, cpu.id);
            hp.exited = prevState == Task.TASK_DEAD;
        }
        TaskHistory hn = history(next);
        if (hn != null) {
            // back from a wakeup: on its way to the sample; else it resumes its own code
            hn.add(ns, hn.woken ? TaskHistory.RETURNING : TaskHistory.RUNNING, cpu.id);
        }
    }

    @Override
    public void schedWaking(long ns, Cpu cpu, Task p) {
        update(cpu, cpu.curr, 0, ns);
        TaskHistory h = history(p);
        if (h != null) {
            h.add(ns, TaskHistory.WAKING, -1);
            h.woken = true;
        }
    }

    @Override
    public void schedWakeup(long ns, Cpu cpu, Task p) {
        woken(ns, cpu, p, true);
    }

    @Override
    public void schedWakeupNew(long ns, Cpu cpu, Task p) {
        woken(ns, cpu, p, false);
    }

    private void woken(long ns, Cpu cpu, Task p, boolean wakeup) {
        update(cpu, cpu.curr, 0, ns);
        if (p.rt()) {
            sections.rtWakeup(p.index, p.prio, ns);
        }
        TaskHistory h = history(p);
        if (h != null) {
            h.add(ns, TaskHistory.RUNNABLE, p.cpu);
            h.woken = wakeup;
        }
    }

    @Override
    public void schedMigrateTask(long ns, Cpu cpu, Task p, int origCpu, int destCpu) {
        update(cpu, cpu.curr, 0, ns);
        TaskHistory h = history(p);
        if (h != null && h.tail > h.head) {
            byte s = h.status[h.tail - 1];
            if (s == TaskHistory.RUNNABLE || s == TaskHistory.WAKING) {
                h.add(ns, s, destCpu);
            }
        }
    }

    @Override
    public void schedWakeIdleWithoutIpi(long ns, Cpu cpu, int targetCpu) {
        update(cpu, cpu.curr, 0, ns);
        cpus[targetCpu].ipi = false;
        setFlags(targetCpu, ns, 0, CpuState.IPI);
    }

    @Override
    public void schedPiSetprio(long ns, Cpu cpu, Task t, int oldPrio, int newPrio) {
        update(cpu, cpu.curr, 0, ns);
        boosts.setprio(t, newPrio, cpu.curr);
        CpuTrack c = cpus[t.cpu];
        if (t.onCpu && c.who == t.index && CpuState.ctx(c.state) == CpuState.TASK
            && (c.state & (CpuState.IRQS_OFF | CpuState.PREEMPT_OFF)) == 0) {
            // the prio is set right after this tracepoint
            boolean boosted = newPrio < t.normalPrio;
            int s = boosted ? c.state | CpuState.BOOSTED : c.state & ~CpuState.BOOSTED;
            set(c, ns, s, t.index, boosted ? boosts.of(t) : t.stepPc);
        }
    }

    // ================================================================== interrupts

    @Override
    public void irqHandlerEntry(long ns, Cpu cpu, int irq, String name) {
        irqNames.device(cpu.frameArg[cpu.depth], irq, name);
        update(cpu, cpu.curr, 0, ns);
    }

    @Override
    public void irqHandlerExit(long ns, Cpu cpu, int irq, boolean handled) {
        update(cpu, cpu.curr, 0, ns);
    }

    @Override
    public void vectorEntry(long ns, Cpu cpu, int vector) {
        irqNames.vector(cpu.frameArg[cpu.depth], vector);
        if (vector == Vectors.RESCHEDULE) {
            cpus[cpu.id].ipi = false;
        }
        update(cpu, cpu.curr, 0, ns);
    }

    @Override
    public void vectorExit(long ns, Cpu cpu, int vector) {
        update(cpu, cpu.curr, 0, ns);
    }

    @Override
    public void softirqRaise(long ns, Cpu cpu, int vec) {
        update(cpu, cpu.curr, 0, ns);
    }

    @Override
    public void softirqEntry(long ns, Cpu cpu, int vec) {
        if (cpu.depth > 0 && cpu.frameKind[cpu.depth] == Cpu.F_SOFTIRQ) {
            cpus[cpu.id].sirqFrame = true;
        } else {
            taskSirq(cpu.curr.index, vec + 1);
        }
        update(cpu, cpu.curr, 0, ns);
    }

    @Override
    public void softirqExit(long ns, Cpu cpu, int vec) {
        if (cpu.depth > 0 && cpu.frameKind[cpu.depth] == Cpu.F_SOFTIRQ) {
            cpus[cpu.id].sirqFrame = false;
        } else {
            taskSirq(cpu.curr.index, 0);
        }
        update(cpu, cpu.curr, 0, ns);
    }

    private void taskSirq(int index, int v) {
        if (index >= taskSirq.length) {
            taskSirq = java.util.Arrays.copyOf(taskSirq, Math.max(index + 1, taskSirq.length * 2));
        }
        taskSirq[index] = v;
    }

    @Override
    public void nmiHandler(long ns, Cpu cpu, String name, long deltaNs) {
        // Emitted at the NMI's end; nothing ran on this CPU meanwhile, so its state is the one in force.
        CpuTrack c = cpus[cpu.id];
        int src = irqNames.nmi(name);
        c.log.nmi(ns - deltaNs, ns, src);
        sections.nmi(cpu.id, ns, deltaNs, src, c.state, c.where);
    }

    // ================================================================== preemptirq

    @Override
    public void preemptDisable(long ns, Cpu cpu) {
        update(cpu, cpu.curr, 0, ns);
        sections.preemptOff(cpu.id, ns, cpu.curr.index, cpu.curr.stepPc, siteCtx(cpu));
    }

    @Override
    public void preemptEnable(long ns, Cpu cpu) {
        update(cpu, cpu.curr, CpuState.PREEMPT_OFF, ns);
        sections.preemptOn(cpu.id, ns, cpu.curr.index, cpu.curr.stepPc, siteCtx(cpu));
    }

    @Override
    public void irqDisable(long ns, Cpu cpu) {
        update(cpu, cpu.curr, 0, ns);
        sections.irqsOff(cpu.id, ns, cpu.curr.index, cpu.curr.stepPc, siteCtx(cpu));
    }

    @Override
    public void irqEnable(long ns, Cpu cpu) {
        update(cpu, cpu.curr, CpuState.IRQS_OFF, ns);
        sections.irqsOn(cpu.id, ns, cpu.curr.index, cpu.curr.stepPc, siteCtx(cpu));
    }

    /** The context a section's end is reported in: the top frame as it is (a softirq frame too). */
    private int siteCtx(Cpu cpu) {
        if (cpu.depth > 0) {
            return cpu.frameKind[cpu.depth] == Cpu.F_SOFTIRQ ? CpuState.SOFTIRQ : CpuState.HARDIRQ;
        }
        return CpuState.ctx(cpus[cpu.id].state);
    }

    // ================================================================== bare tracepoints

    @Override
    public void schedSetNeedResched(long ns, Cpu cpu, Task target, int targetCpu, boolean lazy) {
        update(cpu, cpu.curr, 0, ns);
        // The flag is set right after this tracepoint; a remote full request sends an IPI unless
        // the target polls in idle (then sched_wake_idle_without_ipi follows and clears it).
        boolean ipi = !lazy && targetCpu != cpu.id;
        if (ipi) {
            cpus[targetCpu].ipi = true;
        }
        setFlags(targetCpu, ns, (lazy ? CpuState.NR_LAZY : CpuState.NR) | (ipi ? CpuState.IPI : 0), 0);
    }

    @Override
    public void schedEntry(long ns, Cpu cpu, boolean preempt) {
        CpuTrack c = cpus[cpu.id];
        c.inSched = true;
        c.ipi = false;
        c.schedWho = cpu.curr.index; // the task that called the scheduler, and from which step
        c.schedWhere = cpu.curr.stepPc;
        scheduleCalls++;
        update(cpu, cpu.curr, 0, ns);
        sections.schedEntry(cpu.id);
    }

    @Override
    public void schedExit(long ns, Cpu cpu, boolean isSwitch) {
        cpus[cpu.id].inSched = false;
        update(cpu, cpu.curr, 0, ns);
        Task curr = cpu.curr;
        TaskHistory h = curr.measured ? history(curr) : null;
        boolean returning = h != null && h.tail > h.head && h.status[h.tail - 1] == TaskHistory.RETURNING;
        sections.schedExit(cpu.id, returning ? curr.index : -1);
    }

    @Override
    public void schedSetState(long ns, Cpu cpu, Task t, int state) {
        update(cpu, cpu.curr, 0, ns);
    }

    // ================================================================== measurement points

    @Override
    public void hrtimerExpire(long ns, Cpu cpu, Task owner, long expiryNs) {
        update(cpu, cpu.curr, 0, ns);
        TaskHistory h = history(owner);
        if (h != null) {
            h.fired(ns, cpu.depth == 0 ? -cpu.id - 1 : cpu.id, expiryNs); // a callback in task context: soft
        }
    }

    @Override
    public void latencySample(long ns, Cpu cpu, Task t, long expiryNs) {
        update(cpu, cpu.curr, 0, ns);
        TaskHistory h = history(t);
        if (h == null) {
            return;
        }
        blame.sample(h, t, cpu.id, ns, expiryNs);
        h.add(ns, TaskHistory.RUNNING, cpu.id);
        h.lastExpiryNs = expiryNs;
        h.woken = false;
        CpuTrack c = cpus[cpu.id];
        sections.sampled(cpu.id, ns, t.index, c.state, c.where);
        trim(ns);
    }

    @Override
    public void jobDone(long ns, Cpu cpu, Task t, long releaseNs, long deadlineNs) {
        update(cpu, cpu.curr, 0, ns);
    }

    @Override
    public void preemption(long ns, Cpu cpu, int point) {
        update(cpu, cpu.curr, 0, ns);
        CpuTrack c = cpus[cpu.id];
        c.log.preempted(ns, c.schedWho, c.schedWhere, point); // fired after the pick: curr is already next
    }

    /**
     * Forgets the CPU logs before the earliest instant a later sample can reach back to: the last
     * expiry of each measured task (its next one is later), or its first event before its first
     * sample. A task that exited no longer holds anything back.
     */
    private void trim(long now) {
        long horizon = now;
        for (TaskHistory h : hist) {
            if (h == null || h.exited) {
                continue;
            }
            long pin = h.lastExpiryNs >= 0 ? h.lastExpiryNs : (h.tail > h.head ? h.t[h.head] : now);
            horizon = Math.min(horizon, pin);
        }
        if (horizon <= trimmedTo) {
            return;
        }
        trimmedTo = horizon;
        for (CpuTrack c : cpus) {
            c.log.trim(horizon);
        }
        for (TaskHistory h : hist) {
            if (h != null) {
                h.trim(h.lastExpiryNs >= 0 ? h.lastExpiryNs : horizon);
            }
        }
    }
}
