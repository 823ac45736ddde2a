package org.preemptsim.workload.builtin;

import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.workload.ProgramBuilder;
import org.preemptsim.workload.scenario.CompileContext;
import org.preemptsim.workload.scenario.Fields;
import org.preemptsim.workload.scenario.Where;

import java.util.List;

/**
 * Long loops in the kernel that call cond_resched() every N µs, or never: the loops voluntary
 * preemption relies on and lazy preemption was made to retire. Each thread runs a loop of
 * {@code length}, then sleeps for {@code gap}; a kernel thread by default, or a user task whose
 * loop runs inside a syscall.
 */
final class KernelLoop implements Workload {

    @Override
    public String name() {
        return "kernel-loop";
    }

    @Override
    public String summary() {
        return "long kernel loops with cond_resched() every N us, or none";
    }

    @Override
    public List<Param> params() {
        return List.of(
            new Param("name", "kloop", "thread names are NAME/0, NAME/1, ..."),
            new Param("threads", "1", "number of looping threads"),
            new Param("length", "20ms", "kernel work per loop"),
            new Param("cond_resched_every", "none", "a cond_resched() every this much work; leave out for none"),
            new Param("gap", "5ms", "sleep between loops"),
            new Param("kthread", "true", "a kernel thread; false: a user task looping inside a syscall"),
            new Param("nice", "0", "nice value"),
            new Param("affinity", "all CPUs", "CPUs the threads may run on"));
    }

    @Override
    public void compile(Fields f, CompileContext ctx, Where at) {
        String prefix = f.string("name", "kloop");
        int threads = f.integer("threads", 1, 1, 4096);
        long length = f.positiveDuration("length", 20_000_000);
        long every = f.positiveDuration("cond_resched_every", 0);
        long gap = f.positiveDuration("gap", 5_000_000);
        boolean kthread = f.bool("kthread", true);
        int nice = f.integer("nice", 0, -20, 19);
        int[] affinity = f.has("affinity") ? Builtins.cpus(f, "affinity", ctx) : null;
        String origin = Builtins.origin(at, name());
        for (int i = 0; i < threads; i++) {
            ProgramBuilder pb = new ProgramBuilder().at(origin).loop(0);
            if (kthread) {
                pb.kernel(length, every, 0).sleep(gap);
            } else {
                pb.syscall(0).kernel(length, every, 0).sysret().syscall(35).sleep(gap).sysret();
            }
            TaskSpec t = new TaskSpec(prefix + "/" + i, Policy.SCHED_NORMAL, 0, nice, affinity, -1, 0, pb.endLoop().build(), false,
                kthread);
            ctx.addTask(t, at);
        }
    }
}
