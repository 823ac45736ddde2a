package org.preemptsim.metrics;

import org.preemptsim.engine.EventQueue;
import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Kernel;
import org.preemptsim.kernel.LockSpec;
import org.preemptsim.kernel.locking.LockInst;
import org.preemptsim.kernel.locking.Locks;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.PreemptPoint;
import org.preemptsim.kernel.Stats;
import org.preemptsim.kernel.Task;
import org.preemptsim.kernel.debug.KernelBug;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.metrics.blame.Analysis;
import org.preemptsim.metrics.blame.AnalysisReport;
import org.preemptsim.trace.TraceBus;
import org.preemptsim.trace.TraceSink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Boots a machine under one model, runs it, and turns what the kernel counted into a {@link RunResult}. */
public final class Simulation {

    private Simulation() {
    }

    public static RunResult run(MachineSpec spec, Model model) {
        return run(spec, model, PreemptTable.KERNEL, List.of());
    }

    /** As {@link #run(MachineSpec, Model)}, also reporting what {@code measure} asks for. */
    public static RunResult run(MachineSpec spec, Model model, Measure measure) {
        return boot(spec, model, PreemptTable.KERNEL, List.of(), measure).run();
    }

    public static RunResult run(MachineSpec spec, Model model, PreemptTable table, List<TraceSink> observers) {
        return boot(spec, model, table, observers).run();
    }

    /**
     * A booted machine with its latency recorder and, when the measure asks for it, the analysis
     * observer; ready to run once.
     */
    public record Booted(Kernel kernel, LatencyRecorder recorder, Analysis analysis, Measure measure) {
        public RunResult run() {
            kernel.run();
            return summarise(kernel, recorder, analysis, measure);
        }
    }

    /** A kernel wired to a latency recorder (first sink) and the given observers, not yet run. */
    public static Booted boot(MachineSpec spec, Model model, PreemptTable table, List<TraceSink> observers) {
        return boot(spec, model, table, observers, Measure.NONE, null);
    }

    /** As above, with the analysis observer attached after the others when {@code measure} asks for it. */
    public static Booted boot(MachineSpec spec, Model model, PreemptTable table, List<TraceSink> observers, Measure measure) {
        return boot(spec, model, table, observers, measure, null);
    }

    /** As above on the given empty event queue; null: the kernel's own {@code IndexedHeap}. */
    public static Booted boot(MachineSpec spec, Model model, PreemptTable table, List<TraceSink> observers, Measure measure,
                              EventQueue queue) {
        int nTasks = spec.tasks().size() + 2 * spec.cpus();
        LatencyRecorder rec = new LatencyRecorder(nTasks, spec.cpus());
        Analysis analysis = measure.analysis() ? new Analysis(spec.cpus(), model, measure.worst()) : null;
        TraceSink sink;
        if (observers.isEmpty() && analysis == null) {
            sink = rec;
        } else {
            TraceBus bus = new TraceBus();
            bus.register(rec);
            for (TraceSink o : observers) {
                bus.register(o);
            }
            if (analysis != null) {
                bus.register(analysis);
            }
            sink = bus;
        }
        Kernel k = queue == null ? new Kernel(spec, model, table, sink) : new Kernel(spec, model, table, sink, queue);
        return new Booted(k, rec, analysis, measure);
    }

    /** cyclictest -h: 1 µs buckets, counted from the HdrHistogram. */
    static RunResult.Histogram histogram(LatencyStats ls, int buckets) {
        long bucketNs = 1_000;
        long[] counts = new long[buckets];
        long inRange = 0;
        for (int b = 0; b < buckets; b++) {
            long lo = b * bucketNs;
            counts[b] = ls.histogram().getCountBetweenValues(lo, lo + bucketNs - 1);
            inRange += counts[b];
        }
        return new RunResult.Histogram(bucketNs, counts, ls.count() - inRange);
    }

    static RunResult summarise(Kernel k, LatencyRecorder rec, Analysis analysis, Measure measure) {
        KernelBug bug = k.bugReport();
        String model = k.model.name();
        if (bug != null) {
            return new RunResult(model, bug.headline(), bug.report(), null, null, List.of(), null);
        }
        long durationNs = k.spec.durationNs();
        long userNs = 0;
        List<RunResult.TaskResult> tasks = new ArrayList<>();
        for (int i = 0; i < k.nrSpecTasks; i++) {
            Task t = k.tasks[i];
            if (!t.measured) {
                userNs += t.userWorkNs;
            }
            LatencyStats ls = rec.task(i);
            LatencyStats irqLs = rec.taskIrq(i);
            LatencyStats resp = rec.taskResponse(i);
            int buckets = measure.buckets(i);
            tasks.add(new RunResult.TaskResult(t.comm, t.pid, t.cpu, t.measured, t.userWorkNs, t.nvcsw, t.nivcsw,
                ls == null ? null : RunResult.Latency.of(ls), ls == null ? null : ls.last(),
                irqLs == null ? null : RunResult.Latency.of(irqLs),
                resp == null ? null : new RunResult.Response(resp.count(), resp.min(), resp.avg(), resp.percentile(99.0),
                    resp.max(), rec.deadlineMisses(i), t.overruns),
                ls == null || buckets == 0 ? null : histogram(ls, buckets)));
        }
        long userPerS = Math.round(userNs * 1e9 / durationNs);
        String[] cats = {"user", "system", "hardirq", "softirq", "idle"};
        Map<String, Long> cpuTime = new LinkedHashMap<>();
        for (int i = 0; i < cats.length; i++) {
            long s = 0;
            for (Cpu c : k.cpus) {
                s += c.acctNs[i];
            }
            cpuTime.put(cats[i], s);
        }
        Stats st = k.stats;
        Map<String, Long> preemptions = new LinkedHashMap<>();
        for (int p = 0; p < PreemptPoint.COUNT; p++) {
            if (p != PreemptPoint.SCHEDULE) {
                preemptions.put(PreemptPoint.name(p), st.preemptions[p]);
            }
        }
        Map<String, Long> ops = new LinkedHashMap<>();
        ops.put("preempt_count", st.preemptCountOps);
        ops.put("resched_check", st.reschedChecks);
        ops.put("might_resched", st.mightReschedCalls);
        ops.put("cond_resched", st.condReschedCalls);
        ops.put("rcu_read", st.rcuReadOps);
        ops.put("preempt_code_sections", st.preemptCodeSections);
        ops.put("debug_checks", st.debugChecks);
        long switches = 0;
        for (Cpu c : k.cpus) {
            switches += c.nrSwitches;
        }
        RunResult.Counters counters = new RunResult.Counters(st.events, switches, st.wakeups, st.migrations, preemptions,
            st.reschedIpis, st.callFunctionIpis, st.reschedRequests, st.lazyReschedRequests, st.hardirqs, st.nmis,
            st.softirqRuns, ops);
        RunResult r = new RunResult(model, "ok", null, RunResult.Latency.of(rec.all()),
            new RunResult.Throughput(userPerS, cpuTime), tasks, counters);
        if (!k.spec.locks().isEmpty()) {
            r = r.withLocking(locking(k));
        }
        return analysis == null ? r : withAnalysis(r, k, rec, analysis);
    }

    private static RunResult withAnalysis(RunResult r, Kernel k, LatencyRecorder rec, Analysis analysis) {
        AnalysisReport a = new AnalysisReport(analysis, k);
        long[] observedMax = new long[k.nrSpecTasks];
        for (int i = 0; i < k.nrSpecTasks; i++) {
            LatencyStats ls = rec.task(i);
            observedMax[i] = ls == null ? -1 : ls.max();
        }
        return r.withAnalysis(Histograms.of(k, rec), a.blame(), a.tracers(),
            Accounting.of(k, rec, a.scheduleCalls(), a.switchIns()), a.bound(observedMax));
    }

    private static final String[] WORDS = {"", "spin", "rwspin", "rtlock", "rt_mutex", "mutex", "semaphore", "rwbase", "none"};

    static RunResult.Locking locking(Kernel k) {
        Locks locks = k.locks;
        List<RunResult.LockResult> list = new ArrayList<>();
        for (int d = 0; d < k.spec.locks().size(); d++) {
            long acq = 0;
            long cont = 0;
            long blocked = 0;
            long spin = 0;
            int word = 0;
            for (int i = 0; i < locks.instances(); i++) {
                LockInst l = locks.instance(i);
                if (l.decl == d) {
                    acq += l.acquisitions;
                    cont += l.contentions;
                    blocked += l.blockedNs;
                    spin += l.spinNs;
                    word = l.impl;
                }
            }
            LockSpec spec = k.spec.locks().get(d);
            list.add(new RunResult.LockResult(spec.name(), spec.kind().key(), WORDS[word], acq, cont, blocked, spin));
        }
        Stats st = k.stats;
        return new RunResult.Locking(list, st.piBoosts, st.piSetprio, st.longestBoostNs, st.longestInversionNs);
    }
}
