package org.preemptsim.metrics;

import org.preemptsim.kernel.Costs;
import org.preemptsim.kernel.Kernel;
import org.preemptsim.kernel.Stats;
import org.preemptsim.kernel.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the time that is not work went, and the work done per task. Each overhead is the number of
 * operations the kernel executed times the cost the scenario gives it (the same costs the kernel
 * charged): __schedule passes (sched_entry) x schedule, context switches x context_switch,
 * switches to a task x cache_refill (charged at the switch; a refill cut short by a preemption is
 * paid again later), hardirqs x (irq_entry + irq_exit), and the preemptibility operations.
 *
 * @param overheadNs schedule, context_switch, cache_refill, irq_entry_exit, preemptibility_ops
 * @param tasks      per task: user-space work per simulated second, and jobs per second if it reports jobs
 */
public record Accounting(Map<String, Long> overheadNs, long scheduleCalls, List<TaskWork> tasks) {

    public record TaskWork(String name, long userNsPerS, Long jobs, Double jobsPerS) {
    }

    static Accounting of(Kernel k, LatencyRecorder rec, long scheduleCalls, long switchIns) {
        Costs c = k.costs;
        Stats st = k.stats;
        long switches = 0;
        for (org.preemptsim.kernel.Cpu cpu : k.cpus) {
            switches += cpu.nrSwitches;
        }
        Map<String, Long> o = new LinkedHashMap<>();
        o.put("schedule", scheduleCalls * c.scheduleNs());
        o.put("context_switch", switches * c.contextSwitchNs());
        o.put("cache_refill", switchIns * c.cacheRefillNs());
        o.put("irq_entry_exit", st.hardirqs * (c.irqEntryNs() + c.irqExitNs()));
        o.put("preemptibility_ops", st.preemptCountOps * c.preemptCountOpNs() + st.reschedChecks * c.reschedCheckNs()
            + st.mightReschedCalls * c.mightReschedNs() + st.condReschedCalls * c.condReschedNs()
            + st.rcuReadOps * c.rcuReadOpNs() + st.preemptCodeSections * c.preemptCodeNs() + st.debugChecks * c.debugCheckNs());
        double seconds = k.spec.durationNs() / 1e9;
        List<TaskWork> tasks = new ArrayList<>();
        for (int i = 0; i < k.nrSpecTasks; i++) {
            Task t = k.tasks[i];
            LatencyStats jobs = rec.taskResponse(i);
            tasks.add(new TaskWork(t.comm, Math.round(t.userWorkNs / seconds), jobs == null ? null : jobs.count(),
                jobs == null ? null : Math.round(jobs.count() / seconds * 1000) / 1000.0));
        }
        return new Accounting(o, scheduleCalls, tasks);
    }
}
