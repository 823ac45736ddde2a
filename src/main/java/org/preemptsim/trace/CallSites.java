package org.preemptsim.trace;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.PreemptCount;
import org.preemptsim.kernel.Task;

/**
 * The invented kernel text behind the preemptirq events' {@code caller=%pS parent=%pS}.
 *
 * <p>The simulated kernel has no instruction pointers, so each event gets a call site chosen from
 * the context it fires in, read from the emitting CPU alone: hardirq entry/exit (parent: the x86
 * vector's sysvec handler), softirq processing, a BH-disabled section, or plain task context
 * (parent: do_syscall_64, kthread or do_idle). The table is fixed: a symbol's address never
 * changes, and {@link #kallsyms()} gives trace.dat the same addresses the text writer prints.
 */
public final class CallSites {

    private CallSites() {
    }

    /** _stext of the invented kernel: x86-64's usual start of kernel text. */
    public static final long STEXT = 0xffffffff81000000L;
    /** Every invented function is this long; the first starts at _stext + {@link #FIRST_OFFSET}. */
    public static final int SYMBOL_SIZE = 0x100;
    static final int FIRST_OFFSET = 0x1000;
    /** Return addresses sit this far into the function (caller) and into its parent. */
    static final int CALLER_OFFSET = 0x1d;
    static final int PARENT_OFFSET = 0x4a;

    static final int IRQ_ENTER_RCU = 0;
    static final int IRQ_EXIT_RCU = 1;
    static final int IRQ_EXIT_RCU_INNER = 2;
    static final int HANDLE_SOFTIRQS = 3;
    static final int RUN_KSOFTIRQD = 4;
    static final int LOCAL_BH_DISABLE_IP = 5;
    static final int LOCAL_BH_ENABLE_IP = 6;
    static final int PREEMPT_COUNT_ADD = 7;
    static final int PREEMPT_COUNT_SUB = 8;
    static final int TRACE_HARDIRQS_OFF = 9;
    static final int TRACE_HARDIRQS_ON = 10;
    static final int IRQENTRY_ENTER = 11;
    static final int IRQENTRY_EXIT = 12;
    static final int SYSVEC_APIC_TIMER = 13;
    static final int SYSVEC_RESCHEDULE = 14;
    static final int SYSVEC_CALL_FUNCTION_SINGLE = 15;
    static final int COMMON_INTERRUPT = 16;
    static final int DO_SYSCALL_64 = 17;
    static final int KTHREAD = 18;
    static final int DO_IDLE = 19;

    private static final String[] NAMES = {
        "irq_enter_rcu", "irq_exit_rcu", "__irq_exit_rcu", "handle_softirqs", "run_ksoftirqd",
        "__local_bh_disable_ip", "__local_bh_enable_ip", "preempt_count_add", "preempt_count_sub",
        "trace_hardirqs_off", "trace_hardirqs_on", "irqentry_enter", "irqentry_exit",
        "sysvec_apic_timer_interrupt", "sysvec_reschedule_ipi", "sysvec_call_function_single",
        "common_interrupt", "do_syscall_64", "kthread", "do_idle",
    };

    public static int count() {
        return NAMES.length;
    }

    public static String name(int sym) {
        return NAMES[sym];
    }

    public static long address(int sym) {
        return STEXT + FIRST_OFFSET + (long) sym * SYMBOL_SIZE;
    }

    /** The caller's return address as an offset from _stext (preemptirq's s32 caller_offs). */
    public static int callerOffs(int site) {
        return (int) (address(site >>> 8) + CALLER_OFFSET - STEXT);
    }

    public static int parentOffs(int site) {
        return (int) (address(site & 0xff) + PARENT_OFFSET - STEXT);
    }

    /** %pS of an address given as an offset from _stext: "name+0xoff/0xsize", or hex if unknown. */
    public static String pS(int offs) {
        long addr = STEXT + offs;
        long first = address(0);
        if (addr >= first && addr < first + (long) NAMES.length * SYMBOL_SIZE) {
            int sym = (int) ((addr - first) / SYMBOL_SIZE);
            return NAMES[sym] + "+0x" + Long.toHexString(addr - address(sym)) + "/0x" + Integer.toHexString(SYMBOL_SIZE);
        }
        return "0x" + Long.toHexString(addr);
    }

    /** /proc/kallsyms of the invented kernel, in address order. */
    public static String kallsyms() {
        StringBuilder sb = new StringBuilder();
        sb.append(Long.toHexString(STEXT)).append(" T _stext\n");
        for (int i = 0; i < NAMES.length; i++) {
            sb.append(Long.toHexString(address(i))).append(" T ").append(NAMES[i]).append('\n');
        }
        // The end of the last function: readers size a symbol by the next one's address.
        sb.append(Long.toHexString(address(NAMES.length))).append(" T _etext\n");
        return sb.toString();
    }

    /** The call site (caller &lt;&lt; 8 | parent) of a preempt_disable ({@code enable} false) or preempt_enable. */
    public static int preempt(Cpu c, boolean enable) {
        int pc = PreemptCount.count(c.preemptCount);
        int d = c.depth;
        if (d > 0 && c.frameKind[d] == Cpu.F_HARDIRQ && (pc & (PreemptCount.PREEMPT_MASK | PreemptCount.SOFTIRQ_MASK)) == 0) {
            return site(enable ? IRQ_EXIT_RCU : IRQ_ENTER_RCU, sysvec(c.frameArg[d]));
        }
        if (d > 0 && c.frameKind[d] == Cpu.F_SOFTIRQ) {
            return site(HANDLE_SOFTIRQS, softirqParent(c, d));
        }
        if ((pc & PreemptCount.SOFTIRQ_MASK) != 0) {
            return site(enable ? LOCAL_BH_ENABLE_IP : LOCAL_BH_DISABLE_IP, taskParent(c));
        }
        return site(enable ? PREEMPT_COUNT_SUB : PREEMPT_COUNT_ADD, taskParent(c));
    }

    /** The call site of an irq_disable ({@code enable} false) or irq_enable. */
    public static int irq(Cpu c, boolean enable) {
        int d = c.depth;
        if (d > 0 && c.frameKind[d] == Cpu.F_HARDIRQ) {
            return site(enable ? IRQENTRY_EXIT : IRQENTRY_ENTER, sysvec(c.frameArg[d]));
        }
        if (d > 0 && c.frameKind[d] == Cpu.F_SOFTIRQ) {
            return site(HANDLE_SOFTIRQS, softirqParent(c, d));
        }
        return site(enable ? TRACE_HARDIRQS_ON : TRACE_HARDIRQS_OFF, taskParent(c));
    }

    private static int site(int caller, int parent) {
        return caller << 8 | parent;
    }

    /** The hardirq frame's argument: Cpu.VEC_* for the IPIs and the tick, else a device line. */
    private static int sysvec(int frameArg) {
        switch (frameArg) {
            case Cpu.VEC_LOCAL_TIMER:
                return SYSVEC_APIC_TIMER;
            case Cpu.VEC_RESCHEDULE:
                return SYSVEC_RESCHEDULE;
            case Cpu.VEC_CALL_FUNCTION_SINGLE:
                return SYSVEC_CALL_FUNCTION_SINGLE;
            default:
                return COMMON_INTERRUPT;
        }
    }

    private static int softirqParent(Cpu c, int d) {
        if (d >= 2 && c.frameKind[d - 1] == Cpu.F_HARDIRQ) {
            return IRQ_EXIT_RCU_INNER;
        }
        return c.curr == c.ksoftirqd ? RUN_KSOFTIRQD : LOCAL_BH_ENABLE_IP;
    }

    private static int taskParent(Cpu c) {
        Task t = c.curr;
        if (t == null || t.isIdle) {
            return DO_IDLE;
        }
        return t.kthread ? KTHREAD : DO_SYSCALL_64;
    }
}
