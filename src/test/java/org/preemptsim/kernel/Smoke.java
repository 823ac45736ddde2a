package org.preemptsim.kernel;

import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.ProgramBuilder;

public class Smoke {
    public static void main(String[] a) {
        for (String model : new String[] {"none", "voluntary", "full", "lazy", "rt"}) {
            MachineBuilder m = new MachineBuilder("t").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
            int l = m.spinlock("l");
            m.task(TaskSpec.fair("worker", 0, new ProgramBuilder().syscall(0).kernel(1_200_000, 500_000, 0)
                .spinLock(l).kernel(200_000, 500_000, 0).spinUnlock(l).kernel(1_600_000, 500_000, 0).sysret()
                .loop(0).user(1_000_000).endLoop().build()));
            m.task(TaskSpec.fifo("rt", 90, new ProgramBuilder().syscall(0).periodic(1_300_000).sysret().exit().build()).asMeasured());
            RunResult r = Simulation.run(m.build(), Model.of(model));
            System.out.println(model + " " + r.status() + " " + r.latency() + (r.bug() != null ? r.bug() : ""));
        }
    }
}
