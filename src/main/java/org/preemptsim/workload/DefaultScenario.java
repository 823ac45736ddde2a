package org.preemptsim.workload;

import org.preemptsim.kernel.IrqSourceSpec;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.kernel.irq.Softirq;

/**
 * The built-in default scenario: 4 CPUs at HZ=250 running cyclictest at SCHED_FIFO 95 on every
 * CPU, fair workers making syscalls with spinlock sections and might_sleep points, a kernel loop
 * that calls cond_resched() every 2 ms, and a network device IRQ with NET_RX softirq work.
 * {@code examples/default.yaml} describes the same machine.
 */
public final class DefaultScenario {

    private DefaultScenario() {
    }

    public static final long DEFAULT_SEED = 1;

    public static MachineSpec build() {
        return build(DEFAULT_SEED, 2_000_000_000L);
    }

    public static MachineSpec build(long seed, long durationNs) {
        int cpus = 4;
        MachineBuilder m = new MachineBuilder("default").cpus(cpus).hz(250).seed(seed).durationNs(durationNs);
        int devLock = m.spinlock("dev_lock");
        int inodeLock = m.spinlock("inode_lock");
        for (int c = 0; c < cpus; c++) {
            m.task(new TaskSpec("cyclictest/" + c, org.preemptsim.kernel.Policy.SCHED_FIFO, 95, 0, new int[] {c}, c, 0,
                new ProgramBuilder().at("cyclictest -S -p95 -i1000")
                    .loop(0)
                    .syscall(230).periodic(1_000_000).sysret()
                    .user(2_000)
                    .endLoop().build(),
                true, false));
        }
        for (int w = 0; w < 6; w++) {
            m.task(TaskSpec.fair("worker/" + w, 0, new ProgramBuilder().at("default worker")
                .loop(0)
                .user(Dists.exponential(300_000, 5_000_000))
                .syscall(1)
                .kernel(Dists.uniform(20_000, 80_000), 0, 10_000, 20, 4)
                .spinLock(w % 2 == 0 ? devLock : inodeLock)
                .kernel(Dists.uniform(5_000, 30_000), 0, 0, 0, 0)
                .spinUnlock(w % 2 == 0 ? devLock : inodeLock)
                .kernel(30_000, 0, 10_000, 10, 2)
                .sysret()
                .endLoop().build()));
        }
        m.task(TaskSpec.fair("kloop", 0, new ProgramBuilder().at("default kernel loop")
            .loop(0)
            .kernel(20_000_000, 2_000_000, 0, 200, 50)
            .sleep(5_000_000)
            .endLoop().build()).asKthread());
        m.irq(new IrqSourceSpec("eth0", 24, 1, Arrivals.poisson(200_000, 1_000, 0), Dists.uniform(2_000, 8_000),
            Softirq.NET_RX, Dists.uniform(5_000, 40_000), -1));
        return m.build();
    }
}
