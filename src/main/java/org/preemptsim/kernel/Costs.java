package org.preemptsim.kernel;

/**
 * What each kernel operation costs, in nanoseconds. Every cost is charged whether or not anything
 * observes the run, so tracing never changes a result, and the price of preemptibility shows up
 * from the number of operations executed ("PREEMPT munches throughput"), never from a per-model
 * constant.
 *
 * @param irqEntryNs       hardware entry plus irqentry_enter/irq_enter, per interrupt
 * @param irqExitNs        irq_exit/irqentry_exit and the return, per interrupt
 * @param tickNs           the tick's handler: hrtimer_interrupt plus sched_tick and accounting
 * @param hrtimerNs        running one expired hrtimer's callback (e.g. hrtimer_wakeup)
 * @param ipiHandlerNs     a reschedule or call-function IPI's handler
 * @param scheduleNs       __schedule up to the pick: runqueue lock, put_prev, pick_next
 * @param contextSwitchNs  context_switch: switch_mm, switch_to, finish_task_switch
 * @param cacheRefillNs    the incoming task's cache and TLB refill after a switch (preemptible)
 * @param ipiDeliveryNs    from the sending CPU's write to the interrupt on the target
 * @param ttwuNs           try_to_wake_up on the waker's CPU
 * @param syscallNs        syscall entry plus exit, per syscall
 * @param preemptCountOpNs one preempt_count add or sub (only where PREEMPT_COUNT keeps a count)
 * @param reschedCheckNs   the test-and-branch in preempt_enable() on PREEMPTION builds
 * @param mightReschedNs   a might_resched() call inside might_sleep() where it is compiled in
 * @param condReschedNs    a cond_resched() call where it is compiled in
 * @param rcuReadOpNs      one rcu_read_lock/unlock nesting operation under PREEMPT_RCU
 * @param preemptCodeNs    per kernel-work section on PREEMPT_COUNT builds: the code that the count
 *                         and its checks make slower (lost inlining, register pressure)
 * @param spinHandoffNs    passing a contended spinlock to the next waiter
 * @param balanceNs        one periodic load-balance pass (SCHED_SOFTIRQ)
 * @param idleExitNs       leaving the idle state once need_resched is seen
 * @param debugCheckNs     one debug check (might_sleep's __might_resched) when the checks are built in
 */
public record Costs(long irqEntryNs, long irqExitNs, long tickNs, long hrtimerNs, long ipiHandlerNs,
                    long scheduleNs, long contextSwitchNs, long cacheRefillNs, long ipiDeliveryNs,
                    long ttwuNs, long syscallNs, long preemptCountOpNs, long reschedCheckNs,
                    long mightReschedNs, long condReschedNs, long rcuReadOpNs, long preemptCodeNs,
                    long spinHandoffNs, long balanceNs, long idleExitNs, long debugCheckNs) {

    /** Defaults of the order measured on current x86 servers; see docs/costs.md. */
    public static final Costs DEFAULT = new Costs(
        300, 300, 1_500, 250, 200,
        500, 1_200, 2_000, 1_000,
        400, 150, 1, 1,
        3, 3, 1, 4,
        60, 3_000, 0, 0);

    /** Every cost zero: exact timelines in tests. */
    public static final Costs ZERO = new Costs(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Costs {
        long[] all = {irqEntryNs, irqExitNs, tickNs, hrtimerNs, ipiHandlerNs, scheduleNs, contextSwitchNs,
            cacheRefillNs, ipiDeliveryNs, ttwuNs, syscallNs, preemptCountOpNs, reschedCheckNs, mightReschedNs,
            condReschedNs, rcuReadOpNs, preemptCodeNs, spinHandoffNs, balanceNs, idleExitNs, debugCheckNs};
        for (long v : all) {
            if (v < 0) {
                throw new IllegalArgumentException("costs must not be negative");
            }
        }
    }

    /** Only the preemptibility operations cost {@code c}; everything else is free. */
    public static Costs preemptibilityOnly(long c) {
        return new Costs(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, c, c, c, c, c, 0, 0, 0, 0, 0);
    }
}
