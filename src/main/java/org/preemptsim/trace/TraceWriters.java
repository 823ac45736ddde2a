package org.preemptsim.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The trace writers, each a {@link TraceSink} to attach to a run and close after it:
 * <pre>{@code
 * try (RecordingSink ftrace = TraceWriters.ftrace(Path.of("trace.txt"), TraceOptions.forCpus(4))) {
 *     Simulation.boot(spec, Model.of("full"), PreemptTable.KERNEL, List.of(ftrace)).run();
 * }
 * }</pre>
 * Every writer streams to disk and keeps constant memory however long the run.
 */
public final class TraceWriters {

    private TraceWriters() {
    }

    /** The /sys/kernel/tracing/trace text, written to {@code file} at close. */
    public static RecordingSink ftrace(Path file, TraceOptions options) throws IOException {
        return new FtraceTextWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true, options);
    }

    /** The /sys/kernel/tracing/trace text, written to {@code out} at close (which leaves it open). */
    public static RecordingSink ftrace(Writer out, TraceOptions options) throws IOException {
        return new FtraceTextWriter(out, false, options);
    }

    /** A trace-cmd trace.dat (format v6) for trace-cmd report and KernelShark, written to {@code file} at close. */
    public static RecordingSink dat(Path file, TraceOptions options) {
        return new TraceDatWriter(file, options);
    }

    /** Chrome/Perfetto JSON trace events, streamed to {@code file}. */
    public static PerfettoJsonWriter perfetto(Path file, TraceOptions options) throws IOException {
        return new PerfettoJsonWriter(Files.newOutputStream(file), options);
    }

    /** Chrome/Perfetto JSON trace events, streamed to {@code out} (closed with the writer). */
    public static PerfettoJsonWriter perfetto(OutputStream out, TraceOptions options) throws IOException {
        return new PerfettoJsonWriter(out, options);
    }
}
