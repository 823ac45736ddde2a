package org.preemptsim.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.PreemptCount;
import org.preemptsim.kernel.Task;
import org.preemptsim.kernel.irq.Softirq;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the Chrome/Perfetto JSON trace-event format (ui.perfetto.dev and chrome://tracing open
 * it): one thread track per CPU (pid 1, tid = CPU + 1) holding the running task's slice with, nested
 * inside it, softirq slices and inside those hardirq slices (B/E pairs, always properly nested); an
 * instant for every wakeup and need_resched; per-CPU counters of preempt_count and nr_running; and
 * a flow arrow from each sched_wakeup to the woken task's next switch-in.
 *
 * <p>nr_running is counted from the events alone, as the kernel's rq->nr_running moves: +1 when a
 * task becomes runnable (sched_wakeup, sched_wakeup_new), -1 when it switches out blocked, moved
 * by sched_migrate_task while runnable. The idle task is never counted. Events stream through
 * Jackson's generator: memory is the per-CPU slice stacks and one entry per task.
 */
public final class PerfettoJsonWriter implements TraceSink, Closeable {

    static final int PID = 1;

    private final JsonGenerator g;
    private final OutputStream out;
    private final TraceOptions options;
    /** Per CPU: open slices, bottom first (name, category). */
    private final List<List<String[]>> stacks = new ArrayList<>();
    private int[] lastPreemptCount = new int[0];
    private int[] nrRunning = new int[0];
    private boolean[] described = new boolean[0];
    /** Per task: runnable (counted in nr_running) and where, and the wakeup flow waiting for its switch-in. */
    private final Map<Integer, int[]> tasks = new HashMap<>();
    private long nextFlowId = 1;
    private boolean inWindow;
    private boolean windowClosed;
    private long lastNs;
    private boolean closed;

    PerfettoJsonWriter(OutputStream out, TraceOptions options) throws IOException {
        this.out = out;
        this.options = options;
        this.g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        g.writeStartObject();
        g.writeStringField("displayTimeUnit", "ns");
        g.writeArrayFieldStart("traceEvents");
        g.writeStartObject();
        g.writeStringField("ph", "M");
        g.writeStringField("name", "process_name");
        g.writeNumberField("pid", PID);
        g.writeObjectFieldStart("args");
        g.writeStringField("name", "CPUs");
        g.writeEndObject();
        g.writeEndObject();
        for (int c = 0; c < options.nrCpus(); c++) {
            cpuState(c);
        }
    }

    // ================================================================== state

    private void cpuState(int c) throws IOException {
        while (stacks.size() <= c) {
            stacks.add(new ArrayList<>());
        }
        if (lastPreemptCount.length <= c) {
            int n = c + 1;
            int old = lastPreemptCount.length;
            lastPreemptCount = Arrays.copyOf(lastPreemptCount, n);
            Arrays.fill(lastPreemptCount, old, n, -1);
            nrRunning = Arrays.copyOf(nrRunning, n);
            described = Arrays.copyOf(described, n);
        }
        if (!described[c] && options.keepsCpu(c)) {
            described[c] = true;
            meta("thread_name", c, "name", "CPU " + c);
            meta("thread_sort_index", c, "sort_index", null);
        }
    }

    /** {runnable 0/1, cpu, pending flow id (0 = none), running 0/1} of a task, as the events showed it. */
    private int[] task(Task t) {
        return tasks.computeIfAbsent(t.pid, p -> new int[] {0, t.cpu, 0, 0});
    }

    /** Called first by every tracepoint: the window, the CPU's track, the lazy first task slice. */
    private boolean enter(long ns, Cpu cpu) throws IOException {
        lastNs = Math.max(lastNs, ns);
        cpuState(cpu.id);
        if (!inWindow && !windowClosed && options.keepsTime(ns)) {
            inWindow = true;
            for (int c = 0; c < stacks.size(); c++) {
                for (String[] s : stacks.get(c)) {
                    slice("B", c, options.fromNs(), s[0], s[1]);
                }
            }
        } else if (inWindow && ns > options.toNs()) {
            closeAll(options.toNs());
            inWindow = false;
            windowClosed = true;
        }
        List<String[]> st = stacks.get(cpu.id);
        if (st.isEmpty() && cpu.curr != null && !cpu.curr.isIdle) {
            push(cpu.id, ns, taskName(cpu.curr), "task");
        }
        return inWindow && options.keepsCpu(cpu.id);
    }

    private void push(int c, long ns, String name, String cat) throws IOException {
        stacks.get(c).add(new String[] {name, cat});
        if (inWindow && options.keepsCpu(c)) {
            slice("B", c, ns, name, cat);
        }
    }

    /** Ends the innermost open slice of {@code cat} and everything nested in it. */
    private void pop(int c, long ns, String cat) throws IOException {
        List<String[]> st = stacks.get(c);
        int at = st.size() - 1;
        while (at >= 0 && !st.get(at)[1].equals(cat)) {
            at--;
        }
        while (at >= 0 && st.size() > at) {
            String[] s = st.remove(st.size() - 1);
            if (inWindow && options.keepsCpu(c)) {
                slice("E", c, ns, s[0], s[1]);
            }
        }
    }

    private void closeAll(long ns) throws IOException {
        for (int c = 0; c < stacks.size(); c++) {
            List<String[]> st = stacks.get(c);
            for (int i = st.size() - 1; i >= 0; i--) {
                if (options.keepsCpu(c)) {
                    slice("E", c, ns, st.get(i)[0], st.get(i)[1]);
                }
            }
        }
    }

    /** The counters of a CPU that changed since they were last written. */
    private void counters(long ns, Cpu cpu) throws IOException {
        int pc = PreemptCount.count(cpu.preemptCount);
        if (pc != lastPreemptCount[cpu.id]) {
            lastPreemptCount[cpu.id] = pc;
            counter(ns, "preempt_count cpu" + cpu.id, pc);
        }
    }

    private void nrRunning(long ns, int c, int delta) throws IOException {
        cpuState(c);
        nrRunning[c] += delta;
        if (inWindow && options.keepsCpu(c)) {
            counter(ns, "nr_running cpu" + c, nrRunning[c]);
        }
    }

    private static String taskName(Task t) {
        return t.comm + "-" + t.pid;
    }

    // ================================================================== JSON

    private static String ts(long ns) {
        long us = ns / 1000;
        long rem = ns % 1000;
        return us + "." + (rem < 10 ? "00" : rem < 100 ? "0" : "") + rem;
    }

    private void head(String ph, int c, long ns, String name, String cat) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", ph);
        g.writeNumberField("pid", PID);
        g.writeNumberField("tid", c + 1);
        g.writeFieldName("ts");
        g.writeNumber(ts(ns));
        g.writeStringField("name", name);
        if (cat != null) {
            g.writeStringField("cat", cat);
        }
    }

    private void slice(String ph, int c, long ns, String name, String cat) throws IOException {
        head(ph, c, ns, name, cat);
        g.writeEndObject();
    }

    private void instant(int c, long ns, String name, String cat, String argName, String argValue) throws IOException {
        head("i", c, ns, name, cat);
        g.writeStringField("s", "t");
        g.writeObjectFieldStart("args");
        g.writeStringField(argName, argValue);
        g.writeEndObject();
        g.writeEndObject();
    }

    private void counter(long ns, String name, long value) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "C");
        g.writeNumberField("pid", PID);
        g.writeFieldName("ts");
        g.writeNumber(ts(ns));
        g.writeStringField("name", name);
        g.writeObjectFieldStart("args");
        g.writeNumberField("value", value);
        g.writeEndObject();
        g.writeEndObject();
    }

    private void flow(String ph, int c, long ns, long id) throws IOException {
        head(ph, c, ns, "wakeup", "wakeup");
        g.writeNumberField("id", id);
        if (ph.equals("f")) {
            g.writeStringField("bp", "e");
        }
        g.writeEndObject();
    }

    private void meta(String what, int c, String argName, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "M");
        g.writeStringField("name", what);
        g.writeNumberField("pid", PID);
        g.writeNumberField("tid", c + 1);
        g.writeObjectFieldStart("args");
        if (value != null) {
            g.writeStringField(argName, value);
        } else {
            g.writeNumberField(argName, c);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (inWindow) {
                closeAll(Math.min(lastNs, options.toNs()));
            }
            g.writeEndArray();
            g.writeEndObject();
            g.close();
        } finally {
            out.close();
        }
    }

    // ================================================================== tracepoints

    private interface Body {
        void run(boolean out) throws IOException;
    }

    /** Runs one tracepoint's handling with the window/track bookkeeping and the counters after it. */
    private void on(long ns, Cpu cpu, Body body) {
        try {
            boolean out = enter(ns, cpu);
            body.run(out);
            if (out) {
                counters(ns, cpu);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void schedSwitch(long ns, Cpu cpu, boolean preempt, Task prev, int prevState, Task next) {
        on(ns, cpu, out -> {
            int c = cpu.id;
            pop(c, ns, "task");
            long report = TaskStates.report(prevState);
            if (!prev.isIdle) {
                task(prev)[3] = 0;
            }
            if (!prev.isIdle && report != 0 && report != TaskStates.REPORT_MAX) {
                int[] p = task(prev);
                if (p[0] == 1) {
                    p[0] = 0;
                    nrRunning(ns, p[1], -1);
                }
            }
            if (!next.isIdle) {
                push(c, ns, taskName(next), "task");
                int[] n = task(next);
                n[3] = 1;
                if (n[2] != 0) {
                    if (out) {
                        flow("f", c, ns, n[2]);
                    }
                    n[2] = 0;
                }
            }
        });
    }

    private void runnable(long ns, Cpu cpu, Task p, boolean out) throws IOException {
        int[] t = task(p);
        if (t[0] == 0 && !p.isIdle) {
            t[0] = 1;
            t[1] = p.cpu;
            nrRunning(ns, p.cpu, +1);
        }
        if (out) {
            instant(cpu.id, ns, "wakeup " + taskName(p), "sched", "target_cpu", Integer.toString(p.cpu));
            if (t[2] == 0 && t[3] == 0) {
                t[2] = (int) nextFlowId++;
                flow("s", cpu.id, ns, t[2]);
            }
        }
    }

    @Override
    public void schedWaking(long ns, Cpu cpu, Task p) {
        on(ns, cpu, out -> {
            if (out) {
                instant(cpu.id, ns, "waking " + taskName(p), "sched", "pid", Integer.toString(p.pid));
            }
        });
    }

    @Override
    public void schedWakeup(long ns, Cpu cpu, Task p) {
        on(ns, cpu, out -> runnable(ns, cpu, p, out));
    }

    @Override
    public void schedWakeupNew(long ns, Cpu cpu, Task p) {
        on(ns, cpu, out -> runnable(ns, cpu, p, out));
    }

    @Override
    public void schedMigrateTask(long ns, Cpu cpu, Task p, int origCpu, int destCpu) {
        on(ns, cpu, out -> {
            int[] t = task(p);
            if (t[0] == 1) {
                nrRunning(ns, t[1], -1);
                nrRunning(ns, destCpu, +1);
            }
            t[1] = destCpu;
        });
    }

    @Override
    public void schedSetNeedResched(long ns, Cpu cpu, Task target, int targetCpu, boolean lazy) {
        on(ns, cpu, out -> {
            cpuState(targetCpu);
            if (inWindow && options.keepsCpu(targetCpu)) {
                instant(targetCpu, ns, lazy ? "need_resched_lazy" : "need_resched", "sched", "task", taskName(target));
            }
        });
    }

    @Override
    public void irqHandlerEntry(long ns, Cpu cpu, int irq, String name) {
        on(ns, cpu, out -> push(cpu.id, ns, "irq/" + irq + " " + name, "hardirq"));
    }

    @Override
    public void irqHandlerExit(long ns, Cpu cpu, int irq, boolean handled) {
        on(ns, cpu, out -> pop(cpu.id, ns, "hardirq"));
    }

    @Override
    public void vectorEntry(long ns, Cpu cpu, int vector) {
        on(ns, cpu, out -> push(cpu.id, ns, Vectors.name(vector), "hardirq"));
    }

    @Override
    public void vectorExit(long ns, Cpu cpu, int vector) {
        on(ns, cpu, out -> pop(cpu.id, ns, "hardirq"));
    }

    @Override
    public void softirqEntry(long ns, Cpu cpu, int vec) {
        on(ns, cpu, out -> push(cpu.id, ns, "softirq " + Softirq.name(vec), "softirq"));
    }

    @Override
    public void softirqExit(long ns, Cpu cpu, int vec) {
        on(ns, cpu, out -> pop(cpu.id, ns, "softirq"));
    }

    @Override
    public void nmiHandler(long ns, Cpu cpu, String name, long deltaNs) {
        on(ns, cpu, out -> {
            if (out) {
                instant(cpu.id, ns, "nmi " + name, "nmi", "delta_ns", Long.toString(deltaNs));
            }
        });
    }

    @Override
    public void preemptDisable(long ns, Cpu cpu) {
        on(ns, cpu, out -> { });
    }

    @Override
    public void preemptEnable(long ns, Cpu cpu) {
        on(ns, cpu, out -> { });
    }

    @Override
    public void irqDisable(long ns, Cpu cpu) {
        on(ns, cpu, out -> { });
    }

    @Override
    public void irqEnable(long ns, Cpu cpu) {
        on(ns, cpu, out -> { });
    }

    @Override
    public void schedEntry(long ns, Cpu cpu, boolean preempt) {
        on(ns, cpu, out -> { });
    }

    @Override
    public void schedExit(long ns, Cpu cpu, boolean isSwitch) {
        on(ns, cpu, out -> { });
    }
}
