package org.preemptsim.workload.scenario;

import org.preemptsim.kernel.IrqSourceSpec;
import org.preemptsim.kernel.NmiSourceSpec;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.metrics.Measure;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.Program;
import org.preemptsim.workload.builtin.Workload;
import org.preemptsim.workload.builtin.Workloads;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link Scenario} to a {@link CompiledScenario}: locks and wait queues first, then the
 * written tasks in order (so their task indexes, pids and random streams follow the file), IRQ
 * and NMI sources, then the built-in workloads in order (their locks after the scenario's); last,
 * the raw_spinlock_share makes the first of the spinlock_t locks raw.
 */
public final class ScenarioCompiler {

    private ScenarioCompiler() {
    }

    /** Reads and compiles a scenario file. */
    public static CompiledScenario load(Path file) {
        return compile(ScenarioReader.read(file));
    }

    public static CompiledScenario compile(Scenario s) {
        MachineBuilder mb = new MachineBuilder(s.name()).profile(s.profile()).staticBuild(s.staticBuild()).cpus(s.cpus())
            .hz(s.hz()).llcSize(s.llcSize()).idlePoll(s.idlePoll()).debugChecks(s.debugChecks()).lockdep(s.lockdep()).costs(s.costs())
            .durationNs(s.durationNs()).seed(s.seed());
        CompileContext ctx = new CompileContext(s.file(), s.cpus(), mb);
        for (Scenario.LockDef l : s.locks()) {
            ctx.declareLock(l.name(), l.kind(), l.count(), l.at());
        }
        for (Scenario.Named w : s.waitQueues()) {
            ctx.declareWaitQueue(w.name(), w.at());
        }
        List<Integer> reported = new ArrayList<>();
        for (Scenario.TaskDef t : s.tasks()) {
            tasks(t, ctx, reported);
        }
        if (!reported.isEmpty()) {
            ctx.report(new TasksReport(reported));
        }
        for (Scenario.IrqDef i : s.irqs()) {
            int wq = -1;
            if (i.wakes() != null) {
                wq = ctx.waitQueueId(i.wakes());
                if (wq < 0) {
                    String near = Fields.nearest(i.wakes(), ctx.waitQueueNames());
                    throw new ScenarioError(i.wakesAt(), "unknown wait queue '" + i.wakes() + "'",
                        near != null ? "did you mean '" + near + "'?" : "declare it under wait_queues: (- " + i.wakes() + ")");
                }
            }
            ctx.irq(new IrqSourceSpec(i.name(), i.irq(), i.cpu(), i.arrivals(), i.handler().asDist(), i.softirq(),
                i.softirqWork() == null ? null : i.softirqWork().asDist(), wq), i.at());
        }
        for (Scenario.NmiDef n : s.nmis()) {
            ctx.nmi(new NmiSourceSpec(n.name(), n.cpu(), n.arrivals(), n.handler().asDist()));
        }
        for (Scenario.WorkloadDef w : s.workloads()) {
            Workload builtin = Workloads.byName(w.kind());
            if (builtin == null) {
                String near = Fields.nearest(w.kind(), Workloads.names());
                throw new ScenarioError(w.at(), "unknown workload '" + w.kind() + "'",
                    (near != null ? "did you mean '" + near + "'? " : "") + "built-ins: " + String.join(", ", Workloads.names()));
            }
            builtin.compile(new Fields(w.args(), "the " + w.kind() + " workload", builtin.keys()), ctx, w.at());
        }
        List<String> madeRaw = ctx.addLocks(s.rawSpinlockSharePpm());
        return new CompiledScenario(s, mb.build(), s.models(), s.refusedDefaults(), new Measure(ctx.histogramBuckets()),
            ctx.reports(), madeRaw);
    }

    /** Expands one written task: count copies named name/i, or one per CPU named name/cpu. */
    private static void tasks(Scenario.TaskDef t, CompileContext ctx, List<Integer> reported) {
        Program p = ctx.program(t.program(), t.kthread());
        boolean report = t.measured() || hasJobDone(t.program());
        if (t.perCpu()) {
            int[] cpus = t.affinity();
            if (cpus == null) {
                cpus = new int[ctx.cpus()];
                for (int c = 0; c < cpus.length; c++) {
                    cpus[c] = c;
                }
            }
            for (int c : cpus) {
                int idx = ctx.addTask(new TaskSpec(t.name() + "/" + c, t.policy(), t.priority(), t.nice(), new int[] {c}, c,
                    t.releaseNs(), p, t.measured(), t.kthread()), t.at());
                if (report) {
                    reported.add(idx);
                }
            }
            return;
        }
        for (int i = 0; i < t.count(); i++) {
            String name = t.count() == 1 ? t.name() : t.name() + "/" + i;
            int idx = ctx.addTask(new TaskSpec(name, t.policy(), t.priority(), t.nice(), t.affinity(), -1, t.releaseNs(), p,
                t.measured(), t.kthread()), t.at());
            if (report) {
                reported.add(idx);
            }
        }
    }

    private static boolean hasJobDone(List<Step> steps) {
        for (Step s : steps) {
            if (s instanceof Step.JobDone) {
                return true;
            }
            if (s instanceof Step.Loop l && hasJobDone(l.body())) {
                return true;
            }
        }
        return false;
    }
}
