package org.preemptsim.kernel;

import org.junit.jupiter.api.Test;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.ProgramBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** The kernel's debug checks, in the kernel's words, naming CPU, time, task and program step. */
class DebugChecksTest {

    static final long US = 1_000;

    static MachineBuilder machine() {
        return new MachineBuilder("bugs").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
    }

    @Test
    void shouldReportSleepingFunctionCalledFromInvalidContextUnderASpinlock() {
        MachineBuilder m = machine();
        int l = m.spinlock("l");
        int wq = m.waitQueue("wq");
        m.task(TaskSpec.fair("sleeper", 0, new ProgramBuilder().syscall(1).spinLock(l)
            .at("bad.yaml:7").waitOn(wq).at("bad.yaml:8").spinUnlock(l).sysret().build()));
        RunResult r = Runs.run(m.build(), "full").result();
        // kernel/sched/core.c __might_resched: the file:line is the caller's, here the scenario's.
        assertThat(r.status()).isEqualTo("BUG: sleeping function called from invalid context at bad.yaml:7");
        assertThat(r.bug()).contains("in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: 1000, name: sleeper")
            .contains("preempt_count: 1, expected: 0")
            .contains("CPU: 0 PID: 1000 Comm: sleeper at 0.000000 s (0 ns)")
            .contains("step: step 2 wait (bad.yaml:7)")
            .contains("model: full");
        assertThat(r.latency()).isNull();
    }

    @Test
    void shouldReportSchedulingWhileAtomicWhenSleepingWithPreemptionDisabled() {
        // nanosleep has no might_sleep(); schedule_debug catches it: count = our 1 + schedule()'s 1.
        MachineBuilder m = machine();
        m.task(TaskSpec.fair("napper", 0, new ProgramBuilder().syscall(35).preemptDisable().sleep(100 * US)
            .preemptEnable().sysret().build()));
        for (String model : new String[] {"none", "voluntary", "full", "lazy", "rt"}) {
            RunResult r = Runs.run(m.build(), model).result();
            assertThat(r.status()).as(model).isEqualTo("BUG: scheduling while atomic: napper/1000/0x00000002");
        }
    }

    @Test
    void shouldNotSeeTheBugWithoutPreemptCount() {
        // A static PREEMPT_NONE kernel without DEBUG_ATOMIC_SLEEP keeps no count: the same bug is silent.
        MachineBuilder m = machine().staticBuild(true).debugChecks(false);
        m.task(TaskSpec.fair("napper", 0, new ProgramBuilder().syscall(35).preemptDisable().sleep(100 * US)
            .preemptEnable().sysret().build()));
        assertThat(Runs.run(m.build(), "none").result().status()).isEqualTo("ok");
        // With the debug checks built in, DEBUG_ATOMIC_SLEEP selects PREEMPT_COUNT and it is caught.
        MachineBuilder d = machine().staticBuild(true).debugChecks(true);
        d.task(TaskSpec.fair("napper", 0, new ProgramBuilder().syscall(35).preemptDisable().sleep(100 * US)
            .preemptEnable().sysret().build()));
        assertThat(Runs.run(d.build(), "none").result().status()).startsWith("BUG: scheduling while atomic");
    }

    @Test
    void shouldWarnWhenALockIsHeldOnTheReturnToUser() {
        MachineBuilder m = machine();
        int l = m.spinlock("inode_lock");
        m.task(TaskSpec.fair("leaker", 0, new ProgramBuilder().syscall(2).spinLock(l).at("leak.yaml:3").sysret()
            .user(US).build()));
        RunResult r = Runs.run(m.build(), "voluntary").result();
        assertThat(r.status()).isEqualTo("WARNING: lock held when returning to user space!");
        assertThat(r.bug()).contains("leaker/1000 is leaving the kernel with locks still held!")
            .contains("inode_lock").contains("(leak.yaml:3)");
    }

    @Test
    void shouldWarnWhenASyscallLeavesIrqsDisabled() {
        MachineBuilder m = machine();
        m.task(TaskSpec.fair("irqoff", 0, new ProgramBuilder().syscall(42).localIrqDisable().sysret().user(US).build()));
        assertThat(Runs.run(m.build(), "lazy").result().status()).isEqualTo("WARNING: syscall 42 left IRQs disabled");
    }

    @Test
    void shouldWarnOnPreemptCountUnderflow() {
        MachineBuilder m = machine();
        m.task(TaskSpec.fair("unbalanced", 0, new ProgramBuilder().syscall(1).preemptEnable().sysret().build()));
        RunResult r = Runs.run(m.build(), "full").result();
        assertThat(r.status()).isEqualTo("WARNING: preempt_count underflow: DEBUG_LOCKS_WARN_ON(val > preempt_count())");
        assertThat(r.bug()).contains("Comm: unbalanced").contains("preempt_enable");
    }

    @Test
    void shouldStopALoopThatNeverSpendsTime() {
        MachineBuilder m = machine();
        m.task(TaskSpec.fair("spinner", 0, new ProgramBuilder().loop(0).syscall(1).condResched().sysret().endLoop().build()));
        RunResult r = Runs.run(m.build(), "none").result();
        assertThat(r.status()).startsWith("preemptsim: livelock");
        // The count is exact: the first step at an instant counts 0, the report comes with step
        // 1,000,002 (the loop step, then the four-step body: 1,000,000 = 0 mod 4, so syscall_enter).
        assertThat(r.bug()).contains("at 0.000000 s (0 ns)").contains("step: step 1 syscall_enter");
    }

    /**
     * mutex_lock inside a spinlock_t section: off RT the spinlock's preempt_disable makes it
     * atomic; on rt the holder is preemptible but in the rtlock's RCU read section, which
     * __might_resched checks too (kernel/sched/core.c: "RCU nest depth: %d, expected: %u").
     */
    @Test
    void shouldReportASleepingLockUnderASpinlockOnEveryBuild() {
        MachineBuilder m = machine().lockdep(false);
        int s = m.spinlock("s");
        int mx = m.lock("m", org.preemptsim.kernel.locking.LockKind.MUTEX);
        m.task(TaskSpec.fair("t", 0, new ProgramBuilder().syscall(1).spinLock(s).at("nest.yaml:5").lock(mx, 0)
            .unlock(mx, 0).spinUnlock(s).sysret().exit().build()));
        RunResult full = Runs.run(m.build(), "full").result();
        assertThat(full.status()).isEqualTo("BUG: sleeping function called from invalid context at nest.yaml:5");
        assertThat(full.bug()).contains("preempt_count: 1, expected: 0").contains("RCU nest depth: 0, expected: 0");
        RunResult rt = Runs.run(m.build(), "rt").result();
        assertThat(rt.status()).isEqualTo("BUG: sleeping function called from invalid context at nest.yaml:5");
        assertThat(rt.bug()).contains("preempt_count: 0, expected: 0").contains("RCU nest depth: 1, expected: 0");
        // with lockdep, the wait-type rule catches it first, on every build
        RunResult ld = Runs.run(m.lockdep(true).build(), "rt").result();
        assertThat(ld.status()).isEqualTo("BUG: Invalid wait context");
        assertThat(ld.bug()).contains("a sleeping lock must not nest inside a spinning one");
    }

    @Test
    void shouldAcceptAnRtlockInsideAnRcuReadSectionOnRt() {
        // spin_lock inside rcu_read_lock is legal: rtlock_might_resched expects the current RCU depth.
        MachineBuilder m = machine();
        int s = m.spinlock("s");
        m.task(TaskSpec.fair("t", 0, new ProgramBuilder().syscall(1).rcuReadLock().spinLock(s).kernel(10 * US)
            .spinUnlock(s).rcuReadUnlock().sysret().exit().build()));
        assertThat(Runs.run(m.build(), "rt").result().status()).isEqualTo("ok");
    }
}
