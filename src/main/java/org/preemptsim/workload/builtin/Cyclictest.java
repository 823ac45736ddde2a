package org.preemptsim.workload.builtin;

import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.workload.Durations;
import org.preemptsim.workload.Program;
import org.preemptsim.workload.ProgramBuilder;
import org.preemptsim.workload.scenario.CompileContext;
import org.preemptsim.workload.scenario.Fields;
import org.preemptsim.workload.scenario.WorkloadReport;
import org.preemptsim.workload.scenario.Where;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * cyclictest (rt-tests): threads that sleep with clock_nanosleep(TIMER_ABSTIME) to their next
 * period and record how late they run. Thread i's interval is {@code interval + i * distance}
 * (-i, -d); threads are pinned round-robin over the affinity CPUs (-a). Reports per thread
 * Min/Act/Avg/Max and, with {@code histogram: N}, a {@code -h N} histogram of 1 µs buckets.
 */
final class Cyclictest implements Workload {

    @Override
    public String name() {
        return "cyclictest";
    }

    @Override
    public String summary() {
        return "timer wakeup latency, as rt-tests' cyclictest -m -a -p95 -i1000";
    }

    @Override
    public List<Param> params() {
        return List.of(
            new Param("threads", "one per affinity CPU", "number of measuring threads (-t)"),
            new Param("priority", "95", "rt priority (-p), for fifo and rr"),
            new Param("policy", "fifo", "scheduling policy (--policy): fifo, rr, other, batch, idle"),
            new Param("interval", "1ms", "base interval (-i)"),
            new Param("distance", "0", "added per thread: thread i runs every interval + i*distance (-d)"),
            new Param("affinity", "all CPUs", "CPUs the threads are pinned to, round-robin (-a)"),
            new Param("loop_work", "2us", "user-space work after each wakeup (reading the clock, updating stats)"),
            new Param("histogram", "0", "print a histogram of this many 1 us buckets (-h); 0: none"),
            new Param("release", "0", "when the threads start"));
    }

    @Override
    public void compile(Fields f, CompileContext ctx, Where at) {
        int[] cpus = Builtins.cpus(f, "affinity", ctx);
        int threads = f.integer("threads", cpus.length, 1, 4096);
        Policy policy = Builtins.policy(f, "fifo");
        int prio = Builtins.priority(f, policy, 95);
        long interval = f.positiveDuration("interval", 1_000_000);
        long distance = f.duration("distance", 0);
        long work = f.positiveDuration("loop_work", 2_000);
        int histogram = f.integer("histogram", 0, 0, 100_000);
        long release = f.duration("release", 0);
        String origin = Builtins.origin(at, name());
        List<Integer> indexes = new ArrayList<>();
        List<Long> intervals = new ArrayList<>();
        Program p = null;
        for (int i = 0; i < threads; i++) {
            long period = interval + i * distance;
            if (p == null || distance != 0) {
                // Threads with the same interval run the same code: one program, shared (it is
                // immutable; a task's position and samplers live in the task).
                p = new ProgramBuilder().at(origin)
                    .loop(0)
                    .syscall(230).periodic(period).sysret()
                    .user(work)
                    .endLoop().build();
            }
            int cpu = cpus[i % cpus.length];
            TaskSpec t = new TaskSpec("cyclictest/" + i, policy, prio, 0, new int[] {cpu}, cpu, release, p, true, false);
            int idx = ctx.addTask(t, at);
            indexes.add(idx);
            intervals.add(period);
            if (histogram > 0) {
                ctx.histogram(idx, histogram);
            }
        }
        ctx.report(new Report(indexes, intervals, prio, histogram));
    }

    /** The T: lines and the histogram. */
    private record Report(List<Integer> tasks, List<Long> intervals, int prio, int histogram) implements WorkloadReport {

        @Override
        public String workload() {
            return "cyclictest";
        }

        @Override
        public RunResult.WorkloadResult figures(RunResult r) {
            return null; // per-thread figures are the tasks' own latency, act_ns and histogram
        }

        @Override
        public void render(RunResult r, StringBuilder out) {
            out.append("cyclictest (latency in us):\n");
            for (int i = 0; i < tasks.size(); i++) {
                RunResult.TaskResult t = Builtins.task(r, tasks.get(i));
                RunResult.Latency l = t.latency();
                long samples = l == null ? 0 : l.samples();
                out.append(String.format(Locale.ROOT, "T:%2d (%5d) P:%2d I:%s C:%7d Min:%7d Act:%5d Avg:%5d Max:%8d%n", i,
                    t.pid(), prio, Durations.format(intervals.get(i)), samples, l == null ? 0 : l.minNs() / 1000,
                    t.actNs() == null ? 0 : t.actNs() / 1000, l == null ? 0 : l.avgNs() / 1000, l == null ? 0 : l.maxNs() / 1000));
            }
            if (histogram > 0) {
                renderHistogram(r, out);
            }
        }

        /** As cyclictest -h: one row per µs bucket (rows where every thread counted 0 are left out), then totals. */
        private void renderHistogram(RunResult r, StringBuilder out) {
            out.append("# Histogram\n");
            List<RunResult.TaskResult> ts = new ArrayList<>();
            for (int idx : tasks) {
                ts.add(Builtins.task(r, idx));
            }
            for (int b = 0; b < histogram; b++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%06d", b));
                boolean any = false;
                for (RunResult.TaskResult t : ts) {
                    long c = t.histogram() == null ? 0 : t.histogram().counts()[b];
                    any |= c != 0;
                    row.append(String.format(Locale.ROOT, " %06d", c));
                }
                if (any) {
                    out.append(row).append('\n');
                }
            }
            StringBuilder total = new StringBuilder("# Total:");
            StringBuilder min = new StringBuilder("# Min Latencies:");
            StringBuilder avg = new StringBuilder("# Avg Latencies:");
            StringBuilder max = new StringBuilder("# Max Latencies:");
            StringBuilder over = new StringBuilder("# Histogram Overflows:");
            for (RunResult.TaskResult t : ts) {
                RunResult.Latency l = t.latency();
                long n = l == null ? 0 : l.samples();
                long o = t.histogram() == null ? 0 : t.histogram().overflows();
                total.append(String.format(Locale.ROOT, " %09d", n - o));
                min.append(String.format(Locale.ROOT, " %05d", l == null ? 0 : l.minNs() / 1000));
                avg.append(String.format(Locale.ROOT, " %05d", l == null ? 0 : l.avgNs() / 1000));
                max.append(String.format(Locale.ROOT, " %05d", l == null ? 0 : l.maxNs() / 1000));
                over.append(String.format(Locale.ROOT, " %05d", o));
            }
            out.append(total).append('\n').append(min).append('\n').append(avg).append('\n').append(max).append('\n')
                .append(over).append('\n');
        }
    }
}
