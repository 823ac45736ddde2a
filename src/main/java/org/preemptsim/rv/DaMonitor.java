package org.preemptsim.rv;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;
import org.preemptsim.trace.TraceSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The deterministic-automaton monitor machinery of include/rv/da_monitor.h, fed by the simulated
 * kernel's tracepoints. A subclass attaches to the tracepoints it needs (the TraceSink methods it
 * overrides) and turns each into an event on the per-CPU or per-task instance, with the kernel's
 * three handlers:
 * <ul>
 *   <li>{@link #handleEvent}: processed only while the instance is monitoring;</li>
 *   <li>{@link #handleStartEvent}: a monitor not yet running starts in the initial state and
 *       <em>skips</em> the event; a running one processes it;</li>
 *   <li>{@link #handleStartRunEvent}: starts if needed, then processes the event.</li>
 * </ul>
 * An event without a transition (INVALID_STATE, or a failed guard in a hybrid automaton) is a
 * violation: it is reported and the instance resets (monitoring off, initial state) until the next
 * start event. Memory stays constant: a short history per instance and the first few violations.
 */
public abstract class DaMonitor implements TraceSink {

    /** Violations kept in detail per monitor; the rest are counted. */
    public static final int KEPT_VIOLATIONS = 10;
    /** Events of history kept per instance for a violation's report. */
    static final int HISTORY = 16;

    protected final Automaton model;
    private final boolean perTask;
    private Instance[] instances = new Instance[0];
    private long starts;
    private long events;
    private long violations;
    private final List<Violation> kept = new ArrayList<>();

    protected DaMonitor(Automaton model, boolean perTask) {
        this.model = model;
        this.perTask = perTask;
    }

    public final String name() {
        return model.name();
    }

    public final Automaton model() {
        return model;
    }

    public final boolean perTask() {
        return perTask;
    }

    /**
     * Whether a kernel built as {@code preemption} (CONFIG_PREEMPTION) has every tracepoint this
     * monitor attaches to: the preemptirq preempt_disable/enable events need PREEMPT_TRACER, which
     * needs PREEMPTION, so static none/voluntary kernels cannot build wip, scpd or snep.
     */
    public boolean buildable(boolean preemption) {
        return true;
    }

    public final MonitorReport report() {
        return new MonitorReport(name(), perTask, starts, events, violations, kept);
    }

    // ------------------------------------------------------------------ instances

    /** One monitor instance (struct da_monitor): a CPU's or a task's. */
    protected static final class Instance {
        final int cpuOrPid;
        final String comm;
        boolean monitoring;
        int state;
        private final long[] histNs = new long[HISTORY];
        private final int[] histCpu = new int[HISTORY];
        private final int[] histEvent = new int[HISTORY];
        private final int[] histFrom = new int[HISTORY];
        private final int[] histTo = new int[HISTORY];
        private int histLen;
        private int histNext;

        Instance(int cpuOrPid, String comm, int initial) {
            this.cpuOrPid = cpuOrPid;
            this.comm = comm;
            this.state = initial;
        }

        void record(long ns, int cpu, int event, int from, int to) {
            histNs[histNext] = ns;
            histCpu[histNext] = cpu;
            histEvent[histNext] = event;
            histFrom[histNext] = from;
            histTo[histNext] = to;
            histNext = (histNext + 1) % HISTORY;
            histLen = Math.min(histLen + 1, HISTORY);
        }

        List<String> history(Automaton a) {
            List<String> out = new ArrayList<>(histLen);
            for (int i = 0; i < histLen; i++) {
                int j = (histNext - histLen + i + HISTORY) % HISTORY;
                String what;
                if (histTo[j] == STARTED_SKIPPED) {
                    what = "started in " + a.stateName(histFrom[j]) + ", event skipped";
                } else if (histTo[j] == Automaton.INVALID) {
                    what = a.stateName(histFrom[j]) + " -> INVALID";
                } else {
                    what = a.stateName(histFrom[j]) + " -> " + a.stateName(histTo[j]);
                }
                out.add(String.format("%s [%03d] %s: %s", Violation.seconds(histNs[j]), histCpu[j], a.eventName(histEvent[j]), what));
            }
            return out;
        }
    }

    private static final int STARTED_SKIPPED = -2;

    /** The per-CPU monitor of {@code c} (this_cpu_ptr(&da_mon_NAME)). */
    protected final Instance of(Cpu c) {
        return instance(c.id, c.id, null);
    }

    /** The per-task monitor of {@code t} (&t->rv[slot].da_mon). */
    protected final Instance of(Task t) {
        return instance(t.index, t.pid, t.comm);
    }

    private Instance instance(int slot, int cpuOrPid, String comm) {
        if (slot >= instances.length) {
            instances = Arrays.copyOf(instances, Math.max(slot + 1, 2 * instances.length));
        }
        Instance m = instances[slot];
        if (m == null) {
            m = new Instance(cpuOrPid, comm, model.initialState());
            instances[slot] = m;
        }
        return m;
    }

    // ------------------------------------------------------------------ da_monitor.h

    /** da_handle_event: processed only while monitoring. */
    protected final void handleEvent(Instance m, int event, long ns, Cpu cpu) {
        if (m.monitoring) {
            process(m, event, ns, cpu);
        }
    }

    /** da_handle_start_event: start and skip the event, or process it when already running. */
    protected final void handleStartEvent(Instance m, int event, long ns, Cpu cpu) {
        if (!m.monitoring) {
            start(m);
            m.record(ns, cpu.id, event, m.state, STARTED_SKIPPED);
            return;
        }
        process(m, event, ns, cpu);
    }

    /** da_handle_start_run_event: start if needed, then process the event. */
    protected final void handleStartRunEvent(Instance m, int event, long ns, Cpu cpu) {
        if (!m.monitoring) {
            start(m);
        }
        process(m, event, ns, cpu);
    }

    /**
     * A hybrid automaton's guard on the transition {@code state --event-->}, read from the CPU
     * the event fires on: null when it holds (or there is none), else the guard with the values
     * read. Deterministic automata have no guards.
     */
    protected String failedGuard(int state, int event, Cpu cpu) {
        return null;
    }

    private void start(Instance m) {
        m.state = model.initialState();
        m.monitoring = true;
        m.histLen = 0;
        starts++;
    }

    private void process(Instance m, int event, long ns, Cpu cpu) {
        events++;
        int from = m.state;
        int next = model.next(from, event);
        String guard = next == Automaton.INVALID ? null : failedGuard(from, event, cpu);
        if (next != Automaton.INVALID && guard == null) {
            m.record(ns, cpu.id, event, from, next);
            m.state = next;
            return;
        }
        m.record(ns, cpu.id, event, from, Automaton.INVALID);
        violations++;
        if (kept.size() < KEPT_VIOLATIONS) {
            kept.add(new Violation(name(), ns, cpu.id, m.comm == null ? null : m.comm + "-" + m.cpuOrPid,
                model.stateName(from), model.eventName(event), guard, m.history(model)));
        }
        // da_monitor_reset: wait for the next start event.
        m.monitoring = false;
        m.state = model.initialState();
    }
}
