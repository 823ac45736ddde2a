package org.preemptsim.workload;

import org.preemptsim.kernel.Costs;
import org.preemptsim.kernel.IrqSourceSpec;
import org.preemptsim.kernel.KernelProfile;
import org.preemptsim.kernel.LockSpec;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.NmiSourceSpec;
import org.preemptsim.kernel.TaskSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The Java way to describe a machine (the scenario file compiles to the same {@link MachineSpec}):
 * <pre>{@code
 * MachineBuilder m = new MachineBuilder("demo").cpus(4).hz(250).durationMs(1000).seed(1);
 * int lock = m.spinlock("dev_lock");
 * m.task(TaskSpec.fifo("cyclictest", 95, new ProgramBuilder().loop(0).periodic(1_000_000).endLoop().build()));
 * MachineSpec spec = m.build();
 * }</pre>
 */
public final class MachineBuilder {

    private final String name;
    private KernelProfile profile = KernelProfile.DEFAULT;
    private boolean staticBuild;
    private int cpus = 1;
    private int hz = 250;
    private int llcSize;
    private boolean idlePoll = true;
    private boolean debugChecks = true;
    private boolean lockdep = true;
    private Costs costs = Costs.DEFAULT;
    private long durationNs = 1_000_000_000L;
    private long seed = 1;
    private final List<TaskSpec> tasks = new ArrayList<>();
    private final List<IrqSourceSpec> irqs = new ArrayList<>();
    private final List<NmiSourceSpec> nmis = new ArrayList<>();
    private final List<LockSpec> locks = new ArrayList<>();
    private final List<String> waitQueues = new ArrayList<>();

    public MachineBuilder(String name) {
        this.name = name;
    }

    public MachineBuilder profile(KernelProfile p) {
        this.profile = p;
        return this;
    }

    public MachineBuilder staticBuild(boolean b) {
        this.staticBuild = b;
        return this;
    }

    public MachineBuilder cpus(int n) {
        this.cpus = n;
        return this;
    }

    public MachineBuilder hz(int h) {
        this.hz = h;
        return this;
    }

    public MachineBuilder llcSize(int n) {
        this.llcSize = n;
        return this;
    }

    public MachineBuilder idlePoll(boolean b) {
        this.idlePoll = b;
        return this;
    }

    public MachineBuilder debugChecks(boolean b) {
        this.debugChecks = b;
        return this;
    }

    /** The lock-order validator; on by default for machines built in Java (tests). */
    public MachineBuilder lockdep(boolean b) {
        this.lockdep = b;
        return this;
    }

    /** Declares a lock of any kind; returns its id. */
    public int lock(String lockName, org.preemptsim.kernel.locking.LockKind kind) {
        locks.add(new LockSpec(lockName, kind, 1));
        return locks.size() - 1;
    }

    /** Declares a counting semaphore; returns its id. */
    public int semaphore(String name, int count) {
        locks.add(new LockSpec(name, org.preemptsim.kernel.locking.LockKind.SEMAPHORE, count));
        return locks.size() - 1;
    }

    public MachineBuilder costs(Costs c) {
        this.costs = c;
        return this;
    }

    public MachineBuilder durationNs(long ns) {
        this.durationNs = ns;
        return this;
    }

    public MachineBuilder durationMs(long ms) {
        return durationNs(ms * 1_000_000L);
    }

    public MachineBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    /** Declares a spinlock_t; returns its id. */
    public int spinlock(String lockName) {
        locks.add(new LockSpec(lockName, false));
        return locks.size() - 1;
    }

    /** Declares a raw_spinlock_t; returns its id. */
    public int rawSpinlock(String lockName) {
        locks.add(new LockSpec(lockName, true));
        return locks.size() - 1;
    }

    public int waitQueue(String wqName) {
        waitQueues.add(wqName);
        return waitQueues.size() - 1;
    }

    public MachineBuilder task(TaskSpec t) {
        tasks.add(t);
        return this;
    }

    public MachineBuilder irq(IrqSourceSpec s) {
        irqs.add(s);
        return this;
    }

    public MachineBuilder nmi(NmiSourceSpec s) {
        nmis.add(s);
        return this;
    }

    public MachineSpec build() {
        return new MachineSpec(name, profile, staticBuild, cpus, hz, llcSize, idlePoll, debugChecks, lockdep, costs, durationNs, seed,
            tasks, irqs, nmis, locks, waitQueues);
    }
}
