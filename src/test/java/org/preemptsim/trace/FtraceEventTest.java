package org.preemptsim.trace;

import org.junit.jupiter.api.Test;
import org.preemptsim.kernel.Task;
import org.preemptsim.kernel.sched.Sched;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event layouts and payloads against the kernel sources they come from (6.x, x86-64): the field
 * offsets a tracefs format file shows and the TP_printk output.
 */
class FtraceEventTest {

    private static String payload(FtraceEvent e, Object... values) {
        TraceRecord r = new TraceRecord();
        r.event = e;
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof String s) {
                r.str[i] = s;
            } else {
                r.num[i] = ((Number) values[i]).longValue();
            }
        }
        StringBuilder sb = new StringBuilder();
        e.print(sb, r);
        return sb.toString();
    }

    private static List<String> fieldLines(FtraceEvent e) {
        List<String> lines = new ArrayList<>();
        for (String l : e.formatFile().split("\n")) {
            if (l.startsWith("\tfield:") && !l.contains("common_")) {
                lines.add(l);
            }
        }
        return lines;
    }

    @Test
    void shouldLayOutSchedSwitchAsItsTracefsFormatFile() {
        // include/trace/events/sched.h TRACE_EVENT(sched_switch); the offsets are those of
        // /sys/kernel/tracing/events/sched/sched_switch/format (quoted in Documentation/trace/eprobetrace.rst).
        String f = FtraceEvent.SCHED_SWITCH.formatFile();
        assertThat(f).startsWith("name: sched_switch\nID: " + FtraceEvent.SCHED_SWITCH.id() + "\nformat:\n"
            + "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
            + "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
            + "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
            + "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n");
        assertThat(fieldLines(FtraceEvent.SCHED_SWITCH)).containsExactly(
            "\tfield:char prev_comm[16];\toffset:8;\tsize:16;\tsigned:0;",
            "\tfield:pid_t prev_pid;\toffset:24;\tsize:4;\tsigned:1;",
            "\tfield:int prev_prio;\toffset:28;\tsize:4;\tsigned:1;",
            "\tfield:long prev_state;\toffset:32;\tsize:8;\tsigned:1;",
            "\tfield:char next_comm[16];\toffset:40;\tsize:16;\tsigned:0;",
            "\tfield:pid_t next_pid;\toffset:56;\tsize:4;\tsigned:1;",
            "\tfield:int next_prio;\toffset:60;\tsize:4;\tsigned:1;");
        assertThat(FtraceEvent.SCHED_SWITCH.fixedSize()).isEqualTo(64);
        assertThat(f).contains("\nprint fmt: \"prev_comm=%s prev_pid=%d prev_prio=%d prev_state=%s%s ==> next_comm=%s next_pid=%d next_prio=%d\", ");
    }

    @Test
    void shouldLayOutTheWakeupTemplateMigrateAndPiSetprioAsSchedH() {
        // sched_wakeup_template: __array comm, pid, prio, target_cpu.
        assertThat(fieldLines(FtraceEvent.SCHED_WAKEUP)).containsExactly(
            "\tfield:char comm[16];\toffset:8;\tsize:16;\tsigned:0;",
            "\tfield:pid_t pid;\toffset:24;\tsize:4;\tsigned:1;",
            "\tfield:int prio;\toffset:28;\tsize:4;\tsigned:1;",
            "\tfield:int target_cpu;\toffset:32;\tsize:4;\tsigned:1;");
        // sched_migrate_task and sched_pi_setprio store comm with __string(): a __data_loc.
        assertThat(fieldLines(FtraceEvent.SCHED_MIGRATE_TASK)).containsExactly(
            "\tfield:__data_loc char[] comm;\toffset:8;\tsize:4;\tsigned:0;",
            "\tfield:pid_t pid;\toffset:12;\tsize:4;\tsigned:1;",
            "\tfield:int prio;\toffset:16;\tsize:4;\tsigned:1;",
            "\tfield:int orig_cpu;\toffset:20;\tsize:4;\tsigned:1;",
            "\tfield:int dest_cpu;\toffset:24;\tsize:4;\tsigned:1;");
        assertThat(fieldLines(FtraceEvent.SCHED_PI_SETPRIO)).containsExactly(
            "\tfield:__data_loc char[] comm;\toffset:8;\tsize:4;\tsigned:0;",
            "\tfield:pid_t pid;\toffset:12;\tsize:4;\tsigned:1;",
            "\tfield:int oldprio;\toffset:16;\tsize:4;\tsigned:1;",
            "\tfield:int newprio;\toffset:20;\tsize:4;\tsigned:1;");
    }

    @Test
    void shouldLayOutIrqSoftirqVectorAndPreemptirqEvents() {
        // include/trace/events/irq.h
        assertThat(fieldLines(FtraceEvent.IRQ_HANDLER_ENTRY)).containsExactly(
            "\tfield:int irq;\toffset:8;\tsize:4;\tsigned:1;",
            "\tfield:__data_loc char[] name;\toffset:12;\tsize:4;\tsigned:0;");
        assertThat(fieldLines(FtraceEvent.IRQ_HANDLER_EXIT)).containsExactly(
            "\tfield:int irq;\toffset:8;\tsize:4;\tsigned:1;",
            "\tfield:int ret;\toffset:12;\tsize:4;\tsigned:1;");
        assertThat(fieldLines(FtraceEvent.SOFTIRQ_RAISE)).containsExactly(
            "\tfield:unsigned int vec;\toffset:8;\tsize:4;\tsigned:0;");
        assertThat(FtraceEvent.SOFTIRQ_ENTRY.printFmt()).isEqualTo("\"vec=%u [action=%s]\", REC->vec, "
            + "__print_symbolic(REC->vec, { 0, \"HI\" }, { 1, \"TIMER\" }, { 2, \"NET_TX\" }, { 3, \"NET_RX\" }, "
            + "{ 4, \"BLOCK\" }, { 5, \"IRQ_POLL\" }, { 6, \"TASKLET\" }, { 7, \"SCHED\" }, { 8, \"HRTIMER\" }, { 9, \"RCU\" })");
        // arch/x86/include/asm/trace/irq_vectors.h: x86_irq_vector
        assertThat(FtraceEvent.LOCAL_TIMER_ENTRY.system()).isEqualTo("irq_vectors");
        assertThat(fieldLines(FtraceEvent.LOCAL_TIMER_ENTRY)).containsExactly("\tfield:int vector;\toffset:8;\tsize:4;\tsigned:1;");
        // include/trace/events/preemptirq.h: s32 offsets from _stext
        assertThat(fieldLines(FtraceEvent.PREEMPT_DISABLE)).containsExactly(
            "\tfield:s32 caller_offs;\toffset:8;\tsize:4;\tsigned:1;",
            "\tfield:s32 parent_offs;\toffset:12;\tsize:4;\tsigned:1;");
        assertThat(FtraceEvent.IRQ_ENABLE.printFmt()).isEqualTo("\"caller=%pS parent=%pS\", "
            + "(void *)((unsigned long)(_stext) + REC->caller_offs), (void *)((unsigned long)(_stext) + REC->parent_offs)");
    }

    @Test
    void shouldGiveEveryEventAUniqueIdAndName() {
        assertThat(FtraceEvent.ALL).extracting(FtraceEvent::id).doesNotHaveDuplicates();
        assertThat(FtraceEvent.ALL).extracting(FtraceEvent::name).doesNotHaveDuplicates();
    }

    @Test
    void shouldPrintSchedSwitchWithStateLettersAndRPlusForAPreemptedTask() {
        assertThat(payload(FtraceEvent.SCHED_SWITCH, "bash", 219057, 120, TaskStates.report(Sched.PREV_STATE_PREEMPTED),
            "swapper/0", 0, 120))
            .isEqualTo("prev_comm=bash prev_pid=219057 prev_prio=120 prev_state=R+ ==> next_comm=swapper/0 next_pid=0 next_prio=120");
        assertThat(payload(FtraceEvent.SCHED_SWITCH, "swapper/0", 0, 120, TaskStates.report(Task.TASK_RUNNING),
            "bash", 219057, 120))
            .isEqualTo("prev_comm=swapper/0 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=bash next_pid=219057 next_prio=120");
    }

    @Test
    void shouldPrintTheOtherSchedEvents() {
        assertThat(payload(FtraceEvent.SCHED_WAKING, "cyclictest", 1000, 4, 3))
            .isEqualTo("comm=cyclictest pid=1000 prio=4 target_cpu=003");
        assertThat(payload(FtraceEvent.SCHED_WAKEUP_NEW, "w", 7, 120, 12)).isEqualTo("comm=w pid=7 prio=120 target_cpu=012");
        assertThat(payload(FtraceEvent.SCHED_MIGRATE_TASK, "w", 7, 120, 0, 3))
            .isEqualTo("comm=w pid=7 prio=120 orig_cpu=0 dest_cpu=3");
        assertThat(payload(FtraceEvent.SCHED_PI_SETPRIO, "holder", 9, 120, 49))
            .isEqualTo("comm=holder pid=9 oldprio=120 newprio=49");
        assertThat(payload(FtraceEvent.SCHED_WAKE_IDLE_WITHOUT_IPI, 2)).isEqualTo("cpu=2");
    }

    @Test
    void shouldPrintIrqSoftirqVectorAndPreemptirqEvents() {
        assertThat(payload(FtraceEvent.IRQ_HANDLER_ENTRY, 24, "eth0")).isEqualTo("irq=24 name=eth0");
        assertThat(payload(FtraceEvent.IRQ_HANDLER_EXIT, 24, 1)).isEqualTo("irq=24 ret=handled");
        assertThat(payload(FtraceEvent.IRQ_HANDLER_EXIT, 24, 0)).isEqualTo("irq=24 ret=unhandled");
        assertThat(payload(FtraceEvent.SOFTIRQ_RAISE, 3)).isEqualTo("vec=3 [action=NET_RX]");
        assertThat(payload(FtraceEvent.SOFTIRQ_ENTRY, 9)).isEqualTo("vec=9 [action=RCU]");
        assertThat(payload(FtraceEvent.LOCAL_TIMER_ENTRY, Vectors.LOCAL_TIMER)).isEqualTo("vector=236");
        assertThat(payload(FtraceEvent.RESCHEDULE_EXIT, Vectors.RESCHEDULE)).isEqualTo("vector=253");
        int site = CallSites.IRQ_ENTER_RCU << 8 | CallSites.SYSVEC_APIC_TIMER;
        assertThat(payload(FtraceEvent.PREEMPT_DISABLE, CallSites.callerOffs(site), CallSites.parentOffs(site)))
            .isEqualTo("caller=irq_enter_rcu+0x1d/0x100 parent=sysvec_apic_timer_interrupt+0x4a/0x100");
    }

    @Test
    void shouldMapPrevStateAsTaskStateIndexDoes() {
        assertThat(TaskStates.letters(TaskStates.report(Task.TASK_INTERRUPTIBLE))).isEqualTo("S");
        assertThat(TaskStates.letters(TaskStates.report(Task.TASK_UNINTERRUPTIBLE))).isEqualTo("D");
        assertThat(TaskStates.letters(TaskStates.report(Task.TASK_DEAD))).isEqualTo("X");
        // TASK_IDLE (UNINTERRUPTIBLE | NOLOAD) reports I; an rtlock wait reports D.
        assertThat(TaskStates.letters(TaskStates.report(Task.TASK_UNINTERRUPTIBLE | 0x400))).isEqualTo("I");
        assertThat(TaskStates.letters(TaskStates.report(Task.TASK_RTLOCK_WAIT))).isEqualTo("D");
        assertThat(TaskStates.report(Sched.PREV_STATE_PREEMPTED)).isEqualTo(0x100);
        assertThat(TaskStates.letters(0x100)).isEqualTo("R+");
    }

    @Test
    void shouldListTheInventedSymbolsInAddressOrderFromStext() {
        String[] lines = CallSites.kallsyms().split("\n");
        assertThat(lines[0]).isEqualTo("ffffffff81000000 T _stext");
        assertThat(lines[lines.length - 1]).endsWith(" T _etext");
        long prev = 0;
        for (String l : lines) {
            long addr = Long.parseUnsignedLong(l.substring(0, 16), 16);
            assertThat(Long.compareUnsigned(addr, prev)).isPositive();
            prev = addr;
        }
        // An address outside every symbol prints raw, as %pS does.
        assertThat(CallSites.pS(0x7fff0000)).isEqualTo("0x" + Long.toHexString(CallSites.STEXT + 0x7fff0000));
    }
}
