package org.preemptsim.workload.builtin;

import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.kernel.locking.LockKind;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.workload.Dists;
import org.preemptsim.workload.ProgramBuilder;
import org.preemptsim.workload.scenario.CompileContext;
import org.preemptsim.workload.scenario.Fields;
import org.preemptsim.workload.scenario.Quantity;
import org.preemptsim.workload.scenario.WorkloadReport;
import org.preemptsim.workload.scenario.Where;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A kernel build ({@code make -jN}) as many short processes. fork/exec is approximated by each
 * process's release instant: {@code jobs} slots each start a new process every
 * {@code spawn_every}, staggered across the slots. A process execs (kernel work with might_sleep
 * points), then alternates user-space bursts with kernel entries that fault pages in (kernel work
 * with might_fault) and touch files under one of the shared inode locks, and exits. Reports how
 * many processes completed and the makespan from the first release to the last exit.
 */
final class Kbuild implements Workload {

    @Override
    public String name() {
        return "kbuild";
    }

    @Override
    public String summary() {
        return "many short processes: exec, page faults, file syscalls with lock sections, as make -jN";
    }

    @Override
    public List<Param> params() {
        return List.of(
            new Param("jobs", "one per CPU", "parallel jobs (make -j)"),
            new Param("processes", "32", "compiler processes in all"),
            new Param("spawn_every", "10ms", "each job slot starts a new process this often"),
            new Param("syscalls", "30", "kernel entries per process (page faults and file syscalls)"),
            new Param("user_burst", "{exponential: {mean: 200us, max: 3ms}}", "user-space work between kernel entries"),
            new Param("exec", "{uniform: [100us, 300us]}", "kernel work of fork+exec"),
            new Param("fault_work", "{uniform: [2us, 8us]}", "kernel work of a page fault or file read"),
            new Param("lock_section", "{uniform: [1us, 5us]}", "time an inode lock is held"),
            new Param("locks", "4", "number of inode locks the processes share"),
            new Param("nice", "0", "nice value"));
    }

    @Override
    public void compile(Fields f, CompileContext ctx, Where at) {
        int jobs = f.integer("jobs", ctx.cpus(), 1, 4096);
        int processes = f.integer("processes", 32, 1, 100_000);
        long spawnEvery = f.positiveDuration("spawn_every", 10_000_000);
        int syscalls = f.integer("syscalls", 30, 0, 1_000_000);
        Quantity burst = f.quantity("user_burst", Quantity.of(Dists.exponential(200_000, 3_000_000)));
        Quantity exec = f.quantity("exec", Quantity.of(Dists.uniform(100_000, 300_000)));
        Quantity fault = f.quantity("fault_work", Quantity.of(Dists.uniform(2_000, 8_000)));
        Quantity section = f.quantity("lock_section", Quantity.of(Dists.uniform(1_000, 5_000)));
        int nlocks = f.integer("locks", 4, 1, 4096);
        int nice = f.integer("nice", 0, -20, 19);
        String origin = Builtins.origin(at, name());
        int[] locks = new int[nlocks];
        for (int i = 0; i < nlocks; i++) {
            locks[i] = ctx.declareLock("kbuild/i_lock" + i, LockKind.SPINLOCK, at);
        }
        List<Integer> tasks = new ArrayList<>();
        List<Long> releases = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            int slot = p % jobs;
            long release = (p / jobs) * spawnEvery + slot * (spawnEvery / jobs);
            int lock = locks[p % nlocks];
            ProgramBuilder pb = new ProgramBuilder().at(origin)
                .syscall(59).kernel(exec.asDist(), 0, 10_000, 0, 0).sysret();
            if (syscalls > 0) {
                pb.loop(syscalls)
                    .user(burst.asDist())
                    .syscall(0).kernel(fault.asDist(), 0, 2_000, 0, 0)
                    .spinLock(lock).kernel(section.asDist(), 0, 0, 0, 0).spinUnlock(lock)
                    .sysret()
                    .endLoop();
            }
            pb.jobDone(0);
            TaskSpec t = new TaskSpec("cc1/" + p, Policy.SCHED_NORMAL, 0, nice, null, -1, release, pb.build(), false, false);
            tasks.add(ctx.addTask(t, at));
            releases.add(release);
        }
        ctx.report(new Report(tasks, releases));
    }

    private record Report(List<Integer> tasks, List<Long> releases) implements WorkloadReport {

        @Override
        public String workload() {
            return "kbuild";
        }

        @Override
        public RunResult.WorkloadResult figures(RunResult r) {
            long done = 0;
            long lastExit = 0;
            for (int i = 0; i < tasks.size(); i++) {
                RunResult.Response resp = Builtins.task(r, tasks.get(i)).response();
                if (resp != null) {
                    done++;
                    lastExit = Math.max(lastExit, releases.get(i) + resp.maxNs());
                }
            }
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("processes", (long) tasks.size());
            m.put("completed", done);
            if (done == tasks.size()) {
                m.put("makespan_ns", lastExit - releases.get(0));
            }
            return new RunResult.WorkloadResult("kbuild", null, m);
        }

        @Override
        public void render(RunResult r, StringBuilder out) {
            Map<String, Long> m = figures(r).figures();
            out.append(String.format(Locale.ROOT, "kbuild: %d of %d processes completed", m.get("completed"), m.get("processes")));
            if (m.containsKey("makespan_ns")) {
                out.append(String.format(Locale.ROOT, ", makespan %.3f ms", m.get("makespan_ns") / 1e6));
            }
            out.append('\n');
        }
    }
}
