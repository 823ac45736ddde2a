package org.preemptsim.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what {@code cat /sys/kernel/tracing/trace} shows with the nop tracer and the events
 * enabled: the header (its entry counts and {@code #P:} known only at the end) and one line per
 * event, {@code "%16s-%-7d [%03d] FLAGS %5lu.%06lu: name: payload"} (kernel/trace/trace_output.c
 * trace_print_context, trace_print_lat_fmt, trace_print_time; the timestamp is rounded to the
 * microsecond as ns2usecs does).
 *
 * <p>The kernel prints its per-CPU buffers merged by timestamp, the lowest CPU first on a tie
 * ({@code __find_next_entry}); the lines of one instant are therefore held per CPU until time moves
 * on. Lines stream to a temporary file; {@link #close()} writes the header, then copies them:
 * memory stays constant however long the run.
 */
public final class FtraceTextWriter extends RecordingSink {

    private final Writer out;
    private final boolean closeOut;
    private final Path tmp;
    private final BufferedWriter body;
    /** The lines of instant {@link #pendingNs}, per CPU. */
    private final List<StringBuilder> pending = new ArrayList<>();
    private long pendingNs = Long.MIN_VALUE;
    private boolean closed;

    FtraceTextWriter(Writer out, boolean closeOut, TraceOptions options) throws IOException {
        super(options);
        this.out = out;
        this.closeOut = closeOut;
        this.tmp = Files.createTempFile("preemptsim-ftrace-", ".txt");
        this.body = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
    }

    @Override
    protected void write(TraceRecord r) throws IOException {
        if (r.ns != pendingNs) {
            flushPending();
            pendingNs = r.ns;
        }
        while (pending.size() <= r.cpu) {
            pending.add(new StringBuilder(256));
        }
        appendLine(pending.get(r.cpu), r);
    }

    private void flushPending() throws IOException {
        for (StringBuilder sb : pending) {
            body.append(sb);
            sb.setLength(0);
        }
    }

    /** One trace line, newline included. */
    static void appendLine(StringBuilder sb, TraceRecord r) {
        // trace_find_cmdline: pid 0 is "<idle>" whatever the idle task's comm.
        String comm = r.pid == 0 ? "<idle>" : r.comm;
        for (int i = comm.length(); i < 16; i++) {
            sb.append(' ');
        }
        sb.append(comm).append('-');
        int before = sb.length();
        sb.append(r.pid);
        for (int i = sb.length() - before; i < 7; i++) {
            sb.append(' ');
        }
        sb.append(" [");
        FtraceEvent.pad3(sb, r.cpu);
        sb.append("] ");
        TraceFlags.append(sb, r.flags, r.preemptCount);
        appendTime(sb, r.ns);
        sb.append(": ").append(r.event.name()).append(": ");
        r.event.print(sb, r);
        sb.append('\n');
    }

    /** " %5lu.%06lu" of ns2usecs(ns), which rounds to the nearest microsecond. */
    static void appendTime(StringBuilder sb, long ns) {
        long us = (ns + 500) / 1000;
        String secs = Long.toString(us / 1_000_000);
        sb.append(' ');
        for (int i = secs.length(); i < 5; i++) {
            sb.append(' ');
        }
        sb.append(secs).append('.');
        String rem = Long.toString(us % 1_000_000);
        for (int i = rem.length(); i < 6; i++) {
            sb.append('0');
        }
        sb.append(rem);
    }

    /** The header of the trace file (print_event_info + print_func_help_header_irq, kernel/trace/trace.c). */
    static String header(long entries, int nrCpus) {
        return "# tracer: nop\n"
            + "#\n"
            + "# entries-in-buffer/entries-written: " + entries + "/" + entries + "   #P:" + nrCpus + "\n"
            + "#\n"
            + "#                                _-----=> irqs-off/BH-disabled\n"
            + "#                               / _----=> need-resched\n"
            + "#                              | / _---=> hardirq/softirq\n"
            + "#                              || / _--=> preempt-depth\n"
            + "#                              ||| / _-=> migrate-disable\n"
            + "#                              |||| /     delay\n"
            + "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
            + "#              | |         |   |||||     |         |\n";
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flushPending();
            body.close();
            out.write(header(entries(), nrCpus()));
            try (Reader in = Files.newBufferedReader(tmp, StandardCharsets.UTF_8)) {
                in.transferTo(out);
            }
            out.flush();
        } finally {
            Files.deleteIfExists(tmp);
            if (closeOut) {
                out.close();
            }
        }
    }
}
