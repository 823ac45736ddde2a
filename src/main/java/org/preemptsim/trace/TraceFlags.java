package org.preemptsim.trace;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.PreemptCount;
import org.preemptsim.kernel.Task;

/**
 * The latency context of a trace entry, as the kernel records and prints it.
 *
 * <p>Recording ({@code tracing_gen_ctx_irq_test}, kernel/trace/trace.c, 6.13+) packs two bytes:
 * {@code common_flags} (the TRACE_FLAG_* bits below, include/linux/trace_events.h) and
 * {@code common_preempt_count} (min(preempt_count &amp; 0xff, 0xf) | min(migrate_disable, 0xf) &lt;&lt; 4).
 * The simulated count already excludes the tracepoint's own preempt_disable that
 * {@code tracing_gen_ctx_dec} subtracts, so it is used as it is. Printing
 * ({@code trace_print_lat_fmt}, kernel/trace/trace_output.c) turns them into five characters:
 * irqs-off/BH, need-resched, hardirq/softirq, preempt depth, migrate-disable.
 */
public final class TraceFlags {

    private TraceFlags() {
    }

    public static final int IRQS_OFF = 0x01;
    public static final int NEED_RESCHED_LAZY = 0x02;
    public static final int NEED_RESCHED = 0x04;
    public static final int HARDIRQ = 0x08;
    public static final int SOFTIRQ = 0x10;
    public static final int PREEMPT_RESCHED = 0x20;
    public static final int NMI = 0x40;
    public static final int BH_OFF = 0x80;

    /** common_flags of an entry recorded on {@code cpu} now. */
    public static int flags(Cpu cpu) {
        int raw = cpu.preemptCount;
        int f = cpu.irqsDisabled ? IRQS_OFF : 0;
        if (PreemptCount.inNmi(raw)) {
            f |= NMI;
        }
        if (PreemptCount.inHardirq(raw)) {
            f |= HARDIRQ;
        }
        if (PreemptCount.inServingSoftirq(raw)) {
            f |= SOFTIRQ;
        }
        // softirq_count() >> (SOFTIRQ_SHIFT + 1): any BH-disable level, the serving bit excluded.
        if ((PreemptCount.softirqCount(raw) >>> (PreemptCount.SOFTIRQ_SHIFT + 1)) != 0) {
            f |= BH_OFF;
        }
        Task curr = cpu.curr;
        if (curr != null && curr.tifNeedResched) {
            f |= NEED_RESCHED;
        }
        if (PreemptCount.testPreemptNeedResched(raw)) {
            f |= PREEMPT_RESCHED;
        }
        if (curr != null && curr.tifNeedReschedLazy) {
            f |= NEED_RESCHED_LAZY;
        }
        return f;
    }

    /** common_preempt_count of an entry recorded on {@code cpu} now. */
    public static int preemptCount(Cpu cpu) {
        int depth = Math.min(PreemptCount.preemptDepth(cpu.preemptCount), 0xf);
        int migrate = cpu.curr == null ? 0 : Math.min(cpu.curr.migrationDisabled, 0xf);
        return depth | migrate << 4;
    }

    /** The five characters of {@code cpu}'s state now. */
    public static String of(Cpu cpu) {
        return format(flags(cpu), preemptCount(cpu));
    }

    /** The five characters trace_print_lat_fmt prints for a recorded flags/preempt_count pair. */
    public static String format(int flags, int preemptCount) {
        StringBuilder sb = new StringBuilder(5);
        append(sb, flags, preemptCount);
        return sb.toString();
    }

    public static void append(StringBuilder sb, int flags, int preemptCount) {
        boolean bhOff = (flags & BH_OFF) != 0;
        boolean irqsOff = (flags & IRQS_OFF) != 0;
        sb.append(irqsOff && bhOff ? 'D' : irqsOff ? 'd' : bhOff ? 'b' : '.');
        sb.append(needResched(flags));
        boolean nmi = (flags & NMI) != 0;
        boolean hardirq = (flags & HARDIRQ) != 0;
        boolean softirq = (flags & SOFTIRQ) != 0;
        sb.append(nmi && hardirq ? 'Z' : nmi ? 'z' : hardirq && softirq ? 'H' : hardirq ? 'h' : softirq ? 's' : '.');
        int depth = preemptCount & 0xf;
        sb.append(depth != 0 ? Character.forDigit(depth, 16) : '.');
        int migrate = (preemptCount >> 4) & 0xf;
        sb.append(migrate != 0 ? Character.forDigit(migrate, 16) : '.');
    }

    /** The need-resched column: the switch over NEED_RESCHED, NEED_RESCHED_LAZY, PREEMPT_RESCHED. */
    static char needResched(int flags) {
        switch (flags & (NEED_RESCHED | NEED_RESCHED_LAZY | PREEMPT_RESCHED)) {
            case NEED_RESCHED | NEED_RESCHED_LAZY | PREEMPT_RESCHED:
                return 'B';
            case NEED_RESCHED | PREEMPT_RESCHED:
                return 'N';
            case NEED_RESCHED_LAZY | PREEMPT_RESCHED:
                return 'L';
            case NEED_RESCHED | NEED_RESCHED_LAZY:
                return 'b';
            case NEED_RESCHED:
                return 'n';
            case NEED_RESCHED_LAZY:
                return 'l';
            case PREEMPT_RESCHED:
                return 'p';
            default:
                return '.';
        }
    }
}
