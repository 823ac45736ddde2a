package org.preemptsim.trace;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.PreemptCount;
import org.preemptsim.kernel.Task;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five latency characters, case by case, as kernel/trace/trace_output.c trace_print_lat_fmt
 * prints what kernel/trace/trace.c tracing_gen_ctx_irq_test recorded (6.13+ flag values,
 * include/linux/trace_events.h).
 */
class TraceFlagsTest {

    private Cpu cpu;
    private Task curr;

    @BeforeEach
    void setUp() {
        cpu = new Cpu(0, 0);
        curr = new Task(0, 1000, "t", null, false, false, false, 1);
        cpu.curr = curr;
        cpu.preemptCount = PreemptCount.PREEMPT_ENABLED; // count 0, no folded resched
    }

    /** Sets the count keeping the inverted need-resched bit as it is. */
    private void count(int count) {
        cpu.preemptCount = (cpu.preemptCount & PreemptCount.PREEMPT_NEED_RESCHED) | count;
    }

    @Test
    void shouldPrintFiveDotsForAPreemptibleTaskWithNothingPending() {
        assertThat(TraceFlags.of(cpu)).isEqualTo(".....");
    }

    // ---- column 1: irqs-off / BH-disabled

    @Test
    void shouldPrintLowercaseDWhenIrqsAreOff() {
        cpu.irqsDisabled = true;
        assertThat(TraceFlags.of(cpu)).isEqualTo("d....");
    }

    @Test
    void shouldPrintBWhenBottomHalvesAreDisabled() {
        count(PreemptCount.SOFTIRQ_DISABLE_OFFSET);
        assertThat(TraceFlags.of(cpu)).isEqualTo("b....");
    }

    @Test
    void shouldPrintCapitalDWhenIrqsAndBottomHalvesAreOff() {
        cpu.irqsDisabled = true;
        count(PreemptCount.SOFTIRQ_DISABLE_OFFSET);
        assertThat(TraceFlags.of(cpu)).isEqualTo("D....");
    }

    @Test
    void shouldNotCountServingASoftirqAsBottomHalvesDisabled() {
        // softirq_count() >> (SOFTIRQ_SHIFT + 1): the serving bit alone is not BH_OFF.
        count(PreemptCount.SOFTIRQ_OFFSET);
        assertThat(TraceFlags.of(cpu)).isEqualTo("..s..");
        count(PreemptCount.SOFTIRQ_OFFSET + PreemptCount.SOFTIRQ_DISABLE_OFFSET);
        assertThat(TraceFlags.of(cpu)).isEqualTo("b.s..");
    }

    // ---- column 2: need-resched (TIF_NEED_RESCHED, TIF_NEED_RESCHED_LAZY, folded PREEMPT_NEED_RESCHED)

    @ParameterizedTest(name = "NR={0} LAZY={1} folded={2} -> {3}")
    @CsvSource({
        "true,  true,  true,  B",
        "true,  false, true,  N",
        "false, true,  true,  L",
        "true,  true,  false, b",
        "true,  false, false, n",
        "false, false, true,  p",
        "false, true,  false, l",
        "false, false, false, .",
    })
    void shouldPrintTheNeedReschedLetterOfTheLazyTable(boolean nr, boolean lazy, boolean folded, char expected) {
        curr.tifNeedResched = nr;
        curr.tifNeedReschedLazy = lazy;
        if (folded) {
            // x86 keeps the bit inverted: clearing it means "resched needed".
            cpu.preemptCount = PreemptCount.setPreemptNeedResched(cpu.preemptCount);
        }
        assertThat(TraceFlags.of(cpu).charAt(1)).isEqualTo(expected);
    }

    // ---- column 3: hardirq/softirq context

    @ParameterizedTest(name = "count {0} -> {1}")
    @CsvSource({
        "0x000000, .",
        "0x000100, s",
        "0x010000, h",
        "0x010100, H",
        "0x100000, z",
        "0x110000, Z",
        "0x110100, Z",
    })
    void shouldPrintTheContextLetter(String count, char expected) {
        count(Integer.decode(count));
        assertThat(TraceFlags.of(cpu).charAt(2)).isEqualTo(expected);
    }

    // ---- column 4: preempt depth

    @ParameterizedTest(name = "depth {0} -> {1}")
    @CsvSource({"0, .", "1, 1", "2, 2", "9, 9", "10, a", "15, f", "16, f", "255, f"})
    void shouldPrintThePreemptDepthInHexCappedAtF(int depth, char expected) {
        count(depth);
        assertThat(TraceFlags.of(cpu).charAt(3)).isEqualTo(expected);
    }

    @Test
    void shouldPrintOnlyThePreemptByteAsDepthNotTheIrqCounts() {
        count(PreemptCount.HARDIRQ_OFFSET + PreemptCount.SOFTIRQ_OFFSET);
        assertThat(TraceFlags.of(cpu).charAt(3)).isEqualTo('.');
        count(PreemptCount.HARDIRQ_OFFSET + 2);
        assertThat(TraceFlags.of(cpu)).isEqualTo("..h2.");
    }

    // ---- column 5: migrate-disable

    @ParameterizedTest(name = "migrate_disable {0} -> {1}")
    @CsvSource({"0, .", "1, 1", "3, 3", "15, f", "40, f"})
    void shouldPrintTheMigrateDisableDepthCappedAtF(int depth, char expected) {
        curr.migrationDisabled = depth;
        assertThat(TraceFlags.of(cpu).charAt(4)).isEqualTo(expected);
    }

    // ---- the recorded bytes

    @Test
    void shouldRecordTheKernelsFlagBitsAndPreemptCountByte() {
        cpu.irqsDisabled = true;
        curr.tifNeedResched = true;
        curr.tifNeedReschedLazy = true;
        curr.migrationDisabled = 2;
        count(PreemptCount.HARDIRQ_OFFSET + PreemptCount.SOFTIRQ_DISABLE_OFFSET + 3);
        assertThat(TraceFlags.flags(cpu)).isEqualTo(0x01 | 0x02 | 0x04 | 0x08 | 0x80);
        assertThat(TraceFlags.preemptCount(cpu)).isEqualTo(0x23);
        assertThat(TraceFlags.of(cpu)).isEqualTo("Dbh32");
    }

    @Test
    void shouldPrintAnIdleCpuSwitchingAsTheKernelsUsualSchedSwitchFlags() {
        // __schedule: IRQs off, schedule()'s preempt_disable plus rq->lock, flags cleared: "d..2.".
        cpu.irqsDisabled = true;
        count(2);
        assertThat(TraceFlags.of(cpu)).isEqualTo("d..2.");
    }
}
