package org.preemptsim.rv;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.PreemptCount;
import org.preemptsim.kernel.Task;

import static org.assertj.core.api.Assertions.assertThat;

/** The start and reset semantics of include/rv/da_monitor.h. */
class DaSemanticsTest {

    private Cpu cpu;
    private Task t;

    @BeforeEach
    void setUp() {
        cpu = new Cpu(0, 0);
        t = new Task(0, 1000, "t", null, false, false, false, 1);
        cpu.curr = t;
        cpu.preemptCount = PreemptCount.PREEMPT_ENABLED;
    }

    @Test
    void shouldIgnorePlainEventsUntilAStartEvent() {
        Wip m = new Wip();
        m.preemptDisable(1, cpu);
        m.schedWaking(2, cpu, t);
        m.schedWaking(3, cpu, t);

        assertThat(m.report().starts()).isZero();
        assertThat(m.report().events()).isZero();
    }

    @Test
    void shouldSkipTheEventThatStartsTheMonitor() {
        Wip m = new Wip();
        m.preemptEnable(1, cpu); // da_handle_start_event: start in "preemptive", skip the event

        assertThat(m.report().starts()).isEqualTo(1);
        assertThat(m.report().events()).isZero();
        m.preemptEnable(2, cpu); // now processed: preemptive has no preempt_enable
        assertThat(m.report().violations()).isEqualTo(1);
    }

    @Test
    void shouldProcessTheEventThatStartsAStartRunMonitor() {
        Opid m = new Opid(true);
        cpu.irqsDisabled = true;
        m.schedSetNeedResched(1, cpu, t, 0, false); // da_handle_start_run_event

        assertThat(m.report().starts()).isEqualTo(1);
        assertThat(m.report().events()).isEqualTo(1);
    }

    @Test
    void shouldResetToTheInitialStateAndWaitForTheNextStartEventAfterAViolation() {
        Wip m = new Wip();
        m.preemptEnable(1, cpu);
        m.schedWaking(2, cpu, t);   // violation: reset
        m.preemptDisable(3, cpu);   // ignored: not monitoring
        m.schedWaking(4, cpu, t);   // ignored
        assertThat(m.report().events()).isEqualTo(1);
        m.preemptEnable(5, cpu);    // starts again, skipped
        m.preemptDisable(6, cpu);
        m.schedWaking(7, cpu, t);

        MonitorReport r = m.report();
        assertThat(r.starts()).isEqualTo(2);
        assertThat(r.events()).isEqualTo(3);
        assertThat(r.violations()).isEqualTo(1);
    }

    @Test
    void shouldKeepOneInstancePerCpuAndOnePerTask() {
        Cpu other = new Cpu(1, 0);
        other.curr = t;
        Wip wip = new Wip();
        wip.preemptEnable(1, cpu);
        wip.preemptDisable(2, other); // CPU 1's monitor has not started
        wip.schedWaking(3, cpu, t);   // CPU 0's is still preemptive
        assertThat(wip.report().violations()).isEqualTo(1);

        Task u = new Task(1, 1001, "u", null, false, false, false, 1);
        Snroc snroc = new Snroc();
        snroc.schedSwitch(4, cpu, false, t, Task.TASK_INTERRUPTIBLE, u);  // starts t's; u's not started
        snroc.schedSwitch(5, cpu, false, u, Task.TASK_INTERRUPTIBLE, t);  // starts u's; t in own_context
        snroc.schedSetState(6, cpu, t, Task.TASK_RUNNING);
        assertThat(snroc.report().starts()).isEqualTo(2);
        assertThat(snroc.report().violations()).isZero();
    }

    @Test
    void shouldKeepTheFirstViolationsAndCountTheRest() {
        Wip m = new Wip();
        for (int i = 0; i < 25; i++) {
            m.preemptEnable(2L * i, cpu);
            m.schedWaking(2L * i + 1, cpu, t);
        }

        assertThat(m.report().violations()).isEqualTo(25);
        assertThat(m.report().first()).hasSize(DaMonitor.KEPT_VIOLATIONS);
    }

    @Test
    void shouldNotCountWwnrAsAFailure() {
        Wwnr m = new Wwnr();
        t.state = Task.TASK_INTERRUPTIBLE;
        Task u = new Task(1, 1001, "u", null, false, false, false, 1);
        m.schedSwitch(1, cpu, false, t, Task.TASK_INTERRUPTIBLE, u);
        m.schedSwitch(2, cpu, false, u, Task.TASK_RUNNING, t);
        m.schedWakeup(3, cpu, t);

        assertThat(m.report().violations()).isEqualTo(1);
        assertThat(m.report().countsAsFailure()).isFalse();
        assertThat(new MonitorReport("sts", false, 1, 1, 1, java.util.List.of()).countsAsFailure()).isTrue();
    }
}
