package org.preemptsim.workload.scenario;

import org.preemptsim.kernel.Costs;
import org.preemptsim.kernel.KernelProfile;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.locking.LockKind;
import org.preemptsim.workload.Arrivals;

import java.util.List;

/**
 * A scenario file as read and checked field by field (types, ranges, unknown keys, models the
 * kernel refuses). Names (locks, wait queues) are resolved and programs checked for balance when
 * it is compiled ({@link ScenarioCompiler}). {@code rawSpinlockSharePpm} is the share of spinlock_t
 * locks made raw, in parts per million. Format: docs/scenario.md.
 */
public record Scenario(String file, String name, String description, KernelProfile profile, boolean staticBuild, int cpus,
                       int hz, int llcSize, boolean idlePoll, boolean debugChecks, boolean lockdep, Costs costs,
                       List<Model> models, List<String> refusedDefaults, long durationNs, long seed, List<IrqDef> irqs,
                       List<NmiDef> nmis, List<LockDef> locks, long rawSpinlockSharePpm, List<Named> waitQueues,
                       List<TaskDef> tasks, List<WorkloadDef> workloads) {

    /** A device interrupt line; {@code wakes} is a wait queue name or null. */
    public record IrqDef(Where at, String name, int irq, int cpu, Arrivals.Process arrivals, Quantity handler,
                         int softirq, Quantity softirqWork, String wakes, Where wakesAt) {
    }

    public record NmiDef(Where at, String name, int cpu, Arrivals.Process arrivals, Quantity handler) {
    }

    /** A declared lock; {@code count} is a semaphore's initial count (1 for the others). */
    public record LockDef(Where at, String name, LockKind kind, int count) {
    }

    public record Named(Where at, String name) {
    }

    /**
     * A task, or {@code count} of them, or one per CPU ({@code perCpu}). {@code affinity} null
     * means every CPU.
     */
    public record TaskDef(Where at, String name, int count, boolean perCpu, Policy policy, int priority, int nice,
                          int[] affinity, long releaseNs, boolean kthread, boolean measured, List<Step> program) {
    }

    /** A built-in workload by name, with its parameters still as written (each workload checks its own). */
    public record WorkloadDef(Where at, String kind, Node.Mapping args) {
    }
}
