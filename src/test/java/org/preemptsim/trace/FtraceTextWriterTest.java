package org.preemptsim.trace;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.PreemptCount;
import org.preemptsim.kernel.Task;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Layout, header, ordering and filters of the /sys/kernel/tracing/trace text. */
class FtraceTextWriterTest {

    @TempDir
    Path dir;

    private Cpu c0;
    private Cpu c1;
    private Task idle0;
    private Task task;

    @BeforeEach
    void setUp() {
        c0 = new Cpu(0, 0);
        c1 = new Cpu(1, 0);
        idle0 = new Task(1, 0, "swapper/0", null, true, false, true, 2);
        task = new Task(0, 4242, "kworker/u16:3-events_unbound", null, true, false, false, 2);
        task.prio = 120;
        task.cpu = 1;
        c0.curr = idle0;
        c1.curr = task;
        c0.preemptCount = PreemptCount.PREEMPT_ENABLED + 1;
        c1.preemptCount = PreemptCount.PREEMPT_ENABLED;
    }

    private String trace(TraceOptions opts, Consumer<TraceSink> events) throws IOException {
        StringWriter out = new StringWriter();
        try (RecordingSink w = TraceWriters.ftrace(out, opts)) {
            events.accept(w);
        }
        return out.toString();
    }

    private static List<String> body(String text) {
        return Arrays.stream(text.split("\n")).filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void shouldWriteTheKernelsHeaderWithTheEntryCountsAndCpuCount() throws IOException {
        String text = trace(TraceOptions.forCpus(4), s -> {
            s.softirqRaise(1_000, c1, 1);
            s.softirqRaise(2_000, c1, 1);
        });
        // kernel/trace/trace.c: print_event_info and print_func_help_header_irq.
        assertThat(text).startsWith("# tracer: nop\n#\n# entries-in-buffer/entries-written: 2/2   #P:4\n#\n"
            + "#                                _-----=> irqs-off/BH-disabled\n"
            + "#                               / _----=> need-resched\n"
            + "#                              | / _---=> hardirq/softirq\n"
            + "#                              || / _--=> preempt-depth\n"
            + "#                              ||| / _-=> migrate-disable\n"
            + "#                              |||| /     delay\n"
            + "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
            + "#              | |         |   |||||     |         |\n");
    }

    @Test
    void shouldLayOutCommPidCpuFlagsAndTimestampAsTracePrintContext() throws IOException {
        String text = trace(TraceOptions.forCpus(2), s -> {
            s.schedWaking(701_500_111_507_000L, c0, task);
            s.softirqRaise(701_500_111_507_000L, c1, 3);
        });
        // "%16s-%-7d [%03d] " + five flags + " %5lu.%06lu: ", pid 0 printed as <idle>, comm cut to 15.
        assertThat(body(text)).containsExactly(
            "          <idle>-0       [000] ...1. 701500.111507: sched_waking: comm=kworker/u16:3-e pid=4242 prio=120 target_cpu=001",
            " kworker/u16:3-e-4242    [001] ..... 701500.111507: softirq_raise: vec=3 [action=NET_RX]");
    }

    @Test
    void shouldRoundTimestampsToTheNearestMicrosecondAsNs2usecs() throws IOException {
        String text = trace(TraceOptions.forCpus(2), s -> {
            s.softirqRaise(1_499, c1, 0);
            s.softirqRaise(1_500, c1, 0);
            s.softirqRaise(12_345_678_999_999L, c1, 0);
        });
        assertThat(body(text)).extracting(l -> l.substring(36, 49)).containsExactly(
            "     0.000001", "     0.000002", " 12345.679000");
    }

    @Test
    void shouldMergeCpusByTimestampLowestCpuFirstOnATieAsTheKernelReadsItsBuffers() throws IOException {
        String text = trace(TraceOptions.forCpus(2), s -> {
            s.softirqRaise(5_000, c1, 1);
            s.softirqRaise(5_000, c0, 2);
            s.softirqRaise(5_000, c1, 3);
            s.softirqRaise(6_000, c0, 4);
        });
        assertThat(body(text)).extracting(l -> l.substring(25, 30) + l.substring(l.indexOf("vec="))).containsExactly(
            "[000]vec=2 [action=NET_TX]", "[001]vec=1 [action=TIMER]", "[001]vec=3 [action=NET_RX]", "[000]vec=4 [action=BLOCK]");
    }

    @Test
    void shouldPrintIrqEnableWithIrqsStillOffAsTraceHardirqsOnRunsBeforeTheEnable() throws IOException {
        String text = trace(TraceOptions.forCpus(2), s -> {
            c1.irqsDisabled = true;
            s.irqDisable(1_000, c1);
            s.irqEnable(2_000, c1); // the kernel fires irq_enable, then clears the flag
            c1.irqsDisabled = false;
        });
        assertThat(body(text)).extracting(l -> l.substring(31, 36)).containsExactly("d....", "d....");
    }

    @Test
    void shouldNeverPrintBareTracepointsOrMeasurementHooks() throws IOException {
        String text = trace(TraceOptions.forCpus(2), s -> {
            s.schedSetNeedResched(1, c0, task, 1, false);
            s.schedEntry(2, c0, true);
            s.schedExit(3, c0, true);
            s.schedSetState(4, c1, task, Task.TASK_INTERRUPTIBLE);
            s.hrtimerExpire(5, c0, task, 5);
            s.latencySample(6, c0, task, 5);
            s.preemption(7, c0, 1);
        });
        assertThat(body(text)).isEmpty();
        assertThat(text).contains("entries-in-buffer/entries-written: 0/0   #P:2");
    }

    @Test
    void shouldKeepOnlyTheTimeWindowCpusAndEventsAsked() throws IOException {
        Consumer<TraceSink> events = s -> {
            for (int i = 0; i < 10; i++) {
                s.softirqRaise(i * 1_000L, i % 2 == 0 ? c0 : c1, 1);
                s.softirqEntry(i * 1_000L, i % 2 == 0 ? c0 : c1, 1);
            }
        };
        assertThat(body(trace(TraceOptions.forCpus(2).window(3_000, 6_000), events))).hasSize(8)
            .allMatch(l -> l.contains("0.000003:") || l.contains("0.000004:") || l.contains("0.000005:") || l.contains("0.000006:"));
        assertThat(body(trace(TraceOptions.forCpus(2).onlyCpus(1), events))).hasSize(10).allMatch(l -> l.contains("[001]"));
        assertThat(body(trace(TraceOptions.forCpus(2).onlyEvents("softirq_entry"), events))).hasSize(10)
            .allMatch(l -> l.contains("softirq_entry:"));
        assertThat(body(trace(TraceOptions.forCpus(2).onlyEvents("irq"), events))).hasSize(20);
        assertThat(body(trace(TraceOptions.forCpus(2).onlyEvents("sched:sched_switch"), events))).isEmpty();
        String counted = trace(TraceOptions.forCpus(2).onlyCpus(0).window(0, 4_000), events);
        assertThat(counted).contains("entries-in-buffer/entries-written: 6/6   #P:2");
    }

    @Test
    void shouldCountCpusFromWhatItSeesWhenNotTold() throws IOException {
        Cpu c5 = new Cpu(5, 0);
        c5.curr = task;
        String text = trace(TraceOptions.ALL, s -> s.softirqRaise(1, c5, 1));
        assertThat(text).contains("#P:6");
    }

    @Test
    void shouldStreamToAFileAndLeaveNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("trace");
        long tmpBefore = countTemp();
        try (RecordingSink w = TraceWriters.ftrace(file, TraceOptions.forCpus(2))) {
            for (int i = 0; i < 100_000; i++) {
                w.softirqRaise(i * 100L, c1, 1);
            }
        }
        assertThat(Files.readAllLines(file)).hasSize(12 + 100_000);
        assertThat(countTemp()).isEqualTo(tmpBefore);
    }

    private static long countTemp() throws IOException {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("preemptsim-ftrace-")).count();
        }
    }
}
