package org.preemptsim.kernel.sched;

import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.Task;

/**
 * fair_sched_class under EEVDF. Every reschedule it asks for goes through resched_curr_lazy:
 * slice expiry and protection loss in update_curr, and wakeup preemption.
 */
final class FairClass extends SchedClass {

    private final Sched sched;

    FairClass(Sched sched) {
        this.sched = sched;
    }

    @Override
    void enqueue(Rq rq, Task p, boolean wakeup, boolean head) {
        rq.cfs.enqueue(p, sched.k.now, wakeup, !wakeup && head);
    }

    @Override
    void dequeue(Rq rq, Task p, boolean sleep) {
        rq.cfs.dequeue(p, sched.k.now);
    }

    @Override
    Task pickTask(Rq rq) {
        CfsRq cfs = rq.cfs;
        if (cfs.nrQueued == 0) {
            return null;
        }
        if (cfs.curr != null && cfs.curr.onRq) {
            cfs.updateCurr(sched.k.now);
        }
        return cfs.pickEevdf(true);
    }

    @Override
    void putPrev(Rq rq, Task prev) {
        rq.cfs.putPrev(prev, sched.k.now);
    }

    @Override
    void setNext(Rq rq, Task next) {
        rq.cfs.setNext(next, sched.k.now);
    }

    /** check_preempt_wakeup_fair (6.18). */
    @Override
    void wakeupPreempt(Rq rq, Task p) {
        Task curr = rq.curr();
        CfsRq cfs = rq.cfs;
        if (curr.tifNeedResched) {
            return;
        }
        if (curr.policy == Policy.SCHED_IDLE && p.policy != Policy.SCHED_IDLE) {
            sched.reschedCurrLazy(rq);
            return;
        }
        if (p.policy != Policy.SCHED_NORMAL) {
            return; // SCHED_BATCH and SCHED_IDLE wakees never preempt
        }
        cfs.updateCurr(sched.k.now);
        boolean preemptShort = cfs.params.preemptShort() && p.slice < curr.slice;
        if (cfs.pickEevdf(!preemptShort) == p) {
            if (preemptShort) {
                CfsRq.cancelProtectSlice(curr);
            }
            sched.reschedCurrLazy(rq);
            return;
        }
        if (cfs.params.runToParity() && preemptShort) {
            cfs.updateProtectSlice(curr);
        }
    }

    /** task_tick_fair -> entity_tick -> update_curr (which asks for the resched itself). */
    @Override
    void taskTick(Rq rq, Task curr) {
        rq.cfs.updateCurr(sched.k.now);
    }

    @Override
    boolean hasRunnable(Rq rq) {
        return rq.cfs.nrQueued > 0;
    }
}
