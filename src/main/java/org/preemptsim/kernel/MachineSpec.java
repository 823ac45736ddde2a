package org.preemptsim.kernel;

import java.util.List;

/**
 * Everything needed to boot one simulated machine; a model is chosen separately, so the same spec
 * runs under every model.
 *
 * @param name        for reports
 * @param profile     the kernel version's rules
 * @param staticBuild use the static CONFIG_PREEMPT_* kernels for none/voluntary/full/lazy
 * @param cpus        number of CPUs (1..256)
 * @param hz          CONFIG_HZ: 100, 250, 300 or 1000
 * @param llcSize     CPUs per last-level cache (wakeups across LLCs go through the wake list)
 * @param idlePoll    idle polls TIF_NEED_RESCHED (mwait/poll idle): no IPI to wake it
 * @param debugChecks DEBUG_ATOMIC_SLEEP + DEBUG_PREEMPT + lockdep's return-to-user check
 * @param lockdep     the lock-order validator (PROVE_LOCKING)
 * @param costs       operation costs
 * @param durationNs  simulated time to run
 * @param seed        the scenario seed all random streams are split from
 */
public record MachineSpec(String name, KernelProfile profile, boolean staticBuild, int cpus, int hz, int llcSize,
                          boolean idlePoll, boolean debugChecks, boolean lockdep, Costs costs, long durationNs, long seed,
                          List<TaskSpec> tasks, List<IrqSourceSpec> irqs, List<NmiSourceSpec> nmis,
                          List<LockSpec> locks, List<String> waitQueues) {

    public MachineSpec {
        if (cpus < 1 || cpus > 256) {
            throw new IllegalArgumentException("cpus must be 1..256, got " + cpus);
        }
        if (hz != 100 && hz != 250 && hz != 300 && hz != 1000) {
            throw new IllegalArgumentException("HZ must be 100, 250, 300 or 1000, got " + hz);
        }
        if (durationNs <= 0) {
            throw new IllegalArgumentException("duration must be positive");
        }
        tasks = List.copyOf(tasks);
        irqs = List.copyOf(irqs);
        nmis = List.copyOf(nmis);
        locks = List.copyOf(locks);
        waitQueues = List.copyOf(waitQueues);
        if (llcSize <= 0) {
            llcSize = cpus;
        }
    }

    /** The same machine with the lock validator on or off. */
    public MachineSpec withLockdep(boolean on) {
        return with(seed, durationNs, on);
    }

    /** The same machine run for {@code ns} of simulated time. */
    public MachineSpec withDuration(long ns) {
        return with(seed, ns, lockdep);
    }

    /** The same machine with another seed, duration and lock validator setting. */
    public MachineSpec with(long newSeed, long newDurationNs, boolean newLockdep) {
        return new MachineSpec(name, profile, staticBuild, cpus, hz, llcSize, idlePoll, debugChecks, newLockdep, costs,
            newDurationNs, newSeed, tasks, irqs, nmis, locks, waitQueues);
    }

    public long tickNs() {
        return 1_000_000_000L / hz;
    }
}
