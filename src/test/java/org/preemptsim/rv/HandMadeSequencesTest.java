package org.preemptsim.rv;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.preemptsim.kernel.Build;
import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.PreemptCount;
import org.preemptsim.kernel.Task;
import org.preemptsim.kernel.sched.Sched;
import org.preemptsim.trace.Vectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every monitor, a hand-made event sequence it must reject, fed straight into it: first a
 * valid prefix that starts it (no report), then the one event the model forbids. Each expected
 * (state, event) is an INVALID_STATE cell of the monitor's header.
 */
class HandMadeSequencesTest {

    private Cpu cpu;
    private Task a;
    private Task b;
    private long now;

    @BeforeEach
    void setUp() {
        cpu = new Cpu(0, 0);
        a = new Task(0, 1000, "a", null, false, false, false, 1);
        b = new Task(1, 1001, "b", null, false, false, false, 1);
        cpu.curr = a;
        cpu.preemptCount = PreemptCount.PREEMPT_ENABLED;
    }

    private long t() {
        return now += 1_000;
    }

    private static Violation only(DaMonitor m) {
        MonitorReport r = m.report();
        assertThat(r.violations()).as("%s violations", m.name()).isEqualTo(1);
        return r.first().get(0);
    }

    private static void clean(DaMonitor m) {
        assertThat(m.report().violations()).as("%s violations so far", m.name()).isZero();
    }

    @Test
    void wipShouldRejectAWakeupWithPreemptionEnabled() {
        Wip m = new Wip();
        m.preemptEnable(t(), cpu);  // start event: skipped
        m.preemptDisable(t(), cpu);
        m.schedWaking(t(), cpu, b);
        m.preemptEnable(t(), cpu);
        clean(m);
        m.schedWaking(t(), cpu, b);

        Violation v = only(m);
        assertThat(v.message()).isEqualTo("rv: monitor wip does not allow event sched_waking on state preemptive");
        assertThat(v.history()).hasSize(5).first().asString().contains("preempt_enable: started in preemptive, event skipped");
    }

    @Test
    void wwnrShouldRejectAWakeupOfARunningTask() {
        Wwnr m = new Wwnr();
        a.state = Task.TASK_INTERRUPTIBLE;
        m.schedSwitch(t(), cpu, false, a, Task.TASK_INTERRUPTIBLE, b); // a's first suspension starts it
        m.schedWakeup(t(), cpu, a);
        m.schedSwitch(t(), cpu, false, b, Task.TASK_RUNNING, a);
        clean(m);
        // a sets TASK_INTERRUPTIBLE and is woken before its schedule(): the race the model forbids
        m.schedWakeup(t(), cpu, a);

        Violation v = only(m);
        assertThat(v.message()).isEqualTo("rv: monitor wwnr does not allow event wakeup on state running");
        assertThat(v.task()).isEqualTo("a-1000");
    }

    @Test
    void wwnrShouldStartOnAPreemptedTaskWhoseStateIsInterruptible() {
        Wwnr m = new Wwnr();
        a.state = Task.TASK_INTERRUPTIBLE; // preempted between set_current_state() and schedule()
        m.schedSwitch(t(), cpu, true, a, Sched.PREV_STATE_PREEMPTED, b);
        assertThat(m.report().starts()).isEqualTo(1);
        a.state = Task.TASK_RUNNING;
        m.schedSwitch(t(), cpu, true, a, Sched.PREV_STATE_PREEMPTED, b); // not running: switch_out is invalid
        assertThat(only(m).message()).isEqualTo("rv: monitor wwnr does not allow event switch_out on state not_running");
    }

    @Test
    void scoShouldRejectASetStateInsideSchedule() {
        Sco m = new Sco();
        m.schedSetState(t(), cpu, a, Task.TASK_INTERRUPTIBLE); // start event: skipped
        m.schedEntry(t(), cpu, false);
        m.schedExit(t(), cpu, true);
        m.schedEntry(t(), cpu, false);
        clean(m);
        m.schedSetState(t(), cpu, a, Task.TASK_RUNNING);

        assertThat(only(m).message()).isEqualTo("rv: monitor sco does not allow event sched_set_state on state scheduling_context");
    }

    @Test
    void snrocShouldRejectSettingTheStateOfATaskThatIsNotRunning() {
        Snroc m = new Snroc();
        m.schedSwitch(t(), cpu, false, a, Task.TASK_INTERRUPTIBLE, b); // a switched out: starts a's monitor
        m.schedSwitch(t(), cpu, false, b, Task.TASK_RUNNING, a);
        m.schedSetState(t(), cpu, a, Task.TASK_INTERRUPTIBLE);
        m.schedSwitch(t(), cpu, false, a, Task.TASK_INTERRUPTIBLE, b);
        clean(m);
        m.schedSetState(t(), cpu, a, Task.TASK_RUNNING); // someone else sets a's state

        Violation v = only(m);
        assertThat(v.message()).isEqualTo("rv: monitor snroc does not allow event sched_set_state on state other_context");
        assertThat(v.task()).isEqualTo("a-1000");
    }

    @Test
    void scpdShouldRejectScheduleWithPreemptionEnabled() {
        Scpd m = new Scpd();
        m.preemptEnable(t(), cpu); // start: cant_sched
        m.preemptDisable(t(), cpu);
        m.schedEntry(t(), cpu, false);
        m.schedExit(t(), cpu, true);
        m.preemptEnable(t(), cpu);
        clean(m);
        m.schedEntry(t(), cpu, false);

        assertThat(only(m).message()).isEqualTo("rv: monitor scpd does not allow event schedule_entry on state cant_sched");
    }

    @Test
    void snepShouldRejectPreemptEnableInsideSchedule() {
        Snep m = new Snep();
        m.preemptDisable(t(), cpu); // start event: skipped
        m.schedEntry(t(), cpu, false);
        clean(m);
        m.preemptEnable(t(), cpu);

        assertThat(only(m).message()).isEqualTo("rv: monitor snep does not allow event preempt_enable on state scheduling_contex");
    }

    @Test
    void sncidShouldRejectScheduleWithIrqsDisabled() {
        Sncid m = new Sncid();
        m.schedExit(t(), cpu, true); // start event: skipped
        m.irqDisable(t(), cpu);
        m.irqEnable(t(), cpu);
        m.schedEntry(t(), cpu, false);
        m.irqDisable(t(), cpu);
        clean(m);
        m.schedEntry(t(), cpu, false);

        assertThat(only(m).message()).isEqualTo("rv: monitor sncid does not allow event schedule_entry on state cant_sched");
    }

    @Test
    void tssShouldRejectASwitchOutsideSchedule() {
        Tss m = new Tss();
        m.schedExit(t(), cpu, true); // start event: skipped
        m.schedEntry(t(), cpu, false);
        m.schedSwitch(t(), cpu, false, a, Task.TASK_INTERRUPTIBLE, b);
        m.schedExit(t(), cpu, true);
        clean(m);
        m.schedSwitch(t(), cpu, false, b, Task.TASK_RUNNING, a);

        assertThat(only(m).message()).isEqualTo("rv: monitor tss does not allow event sched_switch on state thread");
    }

    @Test
    void stsShouldRejectASecondSwitchInOneSchedule() {
        Sts m = new Sts();
        m.schedExit(t(), cpu, true); // start event: skipped
        m.schedEntry(t(), cpu, false);
        m.irqDisable(t(), cpu);
        m.schedSwitch(t(), cpu, false, a, Task.TASK_INTERRUPTIBLE, b);
        clean(m);
        m.schedSwitch(t(), cpu, false, b, Task.TASK_RUNNING, a);

        assertThat(only(m).message()).isEqualTo("rv: monitor sts does not allow event sched_switch on state switching");
    }

    @Test
    void stsShouldTakeTheX86VectorEntriesAsIrqEntry() {
        Sts m = new Sts();
        m.schedExit(t(), cpu, true);
        m.schedEntry(t(), cpu, false);
        m.irqDisable(t(), cpu);
        m.vectorEntry(t(), cpu, Vectors.LOCAL_TIMER); // disable_to_switch -> in_irq
        m.irqEnable(t(), cpu);                        // in_irq -> scheduling
        clean(m);
        m.irqEnable(t(), cpu);

        assertThat(only(m).message()).isEqualTo("rv: monitor sts does not allow event irq_enable on state scheduling");
    }

    @Test
    void nrpShouldRejectAPreemptionWithoutNeedResched() {
        Nrp m = new Nrp();
        m.schedSetNeedResched(t(), cpu, a, 0, false); // start: preempt_irq
        m.schedEntry(t(), cpu, true);  // -> nested_preempt
        m.schedEntry(t(), cpu, false); // -> any_thread_running
        m.schedSetNeedResched(t(), cpu, a, 0, false);
        m.schedEntry(t(), cpu, true);  // rescheduling -> any_thread_running
        m.irqHandlerEntry(t(), cpu, 30, "eth0");
        clean(m);
        m.schedEntry(t(), cpu, true);

        Violation v = only(m);
        assertThat(v.message()).isEqualTo("rv: monitor nrp does not allow event schedule_entry_preempt on state any_thread_running");
        assertThat(v.task()).isEqualTo("a-1000");
    }

    @Test
    void nrpShouldIgnoreTheLazyFlag() {
        Nrp m = new Nrp();
        m.schedSetNeedResched(t(), cpu, a, 0, false);
        m.schedEntry(t(), cpu, false);
        m.schedEntry(t(), cpu, false); // any_thread_running
        m.schedSetNeedResched(t(), cpu, a, 0, true); // TIF_NEED_RESCHED_LAZY: not an nrp event
        m.schedEntry(t(), cpu, true);

        assertThat(only(m).state()).isEqualTo("any_thread_running");
    }

    @Test
    void ssswShouldRejectSwitchingInASleepingTaskNobodyWoke() {
        Sssw m = new Sssw();
        m.schedWakeup(t(), cpu, a); // start event: skipped
        m.schedSetState(t(), cpu, a, Task.TASK_INTERRUPTIBLE);
        m.schedSwitch(t(), cpu, false, a, Task.TASK_INTERRUPTIBLE, b); // suspend -> sleeping
        clean(m);
        m.schedSwitch(t(), cpu, false, b, Task.TASK_RUNNING, a);

        assertThat(only(m).message()).isEqualTo("rv: monitor sssw does not allow event sched_switch_in on state sleeping");
    }

    @Test
    void ssswShouldRejectSuspendingWithoutASleepingState() {
        Sssw m = new Sssw();
        m.schedSetState(t(), cpu, a, Task.TASK_RUNNING); // start event: skipped
        m.schedSwitch(t(), cpu, false, a, Task.TASK_UNINTERRUPTIBLE, b);

        assertThat(only(m).message()).isEqualTo("rv: monitor sssw does not allow event sched_switch_suspend on state runnable");
    }

    @Test
    void opidShouldRejectNeedReschedWithIrqsOn() {
        Opid m = new Opid(true);
        cpu.irqsDisabled = true;
        m.schedSetNeedResched(t(), cpu, a, 0, false);
        clean(m);
        cpu.irqsDisabled = false;
        m.schedSetNeedResched(t(), cpu, a, 0, false);

        Violation v = only(m);
        assertThat(v.message()).isEqualTo("rv: monitor opid does not allow event sched_need_resched on state any");
        assertThat(v.guard()).isEqualTo("irq_off == 1 with irq_off=0");
    }

    @Test
    void opidShouldRejectAWakeupWithPreemptionEnabledOnAPreemptibleKernel() {
        Opid m = new Opid(true);
        cpu.irqsDisabled = true;
        cpu.preemptCount = PreemptCount.PREEMPT_ENABLED + 2; // try_to_wake_up's guard(preempt) and pi_lock
        m.schedWaking(t(), cpu, b);
        cpu.preemptCount = PreemptCount.PREEMPT_ENABLED + PreemptCount.HARDIRQ_OFFSET; // hardirq bits are not PREEMPT_MASK
        clean(m);
        m.schedWaking(t(), cpu, b);

        assertThat(only(m).guard()).isEqualTo("irq_off == 1 && preempt_off == 1 with irq_off=1 preempt_off=0");
    }

    @Test
    void opidShouldTakePreemptionAsOffWithoutPreemption() {
        Opid m = new Opid(Build.STATIC_NONE.preemption());
        cpu.irqsDisabled = true;
        m.schedWaking(t(), cpu, b); // !CONFIG_PREEMPTION: preempt_off is always true

        assertThat(m.report().violations()).isZero();
        assertThat(m.report().events()).isEqualTo(1);
    }
}
