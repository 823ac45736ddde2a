package org.preemptsim.kernel.sched;

import org.preemptsim.kernel.Task;

/**
 * struct sched_class: the contract every scheduling class fulfils. Small final classes implement
 * it for rt, fair (EEVDF) and idle; {@link Sched} walks them in priority order.
 */
public abstract class SchedClass {

    /** enqueue_task: p becomes runnable on rq. {@code wakeup} distinguishes a wakeup from a migration or requeue. */
    abstract void enqueue(Rq rq, Task p, boolean wakeup, boolean head);

    /** dequeue_task: p stops being runnable on rq (sleep or migration). */
    abstract void dequeue(Rq rq, Task p, boolean sleep);

    /** pick_task: the task this class would run next, or null; no state changes. */
    abstract Task pickTask(Rq rq);

    /** put_prev_task: prev stops running (it may stay queued). */
    abstract void putPrev(Rq rq, Task prev);

    /** set_next_task: next starts running. */
    abstract void setNext(Rq rq, Task next);

    /** wakeup_preempt for a wakee p of the same class as rq->curr. */
    abstract void wakeupPreempt(Rq rq, Task p);

    /** task_tick: called from sched_tick for the running task. */
    abstract void taskTick(Rq rq, Task curr);

    /** Whether the class has runnable tasks on rq. */
    abstract boolean hasRunnable(Rq rq);
}
