package org.preemptsim.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.ProgramBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exact timelines on small machines with every cost zero. Each case states why each model gets
 * the latency it gets: which preemption point is the first live one after the wakeup.
 */
class TimelineTest {

    static final long US = 1_000;
    static final long MS = 1_000_000;

    /** An RT task that sleeps until {@code atNs} once and reports when it ran (cyclictest-like). */
    static TaskSpec rtSleeper(long atNs) {
        return TaskSpec.fifo("rt", 90, new ProgramBuilder().syscall(230).periodic(atNs).sysret().exit().build())
            .asMeasured();
    }

    /**
     * The case: a SCHED_OTHER task in a 3 ms syscall with cond_resched() every 500 us and a
     * spinlock held over [1.2 ms, 1.4 ms); a SCHED_FIFO task woken by an hrtimer at 1.3 ms.
     * - none/voluntary: IRQ exit does not preempt, spin_unlock's preempt_enable does not
     *   reschedule; the cadence carries across the lock (0.2 ms of work after 1.0, 0.2 under the
     *   lock, 0.1 after it), so the next cond_resched is at 1.5 ms: 200 us.
     * - full: the hrtimer IRQ exits with count 1 (the lock), so no preemption there; spin_unlock
     *   at 1.4 ms takes the raw count to 0 with the folded flag: preempt_schedule, 100 us.
     * - lazy: an RT wakee gets the full flag (resched_curr, not _lazy): as full, 100 us.
     * - rt: spinlock_t is an rtlock: the holder stays preemptible (PREEMPT_LOCK_OFFSET is 0), so
     *   the hrtimer's IRQ exit preempts at once: 0 us. With a raw_spinlock_t: 100 us, as full.
     */
    static MachineBuilder spinlockCase() {
        return spinlockCase(false);
    }

    static MachineBuilder spinlockCase(boolean raw) {
        MachineBuilder m = new MachineBuilder("spinlock-case").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
        int l = raw ? m.rawSpinlock("l") : m.spinlock("l");
        m.task(TaskSpec.fair("worker", 0, new ProgramBuilder()
            .syscall(0).kernel(1_200 * US, 500 * US, 0)
            .spinLock(l).kernel(200 * US, 500 * US, 0).spinUnlock(l)
            .kernel(1_600 * US, 500 * US, 0).sysret()
            .loop(0).user(MS).endLoop().build()));
        m.task(rtSleeper(1_300 * US));
        return m;
    }

    @ParameterizedTest(name = "{0}: {1} ns")
    @CsvSource({"none, 200000", "voluntary, 200000", "full, 100000", "lazy, 100000", "rt, 0", "rt-lazy, 0"})
    void shouldWakeTheRtTaskAtTheFirstLivePreemptionPointAfterTheSpinlock(String model, long expected) {
        assertThat(Runs.run(spinlockCase().build(), model).latency()).isEqualTo(expected);
    }

    /** The same case with a raw_spinlock_t: it disables preemption in every build, rt included. */
    @ParameterizedTest(name = "{0}: {1} ns")
    @CsvSource({"none, 200000", "voluntary, 200000", "full, 100000", "lazy, 100000", "rt, 100000", "rt-lazy, 100000"})
    void shouldKeepARawSpinlockNonPreemptibleOnRt(String model, long expected) {
        assertThat(Runs.run(spinlockCase(true).build(), model).latency()).isEqualTo(expected);
    }

    @Test
    void shouldBehaveTheSameOnStaticBuilds() {
        MachineBuilder m = spinlockCase().staticBuild(true);
        assertThat(Runs.run(m.build(), "none").latency()).isEqualTo(200 * US);
        assertThat(Runs.run(m.build(), "voluntary").latency()).isEqualTo(200 * US);
        assertThat(Runs.run(m.build(), "full").latency()).isEqualTo(100 * US);
        assertThat(Runs.run(m.build(), "lazy").latency()).isEqualTo(100 * US);
    }

    /**
     * might_sleep() every 300 us and no cond_resched in a 3 ms syscall; RT wakeup at 1.3 ms.
     * - none: might_resched is RET0, so only the return to user at 3.0 ms: 1700 us.
     * - voluntary: might_resched is live, the next might_sleep is at 1.5 ms: 200 us.
     * - full/lazy/rt: count 0 at the hrtimer's IRQ exit: preempt_schedule_irq at once, 0 us.
     */
    static MachineBuilder mightSleepCase() {
        MachineBuilder m = new MachineBuilder("might-sleep").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
        m.task(TaskSpec.fair("worker", 0, new ProgramBuilder()
            .syscall(0).kernel(3 * MS, 0, 300 * US).sysret().loop(0).user(MS).endLoop().build()));
        m.task(rtSleeper(1_300 * US));
        return m;
    }

    @ParameterizedTest(name = "{0}: {1} ns")
    @CsvSource({"none, 1700000", "voluntary, 200000", "full, 0", "lazy, 0", "rt, 0"})
    void shouldPreemptAtMightSleepOnlyUnderVoluntary(String model, long expected) {
        Runs.Outcome o = Runs.run(mightSleepCase().build(), model);
        assertThat(o.latency()).isEqualTo(expected);
        if (model.equals("full")) {
            assertThat(o.log().count(PreemptPoint.IRQ_EXIT)).isEqualTo(1);
        }
    }

    /**
     * A kernel loop with no preemption point at all (a 30 ms syscall), and a SCHED_OTHER task
     * sleeping until 10.2 ms. The loop has run since 1 ms, so EEVDF picks the wakee
     * (equal deadlines v+0.7 ms, curr no longer protected) and asks with resched_curr_lazy.
     * - none/voluntary: the request is the full flag, but nothing checks it in the kernel:
     *   return to user at 31 ms: 20.8 ms.
     * - full: the full flag is folded in the hrtimer's IRQ, its exit preempts: 0.
     * - lazy: TIF_NEED_RESCHED_LAZY; IRQ exit ignores it; the tick at 12 ms upgrades it and the
     *   tick's own IRQ exit preempts: 1.8 ms.
     * - rt: the wakee's sleep timer is a soft hrtimer on PREEMPT_RT (only RT/DL sleepers get
     *   HRTIMER_MODE_HARD): it expires in HRTIMER_SOFTIRQ, run by ktimers/0 (FIFO 1), which
     *   preempts the hog at once and wakes the wakee. ktimers then sleeps and the pick sees hog and
     *   wakee with equal deadlines: the hog, back in the tree first, comes first. The tick at 12 ms
     *   finds the hog past its deadline and resched_curr (full mode) preempts it there: 1.8 ms.
     * - rt-lazy: the same, but the tick's request is lazy; the 16 ms tick upgrades it: 5.8 ms.
     */
    @ParameterizedTest(name = "{0}: {1} ns")
    @CsvSource({"none, 20800000", "voluntary, 20800000", "full, 0", "lazy, 1800000", "rt, 1800000", "rt-lazy, 5800000"})
    void shouldMakeAFairWakeeWaitForTheTickUnderLazy(String model, long expected) {
        assertThat(Runs.run(lazyTickCase().build(), model).latency()).isEqualTo(expected);
    }

    static MachineBuilder lazyTickCase() {
        MachineBuilder m = new MachineBuilder("lazy-tick").cpus(1).hz(250).costs(Costs.ZERO).durationMs(40);
        m.task(TaskSpec.fair("wakee", 0, new ProgramBuilder().syscall(230).periodic(10_200 * US).sysret().exit().build())
            .asMeasured());
        m.task(TaskSpec.fair("hog", 0, new ProgramBuilder()
            .syscall(0).kernel(30 * MS).sysret().loop(0).user(MS).endLoop().build()).releasedAt(MS));
        return m;
    }

    /**
     * Lazy honours TIF_NEED_RESCHED_LAZY at the return to user: the same fair wakeup at 10.2 ms,
     * but the hog's syscall ends at 11 ms, before the tick at 12 ms: 0.8 ms.
     */
    @Test
    void shouldPreemptALazyRequestAtTheReturnToUser() {
        MachineBuilder m = new MachineBuilder("lazy-ret").cpus(1).hz(250).costs(Costs.ZERO).durationMs(20);
        m.task(TaskSpec.fair("wakee", 0, new ProgramBuilder().syscall(230).periodic(10_200 * US).sysret().exit().build())
            .asMeasured());
        m.task(TaskSpec.fair("hog", 0, new ProgramBuilder()
            .syscall(0).kernel(10 * MS).sysret().loop(0).user(MS).endLoop().build()).releasedAt(MS));
        Runs.Outcome o = Runs.run(m.build(), "lazy");
        assertThat(o.latency()).isEqualTo(800 * US);
        assertThat(o.log().count(PreemptPoint.RETURN_TO_USER)).isEqualTo(1);
    }

    /**
     * cond_resched_lock() is a lock-break point in every mode: a 2 ms loop under a spinlock that
     * calls it every 200 us; the RT wakeup at 1.3 ms is served at 1.4 ms everywhere but rt. In
     * full it is the unlock's preempt_enable that preempts (should_resched(PREEMPT_LOCK_OFFSET)
     * was true); in none/voluntary it is the _cond_resched() after the unlock. On rt the
     * spinlock_t holder is preemptible: the IRQ exit at 1.3 ms preempts (0 us).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"none", "voluntary", "full", "lazy", "rt"})
    void shouldBreakTheLockAtCondReschedLockInEveryMode(String model) {
        Runs.Outcome o = Runs.run(condReschedLockCase().build(), model);
        if (model.equals("rt")) {
            assertThat(o.latency()).isZero();
            assertThat(o.log().count(PreemptPoint.IRQ_EXIT)).isEqualTo(1);
            return;
        }
        assertThat(o.latency()).isEqualTo(100 * US);
        int expectedPoint = model.equals("none") || model.equals("voluntary") ? PreemptPoint.COND_RESCHED : PreemptPoint.PREEMPT_ENABLE;
        assertThat(o.log().count(expectedPoint)).isEqualTo(1);
    }

    static MachineBuilder condReschedLockCase() {
        MachineBuilder m = new MachineBuilder("crl").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
        int l = m.spinlock("l");
        m.task(TaskSpec.fair("worker", 0, new ProgramBuilder()
            .syscall(0).spinLock(l).loop(10).kernel(200 * US).condReschedLock(l).endLoop().spinUnlock(l).sysret()
            .loop(0).user(MS).endLoop().build()));
        m.task(rtSleeper(1_300 * US));
        return m;
    }

    /** Without cond_resched_lock, full waits for the spin_unlock at 2 ms: 700 us. */
    @Test
    void shouldWaitForTheUnlockWithoutALockBreak() {
        MachineBuilder m = new MachineBuilder("no-crl").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
        int l = m.spinlock("l");
        m.task(TaskSpec.fair("worker", 0, new ProgramBuilder()
            .syscall(0).spinLock(l).loop(10).kernel(200 * US).endLoop().spinUnlock(l).sysret()
            .loop(0).user(MS).endLoop().build()));
        m.task(rtSleeper(1_300 * US));
        assertThat(Runs.run(m.build(), "full").latency()).isEqualTo(700 * US);
    }

    /**
     * Remote wakeup of an RT task onto a busy CPU: the waker on CPU 0 activates it on CPU 1
     * directly (same LLC, CPU 1 not idle) and resched_curr sends a reschedule IPI; it lands
     * 1 us later while CPU 1 runs user code; the IPI's exit to user schedules. 1 us.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"none", "voluntary", "full", "lazy", "rt"})
    void shouldPreemptARemoteCpuThroughARescheduleIpi(String model) {
        Runs.Outcome o = Runs.run(remoteIpiCase().build(), model);
        assertThat(o.result().status()).isEqualTo("ok");
        long woke = o.log().firstWaking("rtwait");
        assertThat(woke).isEqualTo(MS);
        assertThat(o.log().switchIn("rtwait", woke)).isEqualTo(MS + 1_000);
        assertThat(o.result().counters().reschedIpis()).isEqualTo(1);
        // (on rt the tick's softirqs also run in ksoftirqd, which preempts at the return to user too)
        assertThat(o.log().preemptions).anySatisfy(p -> assertThat(p).containsExactly(MS + 1_000, 1, PreemptPoint.RETURN_TO_USER));
    }

    static MachineBuilder remoteIpiCase() {
        MachineBuilder m = new MachineBuilder("ipi").cpus(2).hz(250).durationMs(5)
            .costs(new Costs(0, 0, 0, 0, 0, 0, 0, 0, 1_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        int wq = m.waitQueue("wq");
        m.task(TaskSpec.fair("waker", 0, new ProgramBuilder().user(MS).syscall(1).wake(wq, 1).sysret()
            .loop(0).user(MS).endLoop().build()).onCpu(0));
        m.task(TaskSpec.fair("hog", 0, new ProgramBuilder().loop(0).user(MS).endLoop().build()).onCpu(1));
        m.task(TaskSpec.fifo("rtwait", 90, new ProgramBuilder().syscall(2).waitOn(wq).sysret().exit().build()).onCpu(1));
        return m;
    }

    /**
     * Remote wakeup onto an idle CPU goes through its wake list (ttwu_queue_cond: nr_running == 0):
     * a halted idle gets a call-function-single IPI (1 us) and activates the task itself; a
     * polling idle needs no IPI at all (set_nr_if_polling) and runs it at once.
     */
    @ParameterizedTest(name = "idle polls: {0}")
    @CsvSource({"false, 1000, 1", "true, 0, 0"})
    void shouldWakeAnIdleCpuThroughItsWakeList(boolean poll, long latency, long ipis) {
        MachineBuilder m = new MachineBuilder("wakelist").cpus(2).hz(250).durationMs(5).idlePoll(poll)
            .costs(new Costs(0, 0, 0, 0, 0, 0, 0, 0, 1_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        int wq = m.waitQueue("wq");
        m.task(TaskSpec.fair("waker", 0, new ProgramBuilder().user(MS).syscall(1).wake(wq, 1).sysret()
            .loop(0).user(MS).endLoop().build()).onCpu(0));
        m.task(TaskSpec.fifo("rtwait", 90, new ProgramBuilder().syscall(2).waitOn(wq).sysret().exit().build()).onCpu(1));
        Runs.Outcome o = Runs.run(m.build(), "full");
        long woke = o.log().firstWaking("rtwait");
        assertThat(o.log().switchIn("rtwait", woke) - woke).isEqualTo(latency);
        assertThat(o.result().counters().callFunctionIpis()).isEqualTo(ipis);
        assertThat(o.result().counters().reschedIpis()).isZero();
    }

    /**
     * A local wakeup from task context preempts at the wakeup's own preempt_enable under full
     * (the waker is inside a syscall with count 0), but only at the next preemption point under
     * none: here the syscall's return to user 500 us later.
     */
    @ParameterizedTest(name = "{0}: {1} ns")
    @CsvSource({"none, 500000", "full, 0"})
    void shouldPreemptALocalWakerAtTheWakeupsPreemptEnable(String model, long expected) {
        Runs.Outcome o = Runs.run(localWakeCase().build(), model);
        long woke = o.log().firstWaking("rtwait");
        assertThat(woke).isEqualTo(MS);
        assertThat(o.log().switchIn("rtwait", woke) - woke).isEqualTo(expected);
    }

    static MachineBuilder localWakeCase() {
        MachineBuilder m = new MachineBuilder("local-wake").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
        int wq = m.waitQueue("wq");
        m.task(TaskSpec.fair("waker", 0, new ProgramBuilder().user(MS).syscall(1).wake(wq, 1).kernel(500 * US).sysret()
            .loop(0).user(MS).endLoop().build()));
        m.task(TaskSpec.fifo("rtwait", 90, new ProgramBuilder().syscall(2).waitOn(wq).sysret().exit().build()));
        return m;
    }

    /**
     * Writing /sys/kernel/debug/sched/preempt switches the dynamic build's mode mid-run: an RT
     * admin task wakes at 0.3 ms on a dynamic "none" kernel, gets the CPU at the 0.5 ms
     * cond_resched, writes "full"; the spinlock case is then served like full: 100 us.
     */
    @Test
    void shouldSwitchModesAtRunTimeLikeDebugfs() {
        MachineBuilder m = spinlockCase();
        m.task(TaskSpec.fifo("admin", 99, new ProgramBuilder().syscall(230).sleepUntil(300 * US)
            .setPreemptMode(Mode.FULL.ordinal()).sysret().exit().build()));
        assertThat(Runs.run(m.build(), "none").latency()).isEqualTo(100 * US);
    }

    @Test
    void shouldRefuseToSwitchAStaticBuild() {
        MachineBuilder m = spinlockCase().staticBuild(true);
        m.task(TaskSpec.fair("admin", 0, new ProgramBuilder().syscall(1)
            .setPreemptMode(Mode.FULL.ordinal()).sysret().exit().build()));
        Runs.Outcome o = Runs.run(m.build(), "none");
        assertThat(o.result().status()).isEqualTo("Dynamic Preempt: unsupported mode: full");
    }
}
