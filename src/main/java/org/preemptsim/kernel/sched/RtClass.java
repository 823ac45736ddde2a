package org.preemptsim.kernel.sched;

import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.Task;

/**
 * rt_sched_class (kernel/sched/rt.c): SCHED_FIFO and SCHED_RR. A running task stays at the head
 * of its list, so a preempted FIFO task resumes before its equals; RR requeues to the tail when its
 * 100 ms slice runs out and others share its prio.
 */
final class RtClass extends SchedClass {

    /** RR_TIMESLICE: 100 ms (sched_rr_timeslice_ms). */
    static final long RR_TIMESLICE_NS = 100_000_000L;

    private final Sched sched;

    RtClass(Sched sched) {
        this.sched = sched;
    }

    @Override
    void enqueue(Rq rq, Task p, boolean wakeup, boolean head) {
        rq.rt.enqueue(p, head);
    }

    @Override
    void dequeue(Rq rq, Task p, boolean sleep) {
        rq.rt.dequeue(p);
    }

    @Override
    Task pickTask(Rq rq) {
        return rq.rt.first();
    }

    @Override
    void putPrev(Rq rq, Task prev) {
        // The task stays on its prio list (at the head): nothing to do.
    }

    @Override
    void setNext(Rq rq, Task next) {
        next.execStart = sched.k.now;
    }

    @Override
    void wakeupPreempt(Rq rq, Task p) {
        Task curr = rq.curr();
        if (p.prio < curr.prio) {
            sched.reschedCurr(rq);
            return;
        }
        // check_preempt_equal_prio: an equal-prio wakee that cannot go elsewhere while curr
        // could is put at the head and curr is preempted, so that curr can be pushed away.
        if (p.prio == curr.prio && !curr.tifNeedResched && curr.nrCpusAllowed > 1 && curr.migrationDisabled == 0
            && (p.nrCpusAllowed == 1 || p.migrationDisabled > 0)
            && sched.findLowestRq(curr) >= 0) {
            rq.rt.requeue(p, true);
            sched.reschedCurr(rq);
        }
    }

    @Override
    void taskTick(Rq rq, Task curr) {
        if (curr.policy != Policy.SCHED_RR) {
            return;
        }
        curr.rtTimeSliceNs -= sched.tickNs;
        if (curr.rtTimeSliceNs > 0) {
            return;
        }
        curr.rtTimeSliceNs = RR_TIMESLICE_NS;
        if (rq.rt.hasOthersAtPrio(curr)) {
            rq.rt.requeue(curr, false);
            sched.reschedCurr(rq);
        }
    }

    @Override
    boolean hasRunnable(Rq rq) {
        return rq.rt.nrRunning > 0;
    }
}
