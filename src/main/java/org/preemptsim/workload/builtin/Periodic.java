package org.preemptsim.workload.builtin;

import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.workload.Durations;
import org.preemptsim.workload.ProgramBuilder;
import org.preemptsim.workload.scenario.CompileContext;
import org.preemptsim.workload.scenario.Fields;
import org.preemptsim.workload.scenario.Node;
import org.preemptsim.workload.scenario.Quantity;
import org.preemptsim.workload.scenario.ScenarioError;
import org.preemptsim.workload.scenario.Scalars;
import org.preemptsim.workload.scenario.WorkloadReport;
import org.preemptsim.workload.scenario.Where;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A classic real-time task set: per task a WCET C, period T, relative deadline D (default T) and
 * release offset, with explicit priorities or a rate- or deadline-monotonic assignment. Each job
 * runs C (in user space, or inside a syscall with {@code in_kernel}), records its response time
 * (release to completion) with job_done, then sleeps to its next release with
 * clock_nanosleep(TIMER_ABSTIME). A job still running at its successor's release makes that
 * successor start at once; releases that pass while two jobs are pending are skipped and counted
 * as overruns (as cyclictest does), not queued.
 */
final class Periodic implements Workload {

    @Override
    public String name() {
        return "periodic";
    }

    @Override
    public String summary() {
        return "a periodic real-time task set (C, T, D, offset; RM/DM or explicit priorities) with response times";
    }

    @Override
    public List<Param> params() {
        return List.of(
            new Param("tasks", "-", "list of {name, c, t, d (default t), offset (default 0), priority}"),
            new Param("assignment", "rate-monotonic", "rate-monotonic, deadline-monotonic, or explicit (each task's priority)"),
            new Param("policy", "fifo", "fifo or rr"),
            new Param("affinity", "0", "CPUs the whole set may run on (one CPU: uniprocessor analysis)"),
            new Param("in_kernel", "false", "run C as kernel work inside a syscall instead of user-space work"));
    }

    /** One task of the set as written. */
    private record Def(Where at, String name, Quantity c, long t, long d, long offset, int priority) {
    }

    @Override
    public void compile(Fields f, CompileContext ctx, Where at) {
        List<Node> items = Scalars.sequence(f.required("tasks"), "tasks").items();
        if (items.isEmpty()) {
            throw new ScenarioError(f.at("tasks"), "the task set is empty", "add tasks: [{name: t1, c: 1ms, t: 4ms}]");
        }
        Policy policy = Builtins.policy(f, "fifo");
        if (!policy.rt()) {
            throw new ScenarioError(f.at("policy"), "a periodic task set runs fifo or rr, not " + policy.shortName());
        }
        int[] cpus = f.has("affinity") ? Builtins.cpus(f, "affinity", ctx) : new int[] {0};
        boolean inKernel = f.bool("in_kernel", false);
        List<Def> defs = new ArrayList<>();
        boolean anyPrio = false;
        for (Node n : items) {
            Fields tf = Fields.of(n, "a periodic task", "name", "c", "t", "d", "offset", "priority");
            Quantity c = Quantity.parse(tf.required("c"));
            long t = Scalars.duration(tf.required("t"), false);
            long d = tf.positiveDuration("d", t);
            int prio = tf.integer("priority", 0, 1, 99);
            anyPrio |= tf.has("priority");
            defs.add(new Def(n.at(), tf.requiredString("name"), c, t, d, tf.duration("offset", 0), prio));
        }
        String assignment = f.string("assignment", anyPrio ? "explicit" : "rate-monotonic");
        int[] prios = assign(assignment, defs, f);
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < defs.size(); i++) {
            Def d = defs.get(i);
            ProgramBuilder pb = new ProgramBuilder().at(d.at().origin() + " (periodic)").loop(0);
            if (inKernel) {
                pb.syscall(0);
                if (d.c().isFixed()) {
                    pb.kernel(d.c().fixedNs());
                } else {
                    pb.kernel(d.c().dist(), 0, 0, 0, 0);
                }
                pb.sysret();
            } else if (d.c().isFixed()) {
                pb.user(d.c().fixedNs());
            } else {
                pb.user(d.c().dist());
            }
            pb.jobDone(d.d()).syscall(230).periodic(d.t()).sysret().endLoop();
            int cpu = cpus.length == 1 ? cpus[0] : -1;
            TaskSpec ts = new TaskSpec(d.name(), policy, prios[i], 0, cpus, cpu, d.offset(), pb.build(), false, false);
            indexes.add(ctx.addTask(ts, d.at()));
        }
        ctx.report(new Report(indexes, defs, prios, assignment));
    }

    /** Priorities 99, 98, ... by increasing T (rate-monotonic) or D (deadline-monotonic); ties keep list order. */
    private static int[] assign(String assignment, List<Def> defs, Fields f) {
        int n = defs.size();
        int[] prio = new int[n];
        switch (assignment) {
            case "explicit":
                for (int i = 0; i < n; i++) {
                    if (defs.get(i).priority() == 0) {
                        throw new ScenarioError(defs.get(i).at(), "task '" + defs.get(i).name()
                            + "' has no priority, but the assignment is explicit",
                            "give every task a priority, or use assignment: rate-monotonic");
                    }
                    prio[i] = defs.get(i).priority();
                }
                return prio;
            case "rate-monotonic":
            case "deadline-monotonic": {
                if (n > 98) {
                    throw new ScenarioError(f.at("tasks"), "at most 98 tasks get distinct rt priorities, got " + n);
                }
                boolean rm = assignment.equals("rate-monotonic");
                for (int i = 0; i < n; i++) {
                    if (defs.get(i).priority() != 0) {
                        throw new ScenarioError(defs.get(i).at(), "task '" + defs.get(i).name() + "' has a priority, but the assignment is "
                            + assignment, "remove the priorities, or use assignment: explicit");
                    }
                    long key = rm ? defs.get(i).t() : defs.get(i).d();
                    int higher = 0;
                    for (int j = 0; j < n; j++) {
                        long kj = rm ? defs.get(j).t() : defs.get(j).d();
                        if (kj < key || (kj == key && j < i)) {
                            higher++;
                        }
                    }
                    prio[i] = 99 - higher;
                }
                return prio;
            }
            default:
                throw new ScenarioError(f.at("assignment"), "unknown assignment '" + assignment + "'",
                    "rate-monotonic, deadline-monotonic or explicit");
        }
    }

    private record Report(List<Integer> tasks, List<Def> defs, int[] prios, String assignment) implements WorkloadReport {

        @Override
        public String workload() {
            return "periodic";
        }

        @Override
        public RunResult.WorkloadResult figures(RunResult r) {
            long misses = 0;
            long jobs = 0;
            long overruns = 0;
            for (int idx : tasks) {
                RunResult.Response resp = Builtins.task(r, idx).response();
                if (resp != null) {
                    misses += resp.deadlineMisses();
                    jobs += resp.jobs();
                    overruns += resp.overruns();
                }
            }
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("tasks", (long) tasks.size());
            m.put("jobs", jobs);
            m.put("deadline_misses", misses);
            m.put("overruns", overruns);
            return new RunResult.WorkloadResult("periodic", assignment, m);
        }

        @Override
        public void render(RunResult r, StringBuilder out) {
            out.append("periodic task set (").append(assignment).append("), response times release -> completion:\n");
            out.append(String.format(Locale.ROOT, "%-16s %9s %9s %9s %4s %7s %11s %11s %7s%n", "task", "C", "T", "D", "prio", "jobs",
                "worst(us)", "avg(us)", "misses"));
            for (int i = 0; i < tasks.size(); i++) {
                Def d = defs.get(i);
                RunResult.Response resp = Builtins.task(r, tasks.get(i)).response();
                out.append(String.format(Locale.ROOT, "%-16s %9s %9s %9s %4d %7d %11s %11s %7d%n", d.name(), d.c().text(),
                    Durations.format(d.t()), Durations.format(d.d()), prios[i], resp == null ? 0 : resp.jobs(),
                    resp == null ? "-" : Builtins.us(resp.maxNs()), resp == null ? "-" : Builtins.us(resp.avgNs()),
                    resp == null ? 0 : resp.deadlineMisses()));
            }
        }
    }
}
