package org.preemptsim.trace;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the kernel's ftrace tracepoints into {@link TraceRecord}s, as the kernel's trace event
 * machinery records them, and hands the ones the {@link TraceOptions} keep to a writer.
 *
 * <p>Bare tracepoints (sched_set_need_resched, sched_entry/exit, sched_set_state) and the
 * simulator's measurement hooks are not ftrace events: they are ignored. One record object is
 * reused, so memory does not grow with the run; only the pid-to-comm map (one entry per task)
 * and the highest CPU seen are kept.
 */
public abstract class RecordingSink implements TraceSink, Closeable {

    protected final TraceOptions options;
    private final TraceRecord rec = new TraceRecord();
    /** saved_cmdlines: every task seen, in first-seen order. */
    private final Map<Integer, String> cmdlines = new LinkedHashMap<>();
    private int maxCpu = -1;
    private long written;

    protected RecordingSink(TraceOptions options) {
        this.options = options;
    }

    /** Stores one kept record. */
    protected abstract void write(TraceRecord r) throws IOException;

    /** Entries written so far (entries-in-buffer/entries-written: nothing is ever overwritten). */
    public long entries() {
        return written;
    }

    /** The CPU count for headers: the option's, or one more than the highest CPU seen. */
    protected int nrCpus() {
        return Math.max(options.nrCpus(), maxCpu + 1);
    }

    /** pid to comm for every task seen but the idle tasks (pid 0 prints as "&lt;idle&gt;"). */
    protected Map<Integer, String> cmdlines() {
        return cmdlines;
    }

    /** task_struct.comm as the kernel copies it: at most TASK_COMM_LEN - 1 characters. */
    static String comm(Task t) {
        String c = t.comm;
        return c.length() < FtraceEvent.COMM_LEN ? c : c.substring(0, FtraceEvent.COMM_LEN - 1);
    }

    private void seen(Task t) {
        if (t != null && t.pid != 0) {
            cmdlines.putIfAbsent(t.pid, comm(t));
        }
    }

    /** The record for {@code e} with its common header filled, or null when the options drop it. */
    private TraceRecord begin(FtraceEvent e, long ns, Cpu cpu) {
        maxCpu = Math.max(maxCpu, cpu.id);
        if (!options.keepsTime(ns) || !options.keepsCpu(cpu.id) || !options.keepsEvent(e)) {
            return null;
        }
        TraceRecord r = rec;
        r.event = e;
        r.ns = ns;
        r.cpu = cpu.id;
        Task curr = cpu.curr;
        r.pid = curr == null ? 0 : curr.pid;
        r.comm = curr == null ? "" : comm(curr);
        seen(curr);
        r.flags = TraceFlags.flags(cpu);
        r.preemptCount = TraceFlags.preemptCount(cpu);
        return r;
    }

    private void end(TraceRecord r) {
        try {
            write(r);
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- sched

    @Override
    public void schedSwitch(long ns, Cpu cpu, boolean preempt, Task prev, int prevState, Task next) {
        seen(next);
        TraceRecord r = begin(FtraceEvent.SCHED_SWITCH, ns, cpu);
        if (r == null) {
            return;
        }
        r.str[0] = comm(prev);
        r.num[1] = prev.pid;
        r.num[2] = prev.prio;
        r.num[3] = TaskStates.report(prevState);
        r.str[4] = comm(next);
        r.num[5] = next.pid;
        r.num[6] = next.prio;
        end(r);
    }

    private void wakeup(FtraceEvent e, long ns, Cpu cpu, Task p) {
        seen(p);
        TraceRecord r = begin(e, ns, cpu);
        if (r == null) {
            return;
        }
        r.str[0] = comm(p);
        r.num[1] = p.pid;
        r.num[2] = p.prio;
        r.num[3] = p.cpu;
        end(r);
    }

    @Override
    public void schedWaking(long ns, Cpu cpu, Task p) {
        wakeup(FtraceEvent.SCHED_WAKING, ns, cpu, p);
    }

    @Override
    public void schedWakeup(long ns, Cpu cpu, Task p) {
        wakeup(FtraceEvent.SCHED_WAKEUP, ns, cpu, p);
    }

    @Override
    public void schedWakeupNew(long ns, Cpu cpu, Task p) {
        wakeup(FtraceEvent.SCHED_WAKEUP_NEW, ns, cpu, p);
    }

    @Override
    public void schedMigrateTask(long ns, Cpu cpu, Task p, int origCpu, int destCpu) {
        seen(p);
        TraceRecord r = begin(FtraceEvent.SCHED_MIGRATE_TASK, ns, cpu);
        if (r == null) {
            return;
        }
        r.str[0] = comm(p);
        r.num[1] = p.pid;
        r.num[2] = p.prio;
        r.num[3] = origCpu;
        r.num[4] = destCpu;
        end(r);
    }

    @Override
    public void schedPiSetprio(long ns, Cpu cpu, Task t, int oldPrio, int newPrio) {
        seen(t);
        TraceRecord r = begin(FtraceEvent.SCHED_PI_SETPRIO, ns, cpu);
        if (r == null) {
            return;
        }
        r.str[0] = comm(t);
        r.num[1] = t.pid;
        r.num[2] = oldPrio;
        r.num[3] = newPrio;
        end(r);
    }

    @Override
    public void schedWakeIdleWithoutIpi(long ns, Cpu cpu, int targetCpu) {
        TraceRecord r = begin(FtraceEvent.SCHED_WAKE_IDLE_WITHOUT_IPI, ns, cpu);
        if (r == null) {
            return;
        }
        r.num[0] = targetCpu;
        end(r);
    }

    // ---- interrupts

    @Override
    public void irqHandlerEntry(long ns, Cpu cpu, int irq, String name) {
        TraceRecord r = begin(FtraceEvent.IRQ_HANDLER_ENTRY, ns, cpu);
        if (r == null) {
            return;
        }
        r.num[0] = irq;
        r.str[1] = name;
        end(r);
    }

    @Override
    public void irqHandlerExit(long ns, Cpu cpu, int irq, boolean handled) {
        TraceRecord r = begin(FtraceEvent.IRQ_HANDLER_EXIT, ns, cpu);
        if (r == null) {
            return;
        }
        r.num[0] = irq;
        r.num[1] = handled ? 1 : 0;
        end(r);
    }

    private void vector(long ns, Cpu cpu, int vector, boolean entry) {
        FtraceEvent e = FtraceEvent.vectorEvent(vector, entry);
        if (e == null) {
            return;
        }
        TraceRecord r = begin(e, ns, cpu);
        if (r == null) {
            return;
        }
        r.num[0] = vector;
        end(r);
    }

    @Override
    public void vectorEntry(long ns, Cpu cpu, int vector) {
        vector(ns, cpu, vector, true);
    }

    @Override
    public void vectorExit(long ns, Cpu cpu, int vector) {
        vector(ns, cpu, vector, false);
    }

    private void softirq(FtraceEvent e, long ns, Cpu cpu, int vec) {
        TraceRecord r = begin(e, ns, cpu);
        if (r == null) {
            return;
        }
        r.num[0] = vec;
        end(r);
    }

    @Override
    public void softirqRaise(long ns, Cpu cpu, int vec) {
        softirq(FtraceEvent.SOFTIRQ_RAISE, ns, cpu, vec);
    }

    @Override
    public void softirqEntry(long ns, Cpu cpu, int vec) {
        softirq(FtraceEvent.SOFTIRQ_ENTRY, ns, cpu, vec);
    }

    @Override
    public void softirqExit(long ns, Cpu cpu, int vec) {
        softirq(FtraceEvent.SOFTIRQ_EXIT, ns, cpu, vec);
    }

    // ---- preemptirq

    /** A preemptirq event; its call site is worked out only when the options keep it. */
    private void preemptirq(FtraceEvent e, long ns, Cpu cpu) {
        TraceRecord r = begin(e, ns, cpu);
        if (r == null) {
            return;
        }
        int site;
        if (e == FtraceEvent.IRQ_ENABLE || e == FtraceEvent.IRQ_DISABLE) {
            site = CallSites.irq(cpu, e == FtraceEvent.IRQ_ENABLE);
        } else {
            site = CallSites.preempt(cpu, e == FtraceEvent.PREEMPT_ENABLE);
        }
        r.num[0] = CallSites.callerOffs(site);
        r.num[1] = CallSites.parentOffs(site);
        end(r);
    }

    @Override
    public void preemptDisable(long ns, Cpu cpu) {
        preemptirq(FtraceEvent.PREEMPT_DISABLE, ns, cpu);
    }

    @Override
    public void preemptEnable(long ns, Cpu cpu) {
        preemptirq(FtraceEvent.PREEMPT_ENABLE, ns, cpu);
    }

    @Override
    public void irqDisable(long ns, Cpu cpu) {
        preemptirq(FtraceEvent.IRQ_DISABLE, ns, cpu);
    }

    @Override
    public void irqEnable(long ns, Cpu cpu) {
        preemptirq(FtraceEvent.IRQ_ENABLE, ns, cpu);
    }
}
