package org.preemptsim.kernel.sched;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;

/** struct rq: one CPU's runqueue, with its rt and cfs sub-queues. */
public final class Rq {

    public final Cpu cpu;
    public final RtRq rt;
    public final CfsRq cfs;
    /** Runnable tasks on this rq, including curr when it is runnable (rq->nr_running). */
    public int nrRunning;
    public long nrSwitches;
    public long clockNs;
    public long nextBalanceNs;

    Rq(Cpu cpu, int nrCpus, CfsRq.Params params) {
        this.cpu = cpu;
        this.rt = new RtRq();
        this.cfs = new CfsRq(params);
    }

    public Task curr() {
        return cpu.curr;
    }

    /** The highest priority (lowest prio value) queued rt task not currently running, or null. */
    public Task highestPushableRt() {
        return rt.highestQueuedExcept(cpu.curr);
    }
}
