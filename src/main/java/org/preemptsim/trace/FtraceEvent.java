package org.preemptsim.trace;

import org.preemptsim.kernel.irq.Softirq;

import java.util.ArrayList;
import java.util.List;

/**
 * The ftrace events the simulated kernel emits: each one's binary layout exactly as its tracefs
 * {@code format} file on x86-64 6.x (common header, then the TP_STRUCT__entry fields with C
 * alignment), its {@code print fmt}, and the printer that renders TP_printk into the text trace.
 *
 * <p>Sources: include/trace/events/sched.h (sched_switch, sched_wakeup_template,
 * sched_migrate_task and sched_pi_setprio with {@code __string(comm)},
 * sched_wake_idle_without_ipi), include/trace/events/irq.h (irq_handler_*, the softirq class with
 * {@code vec=%u [action=%s]}), arch/x86/include/asm/trace/irq_vectors.h (x86_irq_vector:
 * {@code vector=%d}), include/trace/events/preemptirq.h (s32 caller_offs/parent_offs from _stext,
 * {@code caller=%pS parent=%pS}).
 */
public final class FtraceEvent {

    /** Field kinds: how a value is stored. */
    static final int INT = 0;
    static final int UINT = 1;
    static final int LONG = 2;
    static final int COMM = 3;
    static final int STRING = 4;

    /** Size of the common header (common_type, common_flags, common_preempt_count, common_pid). */
    static final int COMMON_SIZE = 8;
    /** TASK_COMM_LEN. */
    static final int COMM_LEN = 16;

    /** One line of the format file. */
    public record Field(String name, String decl, int kind, int offset, int size, boolean signed) {
    }

    /** TP_printk, writing what follows "name: ". */
    interface Printer {
        void print(StringBuilder sb, TraceRecord r);
    }

    private final int id;
    private final String system;
    private final String name;
    private final List<Field> fields;
    private final int fixedSize;
    private final String printFmt;
    private final Printer printer;

    private FtraceEvent(int id, String system, String name, String printFmt, Printer printer, String... decls) {
        this.id = id;
        this.system = system;
        this.name = name;
        this.printFmt = printFmt;
        this.printer = printer;
        List<Field> fs = new ArrayList<>();
        int off = COMMON_SIZE;
        for (String decl : decls) {
            Field f = field(decl, off);
            fs.add(f);
            off = f.offset() + f.size();
        }
        this.fields = List.copyOf(fs);
        this.fixedSize = off;
    }

    /** Parses "type name" into a field at the first offset, from {@code off}, its alignment allows. */
    private static Field field(String decl, int off) {
        int sp = decl.lastIndexOf(' ');
        String type = decl.substring(0, sp);
        String name = decl.substring(sp + 1);
        switch (type) {
            case "int":
            case "pid_t":
            case "s32":
                return new Field(name, decl, INT, align(off, 4), 4, true);
            case "unsigned int":
                return new Field(name, decl, UINT, align(off, 4), 4, false);
            case "long":
                return new Field(name, decl, LONG, align(off, 8), 8, true);
            case "char":
                return new Field(name.substring(0, name.indexOf('[')), "char " + name, COMM, off, COMM_LEN, false);
            case "__data_loc char[]":
                return new Field(name, decl, STRING, align(off, 4), 4, false);
            default:
                throw new IllegalArgumentException("field type " + type);
        }
    }

    private static int align(int off, int a) {
        return (off + a - 1) & -a;
    }

    public int id() {
        return id;
    }

    public String system() {
        return system;
    }

    public String name() {
        return name;
    }

    public List<Field> fields() {
        return fields;
    }

    /** Bytes of the record before its dynamic strings. */
    public int fixedSize() {
        return fixedSize;
    }

    public String printFmt() {
        return printFmt;
    }

    /** Appends TP_printk's output for {@code r}. */
    public void print(StringBuilder sb, TraceRecord r) {
        printer.print(sb, r);
    }

    /** The tracefs events/&lt;system&gt;/&lt;name&gt;/format file. */
    public String formatFile() {
        StringBuilder sb = new StringBuilder();
        sb.append("name: ").append(name).append('\n');
        sb.append("ID: ").append(id).append('\n');
        sb.append("format:\n");
        sb.append("\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n");
        sb.append("\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n");
        sb.append("\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n");
        sb.append("\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n");
        sb.append('\n');
        for (Field f : fields) {
            sb.append("\tfield:").append(f.decl()).append(";\toffset:").append(f.offset())
                .append(";\tsize:").append(f.size()).append(";\tsigned:").append(f.signed() ? 1 : 0).append(";\n");
        }
        sb.append('\n');
        sb.append("print fmt: ").append(printFmt).append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return system + ":" + name;
    }

    // ================================================================== the catalog

    private static int nextId = 300;

    private static FtraceEvent def(String system, String name, String printFmt, Printer p, String... decls) {
        return new FtraceEvent(nextId++, system, name, printFmt, p, decls);
    }

    /** TASK_REPORT_MAX - 1 and TASK_REPORT_MAX as sched.h's print fmt spells them after expansion. */
    private static final String REPORT = "(0x00000000 | 0x00000001 | 0x00000002 | 0x00000004 | 0x00000008 | 0x00000010 | 0x00000020 | 0x00000040)";
    private static final String REPORT_MAX_MINUS_1 = "((((" + REPORT + ") + 1) << 1) - 1)";
    private static final String REPORT_MAX = "(((" + REPORT + ") + 1) << 1)";

    public static final FtraceEvent SCHED_SWITCH = def("sched", "sched_switch",
        "\"prev_comm=%s prev_pid=%d prev_prio=%d prev_state=%s%s ==> next_comm=%s next_pid=%d next_prio=%d\", "
            + "REC->prev_comm, REC->prev_pid, REC->prev_prio, (REC->prev_state & " + REPORT_MAX_MINUS_1 + ") ? "
            + "__print_flags(REC->prev_state & " + REPORT_MAX_MINUS_1 + ", \"|\", { 0x00000001, \"S\" }, "
            + "{ 0x00000002, \"D\" }, { 0x00000004, \"T\" }, { 0x00000008, \"t\" }, { 0x00000010, \"X\" }, "
            + "{ 0x00000020, \"Z\" }, { 0x00000040, \"P\" }, { 0x00000080, \"I\" }) : \"R\", "
            + "REC->prev_state & " + REPORT_MAX + " ? \"+\" : \"\", REC->next_comm, REC->next_pid, REC->next_prio",
        (sb, r) -> sb.append("prev_comm=").append(r.str[0]).append(" prev_pid=").append(r.num[1])
            .append(" prev_prio=").append(r.num[2]).append(" prev_state=").append(TaskStates.letters(r.num[3]))
            .append(" ==> next_comm=").append(r.str[4]).append(" next_pid=").append(r.num[5])
            .append(" next_prio=").append(r.num[6]),
        "char prev_comm[16]", "pid_t prev_pid", "int prev_prio", "long prev_state",
        "char next_comm[16]", "pid_t next_pid", "int next_prio");

    private static final String WAKEUP_FMT = "\"comm=%s pid=%d prio=%d target_cpu=%03d\", REC->comm, REC->pid, REC->prio, REC->target_cpu";

    private static void printWakeup(StringBuilder sb, TraceRecord r) {
        sb.append("comm=").append(r.str[0]).append(" pid=").append(r.num[1]).append(" prio=").append(r.num[2])
            .append(" target_cpu=");
        pad3(sb, r.num[3]);
    }

    public static final FtraceEvent SCHED_WAKING = def("sched", "sched_waking", WAKEUP_FMT, FtraceEvent::printWakeup,
        "char comm[16]", "pid_t pid", "int prio", "int target_cpu");
    public static final FtraceEvent SCHED_WAKEUP = def("sched", "sched_wakeup", WAKEUP_FMT, FtraceEvent::printWakeup,
        "char comm[16]", "pid_t pid", "int prio", "int target_cpu");
    public static final FtraceEvent SCHED_WAKEUP_NEW = def("sched", "sched_wakeup_new", WAKEUP_FMT, FtraceEvent::printWakeup,
        "char comm[16]", "pid_t pid", "int prio", "int target_cpu");

    public static final FtraceEvent SCHED_MIGRATE_TASK = def("sched", "sched_migrate_task",
        "\"comm=%s pid=%d prio=%d orig_cpu=%d dest_cpu=%d\", __get_str(comm), REC->pid, REC->prio, REC->orig_cpu, REC->dest_cpu",
        (sb, r) -> sb.append("comm=").append(r.str[0]).append(" pid=").append(r.num[1]).append(" prio=").append(r.num[2])
            .append(" orig_cpu=").append(r.num[3]).append(" dest_cpu=").append(r.num[4]),
        "__data_loc char[] comm", "pid_t pid", "int prio", "int orig_cpu", "int dest_cpu");

    public static final FtraceEvent SCHED_PI_SETPRIO = def("sched", "sched_pi_setprio",
        "\"comm=%s pid=%d oldprio=%d newprio=%d\", __get_str(comm), REC->pid, REC->oldprio, REC->newprio",
        (sb, r) -> sb.append("comm=").append(r.str[0]).append(" pid=").append(r.num[1]).append(" oldprio=").append(r.num[2])
            .append(" newprio=").append(r.num[3]),
        "__data_loc char[] comm", "pid_t pid", "int oldprio", "int newprio");

    public static final FtraceEvent SCHED_WAKE_IDLE_WITHOUT_IPI = def("sched", "sched_wake_idle_without_ipi",
        "\"cpu=%d\", REC->cpu",
        (sb, r) -> sb.append("cpu=").append(r.num[0]),
        "int cpu");

    public static final FtraceEvent IRQ_HANDLER_ENTRY = def("irq", "irq_handler_entry",
        "\"irq=%d name=%s\", REC->irq, __get_str(name)",
        (sb, r) -> sb.append("irq=").append(r.num[0]).append(" name=").append(r.str[1]),
        "int irq", "__data_loc char[] name");

    public static final FtraceEvent IRQ_HANDLER_EXIT = def("irq", "irq_handler_exit",
        "\"irq=%d ret=%s\", REC->irq, REC->ret ? \"handled\" : \"unhandled\"",
        (sb, r) -> sb.append("irq=").append(r.num[0]).append(" ret=").append(r.num[1] != 0 ? "handled" : "unhandled"),
        "int irq", "int ret");

    private static final String SOFTIRQ_FMT;

    static {
        StringBuilder sb = new StringBuilder("\"vec=%u [action=%s]\", REC->vec, __print_symbolic(REC->vec");
        for (int v = 0; v < Softirq.NR; v++) {
            sb.append(", { ").append(v).append(", \"").append(Softirq.name(v)).append("\" }");
        }
        SOFTIRQ_FMT = sb.append(')').toString();
    }

    private static void printSoftirq(StringBuilder sb, TraceRecord r) {
        long vec = r.num[0];
        sb.append("vec=").append(vec).append(" [action=");
        // __print_symbolic prints an unknown value in hex.
        sb.append(vec >= 0 && vec < Softirq.NR ? Softirq.name((int) vec) : "0x" + Long.toHexString(vec)).append(']');
    }

    public static final FtraceEvent SOFTIRQ_ENTRY = def("irq", "softirq_entry", SOFTIRQ_FMT, FtraceEvent::printSoftirq,
        "unsigned int vec");
    public static final FtraceEvent SOFTIRQ_EXIT = def("irq", "softirq_exit", SOFTIRQ_FMT, FtraceEvent::printSoftirq,
        "unsigned int vec");
    public static final FtraceEvent SOFTIRQ_RAISE = def("irq", "softirq_raise", SOFTIRQ_FMT, FtraceEvent::printSoftirq,
        "unsigned int vec");

    private static FtraceEvent vector(String name) {
        return def("irq_vectors", name, "\"vector=%d\", REC->vector", (sb, r) -> sb.append("vector=").append(r.num[0]),
            "int vector");
    }

    public static final FtraceEvent LOCAL_TIMER_ENTRY = vector("local_timer_entry");
    public static final FtraceEvent LOCAL_TIMER_EXIT = vector("local_timer_exit");
    public static final FtraceEvent RESCHEDULE_ENTRY = vector("reschedule_entry");
    public static final FtraceEvent RESCHEDULE_EXIT = vector("reschedule_exit");
    public static final FtraceEvent CALL_FUNCTION_ENTRY = vector("call_function_entry");
    public static final FtraceEvent CALL_FUNCTION_EXIT = vector("call_function_exit");
    public static final FtraceEvent CALL_FUNCTION_SINGLE_ENTRY = vector("call_function_single_entry");
    public static final FtraceEvent CALL_FUNCTION_SINGLE_EXIT = vector("call_function_single_exit");
    public static final FtraceEvent IRQ_WORK_ENTRY = vector("irq_work_entry");
    public static final FtraceEvent IRQ_WORK_EXIT = vector("irq_work_exit");

    private static FtraceEvent preemptirq(String name) {
        return def("preemptirq", name,
            "\"caller=%pS parent=%pS\", (void *)((unsigned long)(_stext) + REC->caller_offs), "
                + "(void *)((unsigned long)(_stext) + REC->parent_offs)",
            (sb, r) -> sb.append("caller=").append(CallSites.pS((int) r.num[0]))
                .append(" parent=").append(CallSites.pS((int) r.num[1])),
            "s32 caller_offs", "s32 parent_offs");
    }

    public static final FtraceEvent PREEMPT_DISABLE = preemptirq("preempt_disable");
    public static final FtraceEvent PREEMPT_ENABLE = preemptirq("preempt_enable");
    public static final FtraceEvent IRQ_DISABLE = preemptirq("irq_disable");
    public static final FtraceEvent IRQ_ENABLE = preemptirq("irq_enable");

    /** Every event, grouped by system in first-appearance order. */
    public static final List<FtraceEvent> ALL = List.of(SCHED_SWITCH, SCHED_WAKING, SCHED_WAKEUP, SCHED_WAKEUP_NEW,
        SCHED_MIGRATE_TASK, SCHED_PI_SETPRIO, SCHED_WAKE_IDLE_WITHOUT_IPI, IRQ_HANDLER_ENTRY, IRQ_HANDLER_EXIT,
        SOFTIRQ_ENTRY, SOFTIRQ_EXIT, SOFTIRQ_RAISE, LOCAL_TIMER_ENTRY, LOCAL_TIMER_EXIT, RESCHEDULE_ENTRY,
        RESCHEDULE_EXIT, CALL_FUNCTION_ENTRY, CALL_FUNCTION_EXIT, CALL_FUNCTION_SINGLE_ENTRY,
        CALL_FUNCTION_SINGLE_EXIT, IRQ_WORK_ENTRY, IRQ_WORK_EXIT, PREEMPT_DISABLE, PREEMPT_ENABLE, IRQ_DISABLE,
        IRQ_ENABLE);

    /** The x86 vector event for a vector number, or null when the simulator names none. */
    static FtraceEvent vectorEvent(int vector, boolean entry) {
        switch (vector) {
            case Vectors.LOCAL_TIMER:
                return entry ? LOCAL_TIMER_ENTRY : LOCAL_TIMER_EXIT;
            case Vectors.RESCHEDULE:
                return entry ? RESCHEDULE_ENTRY : RESCHEDULE_EXIT;
            case Vectors.CALL_FUNCTION:
                return entry ? CALL_FUNCTION_ENTRY : CALL_FUNCTION_EXIT;
            case Vectors.CALL_FUNCTION_SINGLE:
                return entry ? CALL_FUNCTION_SINGLE_ENTRY : CALL_FUNCTION_SINGLE_EXIT;
            case Vectors.IRQ_WORK:
                return entry ? IRQ_WORK_ENTRY : IRQ_WORK_EXIT;
            default:
                return null;
        }
    }

    /** %03d. */
    static void pad3(StringBuilder sb, long v) {
        if (v >= 0 && v < 10) {
            sb.append("00");
        } else if (v >= 10 && v < 100) {
            sb.append('0');
        }
        sb.append(v);
    }
}
