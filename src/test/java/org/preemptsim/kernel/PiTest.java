package org.preemptsim.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.preemptsim.kernel.locking.LockKind;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.trace.TraceSink;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.ProgramBuilder;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Priority inversion and rt_mutex priority inheritance (kernel/locking/rtmutex.c), with the
 * schedules derived by hand on one CPU with every cost zero.
 */
class PiTest {

    static final long US = 1_000;
    static final long MS = 1_000_000;

    /** sched_pi_setprio events as "time comm old->new". */
    static final class PiLog implements TraceSink {
        final List<String> events = new ArrayList<>();

        @Override
        public void schedPiSetprio(long ns, Cpu cpu, Task t, int oldPrio, int newPrio) {
            events.add(ns / 1000 + "us " + t.comm + " " + oldPrio + "->" + newPrio);
        }
    }

    static TaskSpec fifo(String name, int prio, long releaseNs, ProgramBuilder p) {
        return TaskSpec.fifo(name, prio, p.build()).releasedAt(releaseNs);
    }

    /**
     * low (FIFO 10) takes lock M at 0 and holds it for 3 ms of kernel work; high (FIFO 90) arrives
     * at 1 ms and blocks on M; medium (FIFO 50), a 10 ms CPU hog, arrives at 1.5 ms.
     * <ul>
     * <li>mutex on a non-RT kernel (no PI): low runs [0, 1) and, once high sleeps, [1, 1.5); medium
     * preempts it and runs [1.5, 11.5); low finishes its last 1.5 ms [11.5, 13) and unlocks:
     * high gets M at 13 ms. The inversion (12 ms) grows with medium: unbounded.</li>
     * <li>rt_mutex (PI in every build), and mutex on PREEMPT_RT (rt_mutex-based): high's block
     * boosts low to high's priority at 1 ms; medium cannot preempt it; low finishes its remaining
     * 2 ms and unlocks at 3 ms: bounded by the rest of the critical section.</li>
     * </ul>
     */
    static MachineBuilder inversion(LockKind kind) {
        MachineBuilder m = new MachineBuilder("inversion").cpus(1).hz(250).costs(Costs.ZERO).durationMs(20);
        int lock = m.lock("M", kind);
        m.task(fifo("low", 10, 0, new ProgramBuilder().syscall(1).lock(lock, 0).kernel(3 * MS).unlock(lock, 0).sysret().exit()));
        m.task(fifo("high", 90, MS, new ProgramBuilder().syscall(1).lock(lock, 0).kernel(100 * US).unlock(lock, 0).sysret().exit()));
        m.task(fifo("medium", 50, 1_500 * US, new ProgramBuilder().syscall(1).kernel(10 * MS).sysret().exit()));
        return m;
    }

    /** When high holds M: its switch-in after it blocked at 1 ms. */
    static long highGetsLock(MachineSpec spec, String model, PiLog pi) {
        EventLog log = new EventLog();
        RunResult r = Simulation.run(spec, Model.of(model), PreemptTable.KERNEL, List.of(log, pi));
        assertThat(r.status()).as(String.valueOf(r.bug())).isEqualTo("ok");
        return log.switchIn("high", MS + 1);
    }

    @Test
    void shouldSufferAnUnboundedInversionWithAMutexOnFull() {
        PiLog pi = new PiLog();
        assertThat(highGetsLock(inversion(LockKind.MUTEX).build(), "full", pi)).isEqualTo(13 * MS);
        assertThat(pi.events).isEmpty(); // no priority inheritance for a non-RT mutex
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"RT_MUTEX, full", "RT_MUTEX, none", "RT_MUTEX, lazy", "MUTEX, rt", "RT_MUTEX, rt"})
    void shouldBoundTheInversionByTheRestOfTheCriticalSectionWithPriorityInheritance(LockKind kind, String model) {
        PiLog pi = new PiLog();
        long got = highGetsLock(inversion(kind).build(), model, pi);
        if (model.equals("none")) {
            // none: high cannot preempt low's syscall at 1 ms (no preemption point in it); low
            // finishes its 3 ms, unlocks and returns to user at 3 ms, where high preempts it and
            // takes M uncontended: no inversion, and no boost.
            assertThat(got).isEqualTo(3 * MS);
            assertThat(pi.events).isEmpty();
            return;
        }
        assertThat(got).isEqualTo(3 * MS);
        // prio = 99 - rt_priority: low 89 boosted to high's 9 at 1 ms, back at 3 ms.
        assertThat(pi.events).containsExactly("1000us low 89->9", "3000us low 9->89");
    }

    /**
     * A transitive chain: low (FIFO 10) holds A from 0 for 3 ms; mid (FIFO 20, from 0.5 ms) takes B,
     * works 0.5 ms, then blocks on A at 1 ms; high (FIFO 30, from 1.5 ms) blocks on B.
     * <ul>
     * <li>1.0 ms: mid blocks on A: low 89 -> 79 (mid's prio).</li>
     * <li>1.5 ms: high preempts low (69 < 79), blocks on B owned by mid, which is blocked on A:
     * the chain walk boosts mid 79 -> 69 and, through A, low 79 -> 69.</li>
     * <li>low has done 1 ms of its 3 ms ([0, 0.5) and [1.0, 1.5)); it finishes at 3.5 ms and unlocks
     * A: low back to 89; mid (boosted by high through B) takes A.</li>
     * <li>mid works 1 ms and unlocks A then B at 4.5 ms: mid back to 79; high takes B at 4.5 ms.</li>
     * </ul>
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"full", "rt"})
    void shouldWalkThePiChainAndUndoEachBoostAtTheRightInstant(String model) {
        MachineBuilder m = new MachineBuilder("chain").cpus(1).hz(250).costs(Costs.ZERO).durationMs(10);
        int a = m.lock("A", LockKind.RT_MUTEX);
        int b = m.lock("B", LockKind.RT_MUTEX);
        m.task(fifo("low", 10, 0, new ProgramBuilder().syscall(1).lock(a, 0).kernel(3 * MS).unlock(a, 0).sysret().exit()));
        m.task(fifo("mid", 20, 500 * US, new ProgramBuilder().syscall(1).lock(b, 0).kernel(500 * US).lock(a, 0)
            .kernel(MS).unlock(a, 0).unlock(b, 0).sysret().exit()));
        m.task(fifo("high", 30, 1_500 * US, new ProgramBuilder().syscall(1).lock(b, 0).kernel(500 * US).unlock(b, 0)
            .sysret().exit()));
        PiLog pi = new PiLog();
        EventLog log = new EventLog();
        RunResult r = Simulation.run(m.build(), Model.of(model), PreemptTable.KERNEL, List.of(log, pi));
        assertThat(r.status()).isEqualTo("ok");
        assertThat(pi.events).containsExactly(
            "1000us low 89->79",
            "1500us mid 79->69",
            "1500us low 79->69",
            "3500us low 69->89",
            "4500us mid 69->79");
        assertThat(log.switchIn("high", 1_500 * US + 1)).isEqualTo(4_500 * US);
    }

    @Test
    void shouldReportAnRtMutexDeadlockWithItsCycleInsteadOfHanging() {
        MachineBuilder m = new MachineBuilder("abba").cpus(2).hz(250).costs(Costs.ZERO).durationMs(10).lockdep(false);
        int a = m.lock("A", LockKind.RT_MUTEX);
        int b = m.lock("B", LockKind.RT_MUTEX);
        m.task(TaskSpec.fifo("t1", 50, new ProgramBuilder().syscall(1).lock(a, 0).kernel(MS).lock(b, 0).unlock(b, 0)
            .unlock(a, 0).sysret().exit().build()).onCpu(0));
        m.task(TaskSpec.fifo("t2", 50, new ProgramBuilder().syscall(1).lock(b, 0).kernel(MS).lock(a, 0).unlock(a, 0)
            .unlock(b, 0).sysret().exit().build()).onCpu(1));
        RunResult r = Simulation.run(m.build(), Model.of("full"));
        assertThat(r.status()).isEqualTo("WARNING: circular locking deadlock detected!");
        assertThat(r.bug()).contains("deadlock: ").contains(" waits for ").contains("held by");
    }

    @Test
    void shouldReportASpinlockAbBaLockupWithoutLockdep() {
        MachineBuilder m = new MachineBuilder("abba-spin").cpus(2).hz(250).costs(Costs.ZERO).durationMs(10).lockdep(false);
        int a = m.rawSpinlock("A");
        int b = m.rawSpinlock("B");
        m.task(TaskSpec.fifo("t1", 50, new ProgramBuilder().syscall(1).spinLock(a).kernel(MS).spinLock(b).spinUnlock(b)
            .spinUnlock(a).sysret().exit().build()).onCpu(0));
        m.task(TaskSpec.fifo("t2", 50, new ProgramBuilder().syscall(1).spinLock(b).kernel(MS).spinLock(a).spinUnlock(a)
            .spinUnlock(b).sysret().exit().build()).onCpu(1));
        RunResult r = Simulation.run(m.build(), Model.of("full"));
        assertThat(r.status()).startsWith("BUG: spinlock lockup suspected on CPU#");
    }

    /**
     * lockdep reports the AB-BA order the first time the second order is seen, even when the two
     * never overlap in time (no deadlock in this run): t1 takes A then B at 0, t2 takes B then A
     * at 5 ms.
     */
    @Test
    void shouldReportAnAbBaInversionTheFirstTimeTheSecondOrderIsSeen() {
        MachineBuilder m = new MachineBuilder("abba-lockdep").cpus(1).hz(250).costs(Costs.ZERO).durationMs(10);
        int a = m.spinlock("A");
        int b = m.spinlock("B");
        m.task(TaskSpec.fair("t1", 0, new ProgramBuilder().syscall(1).at("t1.yaml:3").spinLock(a).at("t1.yaml:4").spinLock(b)
            .spinUnlock(b).spinUnlock(a).sysret().exit().build()));
        m.task(TaskSpec.fair("t2", 0, new ProgramBuilder().syscall(1).at("t2.yaml:3").spinLock(b).at("t2.yaml:4").spinLock(a)
            .spinUnlock(a).spinUnlock(b).sysret().exit().build()).releasedAt(5 * MS));
        for (String model : new String[] {"none", "full", "rt"}) {
            RunResult r = Simulation.run(m.build(), Model.of(model));
            assertThat(r.status()).as(model).isEqualTo("WARNING: possible circular locking dependency detected");
            assertThat(r.bug()).contains("t2/1001 is trying to acquire lock A at t2.yaml:4")
                .contains("but task is already holding lock B")
                .contains("A -> B was first seen t1/1000 at t1.yaml:4");
        }
    }

    @Test
    void shouldReportRecursiveLockingAndAnInvalidWaitContext() {
        MachineBuilder m = new MachineBuilder("recursive").cpus(1).costs(Costs.ZERO).durationMs(5);
        int a = m.lock("A", LockKind.MUTEX);
        m.task(TaskSpec.fair("t", 0, new ProgramBuilder().syscall(1).lock(a, 0).lock(a, 0).sysret().exit().build()));
        assertThat(Simulation.run(m.build(), Model.of("full")).status()).isEqualTo("WARNING: possible recursive locking detected");

        MachineBuilder n = new MachineBuilder("wait-context").cpus(1).costs(Costs.ZERO).durationMs(5);
        int raw = n.rawSpinlock("raw");
        int s = n.spinlock("sleeping_on_rt");
        n.task(TaskSpec.fair("t", 0, new ProgramBuilder().syscall(1).spinLock(raw).spinLock(s).spinUnlock(s).spinUnlock(raw)
            .sysret().exit().build()));
        // PROVE_RAW_LOCK_NESTING reports it on every build, not only where it would really sleep.
        assertThat(Simulation.run(n.build(), Model.of("none")).status()).isEqualTo("BUG: Invalid wait context");
        assertThat(Simulation.run(n.build().withLockdep(false), Model.of("rt")).status())
            .isEqualTo("BUG: sleeping function called from invalid context at builder step 2");
    }
}
