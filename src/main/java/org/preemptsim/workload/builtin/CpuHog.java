package org.preemptsim.workload.builtin;

import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.workload.ProgramBuilder;
import org.preemptsim.workload.scenario.CompileContext;
import org.preemptsim.workload.scenario.Fields;
import org.preemptsim.workload.scenario.Where;

import java.util.List;

/** User-space spinning, like {@code stress-ng --cpu N}: never enters the kernel on its own. */
final class CpuHog implements Workload {

    @Override
    public String name() {
        return "cpu-hog";
    }

    @Override
    public String summary() {
        return "user-space spinning threads, as stress-ng --cpu";
    }

    @Override
    public List<Param> params() {
        return List.of(
            new Param("name", "cpu-hog", "thread names are NAME/0, NAME/1, ..."),
            new Param("threads", "one per CPU", "number of spinning threads (--cpu N)"),
            new Param("policy", "other", "scheduling policy"),
            new Param("priority", "-", "rt priority, for fifo and rr (required then)"),
            new Param("nice", "0", "nice value, for other and batch"),
            new Param("affinity", "all CPUs", "CPUs the threads may run on (--taskset)"));
    }

    @Override
    public void compile(Fields f, CompileContext ctx, Where at) {
        String prefix = f.string("name", "cpu-hog");
        int threads = f.integer("threads", ctx.cpus(), 1, 4096);
        Policy policy = Builtins.policy(f, "other");
        if (policy.rt() && !f.has("priority")) {
            throw new org.preemptsim.workload.scenario.ScenarioError(f.at(), "a " + policy.shortName()
                + " cpu-hog needs a priority between 1 and 99");
        }
        int prio = Builtins.priority(f, policy, 1);
        int nice = f.integer("nice", 0, -20, 19);
        int[] affinity = f.has("affinity") ? Builtins.cpus(f, "affinity", ctx) : null;
        String origin = Builtins.origin(at, name());
        for (int i = 0; i < threads; i++) {
            // 10 ms chunks: the loop step is free, so the chunk size does not change the work done.
            TaskSpec t = new TaskSpec(prefix + "/" + i, policy, prio, nice, affinity, -1, 0,
                new ProgramBuilder().at(origin).loop(0).user(10_000_000).endLoop().build(), false, false);
            ctx.addTask(t, at);
        }
    }
}
