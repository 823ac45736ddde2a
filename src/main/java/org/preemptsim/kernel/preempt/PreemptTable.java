package org.preemptsim.kernel.preempt;

import org.preemptsim.kernel.Mode;

import java.util.EnumMap;
import java.util.Map;

/**
 * PREEMPT_DYNAMIC's table of which preemption points are live in each mode
 * (kernel/sched/core.c {@code __sched_dynamic_update}). The kernel model asks this table, and
 * nothing else, whether a point is live, so replacing a row changes a model's behaviour exactly as
 * patching the static calls would. Static builds compile in the same row for their one mode.
 */
public final class PreemptTable {

    /**
     * One row. cond_resched/might_resched are RET0 when off; preempt_schedule(_notrace) and
     * irqentry_exit_cond_resched are NOPs when off; preemptLazy is the {@code sk_dynamic_preempt_lazy} key.
     */
    public record Row(boolean condResched, boolean mightResched, boolean preemptSchedule,
                      boolean preemptScheduleNotrace, boolean irqentryExitCondResched, boolean preemptLazy) {
    }

    /** The kernel's table (checked against kernel/sched/core.c, __sched_dynamic_update). */
    public static final PreemptTable KERNEL = new PreemptTable(Map.of(
        Mode.NONE, new Row(true, false, false, false, false, false),
        Mode.VOLUNTARY, new Row(true, true, false, false, false, false),
        Mode.FULL, new Row(false, false, true, true, true, false),
        Mode.LAZY, new Row(false, false, true, true, true, true)));

    private final EnumMap<Mode, Row> rows;

    public PreemptTable(Map<Mode, Row> rows) {
        this.rows = new EnumMap<>(Mode.class);
        this.rows.putAll(rows);
        for (Mode m : Mode.values()) {
            if (!this.rows.containsKey(m)) {
                throw new IllegalArgumentException("preemption table has no row for " + m);
            }
        }
    }

    public Row row(Mode mode) {
        return rows.get(mode);
    }

    /** A copy with {@code mode}'s row replaced: how the mutation tests patch the kernel. */
    public PreemptTable with(Mode mode, Row row) {
        EnumMap<Mode, Row> copy = new EnumMap<>(rows);
        copy.put(mode, row);
        return new PreemptTable(copy);
    }
}
