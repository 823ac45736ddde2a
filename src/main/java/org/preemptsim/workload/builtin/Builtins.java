package org.preemptsim.workload.builtin;

import org.preemptsim.kernel.Policy;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.workload.scenario.CompileContext;
import org.preemptsim.workload.scenario.Fields;
import org.preemptsim.workload.scenario.ScenarioError;
import org.preemptsim.workload.scenario.Scalars;

import java.util.Locale;

/** What the built-in workloads share: scheduling parameters, CPU lists, and µs formatting. */
final class Builtins {

    private Builtins() {
    }

    /** The CPUs named by {@code key}, or every CPU. */
    static int[] cpus(Fields f, String key, CompileContext ctx) {
        if (f.has(key)) {
            return Scalars.cpuList(f.node(key), ctx.cpus());
        }
        int[] all = new int[ctx.cpus()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    static Policy policy(Fields f, String dflt) {
        String p = f.string("policy", dflt);
        try {
            return Policy.ofShortName(p);
        } catch (IllegalArgumentException e) {
            throw new ScenarioError(f.at("policy"), "unknown policy '" + p + "'", "other, fifo, rr, batch or idle");
        }
    }

    /** The rt priority for an rt policy (default {@code dflt}); refuses a priority on a fair policy. */
    static int priority(Fields f, Policy policy, int dflt) {
        if (policy.rt()) {
            return f.integer("priority", dflt, 1, 99);
        }
        if (f.has("priority")) {
            throw new ScenarioError(f.at("priority"), "priority applies to fifo and rr; a " + policy.shortName()
                + " thread uses nice", "set policy: fifo, or remove priority");
        }
        return 0;
    }

    static String us(long ns) {
        return String.format(Locale.ROOT, "%.1f", ns / 1e3);
    }

    /** The task result of task index i (the run's task list is in task-index order). */
    static RunResult.TaskResult task(RunResult r, int index) {
        return r.tasks().get(index);
    }

    static String origin(org.preemptsim.workload.scenario.Where at, String workload) {
        return at.origin() + " (" + workload + ")";
    }
}
