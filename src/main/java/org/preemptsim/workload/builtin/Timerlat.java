package org.preemptsim.workload.builtin;

import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.metrics.RunResult;
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
 * The timerlat tracer (Documentation/trace/timerlat-tracer.rst): a per-CPU thread woken by a
 * periodic hrtimer. The IRQ latency (timer callback minus expiry, from the hrtimer_expire point of
 * a measured task's timer) and the thread latency (thread running minus expiry) are reported
 * separately, as {@code rtla timerlat top} does. With {@code user: true} the threads return to
 * user space each period (rtla's -u).
 */
final class Timerlat implements Workload {

    @Override
    public String name() {
        return "timerlat";
    }

    @Override
    public String summary() {
        return "per-CPU timer threads reporting IRQ and thread latency separately, as rtla timerlat";
    }

    @Override
    public List<Param> params() {
        return List.of(
            new Param("cpus", "all CPUs", "CPUs with a timerlat thread (osnoise/cpus, rtla -c)"),
            new Param("period", "1ms", "timer period (timerlat_period_us, rtla -p)"),
            new Param("priority", "95", "rt priority of the threads (rtla -P f:95)"),
            new Param("policy", "fifo", "scheduling policy of the threads"),
            new Param("user", "false", "user-space threads that return to user each period (rtla -u)"));
    }

    @Override
    public void compile(Fields f, CompileContext ctx, Where at) {
        int[] cpus = Builtins.cpus(f, "cpus", ctx);
        long period = f.positiveDuration("period", 1_000_000);
        Policy policy = Builtins.policy(f, "fifo");
        int prio = Builtins.priority(f, policy, 95);
        boolean user = f.bool("user", false);
        String origin = Builtins.origin(at, name());
        List<Integer> indexes = new ArrayList<>();
        for (int cpu : cpus) {
            ProgramBuilder pb = new ProgramBuilder().at(origin).loop(0);
            if (user) {
                pb.syscall(0).periodic(period).sysret();
            } else {
                pb.periodic(period);
            }
            Program p = pb.endLoop().build();
            TaskSpec t = new TaskSpec("timerlat/" + cpu, policy, prio, 0, new int[] {cpu}, cpu, 0, p, true, !user);
            indexes.add(ctx.addTask(t, at));
        }
        ctx.report(new Report(indexes, cpus));
    }

    private record Report(List<Integer> tasks, int[] cpus) implements WorkloadReport {

        @Override
        public String workload() {
            return "timerlat";
        }

        @Override
        public RunResult.WorkloadResult figures(RunResult r) {
            return null; // per thread: irq_latency and latency (thread) of each timerlat/N task
        }

        @Override
        public void render(RunResult r, StringBuilder out) {
            out.append("timerlat (us)    |       IRQ timer latency        |      thread timer latency\n");
            out.append("CPU  COUNT       |      min       avg       max   |      min       avg       max\n");
            for (int i = 0; i < tasks.size(); i++) {
                RunResult.TaskResult t = Builtins.task(r, tasks.get(i));
                RunResult.Latency irq = t.irqLatency();
                RunResult.Latency th = t.latency();
                out.append(String.format(Locale.ROOT, "%3d  #%-10d | %8s  %8s  %8s   | %8s  %8s  %8s%n", cpus[i],
                    th == null ? 0 : th.samples(),
                    irq == null ? "-" : Builtins.us(irq.minNs()), irq == null ? "-" : Builtins.us(irq.avgNs()),
                    irq == null ? "-" : Builtins.us(irq.maxNs()),
                    th == null ? "-" : Builtins.us(th.minNs()), th == null ? "-" : Builtins.us(th.avgNs()),
                    th == null ? "-" : Builtins.us(th.maxNs())));
            }
        }
    }
}
