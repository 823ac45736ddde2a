package org.preemptsim.trace;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;

/**
 * The tracepoints of the simulated kernel: the one interface between the kernel model and
 * everything that observes it (metrics, trace writers, RV monitors). The kernel never knows who
 * listens. Every method receives the emitting CPU, whose state (preempt_count, IRQ flag, curr's
 * TIF flags) at that instant gives the event's latency flags; see {@link TraceFlags}.
 *
 * <p>ftrace events: sched_*, irq_handler_*, the x86 vector events, softirq_*, preemptirq. Bare
 * tracepoints (never printed, used by RV): sched_set_need_resched, sched_entry/exit,
 * sched_set_state. The last group is the simulator's own measurement points.
 */
public interface TraceSink {

    // ---- sched events (include/trace/events/sched.h)

    /** sched_switch; {@code prevState} is a TASK_* state or Sched.PREV_STATE_PREEMPTED ("R+"). */
    default void schedSwitch(long ns, Cpu cpu, boolean preempt, Task prev, int prevState, Task next) {
    }

    default void schedWaking(long ns, Cpu cpu, Task p) {
    }

    default void schedWakeup(long ns, Cpu cpu, Task p) {
    }

    default void schedWakeupNew(long ns, Cpu cpu, Task p) {
    }

    default void schedMigrateTask(long ns, Cpu cpu, Task p, int origCpu, int destCpu) {
    }

    default void schedWakeIdleWithoutIpi(long ns, Cpu cpu, int targetCpu) {
    }

    /**
     * sched_pi_setprio: rt_mutex priority inheritance changes {@code t}'s effective prio from
     * {@code oldPrio} (t->prio) to {@code newPrio} (min(normal_prio, top waiter's prio)).
     */
    default void schedPiSetprio(long ns, Cpu cpu, Task t, int oldPrio, int newPrio) {
    }

    // ---- interrupts (include/trace/events/irq.h and the x86 irq_vectors events)

    default void irqHandlerEntry(long ns, Cpu cpu, int irq, String name) {
    }

    default void irqHandlerExit(long ns, Cpu cpu, int irq, boolean handled) {
    }

    /** local_timer_entry, reschedule_entry, call_function_single_entry ... ({@link Vectors}). */
    default void vectorEntry(long ns, Cpu cpu, int vector) {
    }

    default void vectorExit(long ns, Cpu cpu, int vector) {
    }

    default void softirqRaise(long ns, Cpu cpu, int vec) {
    }

    default void softirqEntry(long ns, Cpu cpu, int vec) {
    }

    default void softirqExit(long ns, Cpu cpu, int vec) {
    }

    default void nmiHandler(long ns, Cpu cpu, String name, long deltaNs) {
    }

    // ---- preemptirq (include/trace/events/preemptirq.h)

    default void preemptDisable(long ns, Cpu cpu) {
    }

    default void preemptEnable(long ns, Cpu cpu) {
    }

    default void irqDisable(long ns, Cpu cpu) {
    }

    default void irqEnable(long ns, Cpu cpu) {
    }

    // ---- bare tracepoints

    default void schedSetNeedResched(long ns, Cpu cpu, Task target, int targetCpu, boolean lazy) {
    }

    default void schedEntry(long ns, Cpu cpu, boolean preempt) {
    }

    default void schedExit(long ns, Cpu cpu, boolean isSwitch) {
    }

    default void schedSetState(long ns, Cpu cpu, Task t, int state) {
    }

    // ---- measurement points of the simulator (cyclictest / timerlat)

    /** An hrtimer armed by a measured task ran its callback: the timerlat IRQ latency point. */
    default void hrtimerExpire(long ns, Cpu cpu, Task owner, long expiryNs) {
    }

    /** A measured task runs again after its periodic expiry: one latency sample. */
    default void latencySample(long ns, Cpu cpu, Task t, long expiryNs) {
    }

    /**
     * A task completed a job (the job_done step): {@code ns - releaseNs} is its response time;
     * {@code deadlineNs} is the relative deadline, 0 for none.
     */
    default void jobDone(long ns, Cpu cpu, Task t, long releaseNs, long deadlineNs) {
    }

    /** A preemption happened at a preemption point (see {@code PreemptPoint}). */
    default void preemption(long ns, Cpu cpu, int point) {
    }
}
