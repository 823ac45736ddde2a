package org.preemptsim.kernel.sched;

import org.preemptsim.kernel.Task;

/** idle_sched_class: swapper/N, picked only when nothing else is runnable. */
final class IdleClass extends SchedClass {

    private final Sched sched;

    IdleClass(Sched sched) {
        this.sched = sched;
    }

    @Override
    void enqueue(Rq rq, Task p, boolean wakeup, boolean head) {
        throw new IllegalStateException("idle is never enqueued");
    }

    @Override
    void dequeue(Rq rq, Task p, boolean sleep) {
        throw new IllegalStateException("idle is never dequeued");
    }

    @Override
    Task pickTask(Rq rq) {
        return rq.cpu.idle;
    }

    @Override
    void putPrev(Rq rq, Task prev) {
    }

    @Override
    void setNext(Rq rq, Task next) {
    }

    /** wakeup_preempt_idle: anything preempts idle, with the full flag. */
    @Override
    void wakeupPreempt(Rq rq, Task p) {
        sched.reschedCurr(rq);
    }

    @Override
    void taskTick(Rq rq, Task curr) {
    }

    @Override
    boolean hasRunnable(Rq rq) {
        return true;
    }
}
