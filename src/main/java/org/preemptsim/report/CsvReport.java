package org.preemptsim.report;

import org.preemptsim.metrics.RunResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV with one row per model and measured task (measured: true, or reporting response times).
 * A model stopped by a kernel bug gets one row with its status and no numbers. Empty cells mean
 * "not reported". Written atomically, like the JSON.
 */
public final class CsvReport {

    private CsvReport() {
    }

    public static final String HEADER = "model,status,task,pid,cpu,measured,samples,min_ns,act_ns,avg_ns,p99_ns,max_ns,"
        + "irq_samples,irq_min_ns,irq_avg_ns,irq_max_ns,jobs,response_min_ns,response_avg_ns,response_p99_ns,response_max_ns,"
        + "deadline_misses,overruns";

    public static String toCsv(Results r) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (RunResult run : r.runs()) {
            if (!run.ok()) {
                sb.append(cell(run.model())).append(',').append(cell(run.status())).append(",,,,,,,,,,,,,,,,,,,,,\n");
                continue;
            }
            for (RunResult.TaskResult t : run.tasks()) {
                if (!t.measured() && t.response() == null) {
                    continue;
                }
                List<String> c = new ArrayList<>();
                c.add(cell(run.model()));
                c.add(cell(run.status()));
                c.add(cell(t.name()));
                c.add(Integer.toString(t.pid()));
                c.add(Integer.toString(t.cpu()));
                c.add(Boolean.toString(t.measured()));
                RunResult.Latency l = t.latency();
                c.add(l == null ? "" : Long.toString(l.samples()));
                c.add(l == null ? "" : Long.toString(l.minNs()));
                c.add(t.actNs() == null ? "" : Long.toString(t.actNs()));
                c.add(l == null ? "" : Long.toString(l.avgNs()));
                c.add(l == null ? "" : Long.toString(l.p99Ns()));
                c.add(l == null ? "" : Long.toString(l.maxNs()));
                RunResult.Latency irq = t.irqLatency();
                c.add(irq == null ? "" : Long.toString(irq.samples()));
                c.add(irq == null ? "" : Long.toString(irq.minNs()));
                c.add(irq == null ? "" : Long.toString(irq.avgNs()));
                c.add(irq == null ? "" : Long.toString(irq.maxNs()));
                RunResult.Response resp = t.response();
                c.add(resp == null ? "" : Long.toString(resp.jobs()));
                c.add(resp == null ? "" : Long.toString(resp.minNs()));
                c.add(resp == null ? "" : Long.toString(resp.avgNs()));
                c.add(resp == null ? "" : Long.toString(resp.p99Ns()));
                c.add(resp == null ? "" : Long.toString(resp.maxNs()));
                c.add(resp == null ? "" : Long.toString(resp.deadlineMisses()));
                c.add(resp == null ? "" : Long.toString(resp.overruns()));
                sb.append(String.join(",", c)).append('\n');
            }
        }
        return sb.toString();
    }

    public static void write(Results r, Path file) throws IOException {
        JsonReport.writeAtomically(file, toCsv(r));
    }

    /** RFC 4180 quoting where needed. */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
