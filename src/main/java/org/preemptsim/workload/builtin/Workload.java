package org.preemptsim.workload.builtin;

import org.preemptsim.workload.scenario.CompileContext;
import org.preemptsim.workload.scenario.Fields;
import org.preemptsim.workload.scenario.Where;

import java.util.List;

/**
 * A built-in workload usable by name in a scenario ({@code workloads: [- hackbench: {groups: 4}]}).
 * It adds its tasks, locks, wait queues and IRQ sources to the machine being compiled, and a
 * {@link org.preemptsim.workload.scenario.WorkloadReport} that reads its figures back.
 */
public interface Workload {

    /** The name used in scenarios. */
    String name();

    /** One line for {@code preemptsim workloads}. */
    String summary();

    List<Param> params();

    /** Compiles one use; {@code at} is where it was named (origin of its steps). */
    void compile(Fields args, CompileContext ctx, Where at);

    /** A parameter: its key, its default as text, and what it means. */
    record Param(String name, String dflt, String help) {
    }

    /** The parameter keys, for {@link Fields}'s unknown-key check. */
    default String[] keys() {
        List<Param> ps = params();
        String[] k = new String[ps.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = ps.get(i).name();
        }
        return k;
    }
}
