package org.preemptsim.cli;

import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.metrics.Compare;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.report.JsonReport;
import org.preemptsim.report.Results;
import org.preemptsim.report.TableReport;
import org.preemptsim.workload.DefaultScenario;
import org.preemptsim.workload.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Runs the built-in default scenario under several preemption models with the same seed "
        + "(the same IRQ arrivals and random draws) and prints latency and throughput side by side.",
    footer = {"", "Examples:", "  bin/preemptsim compare",
        "  bin/preemptsim compare --models none,full,rt --seed 7 --duration 5s --json out.json"})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--models", split = ",", paramLabel = "LIST",
        description = "Models to run (none, voluntary, full, lazy, rt, rt-lazy). Default: ${DEFAULT-VALUE}.",
        defaultValue = "none,voluntary,full,lazy,rt")
    List<String> models;

    @Option(names = "--seed", paramLabel = "S", description = "Scenario seed. Default: ${DEFAULT-VALUE}.", defaultValue = "1")
    long seed;

    @Option(names = "--duration", paramLabel = "D", description = "Simulated time, e.g. 500ms or 2s. Default: ${DEFAULT-VALUE}.",
        defaultValue = "2s")
    String duration;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON (docs/results.schema.json).")
    Path json;

    @Option(names = "--jobs", paramLabel = "N", description = "Models run in parallel on N threads. Default: the number of CPUs.")
    Integer jobs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long durationNs;
        List<Model> ms = new ArrayList<>();
        try {
            durationNs = Durations.parse(duration);
            if (durationNs <= 0) {
                throw new IllegalArgumentException("--duration must be positive");
            }
            for (String m : models) {
                ms.add(Model.of(m.trim()));
            }
        } catch (IllegalArgumentException e) {
            err.println("preemptsim compare: " + e.getMessage());
            return 2;
        }
        MachineSpec machine = DefaultScenario.build(seed, durationNs);
        for (Model m : ms) {
            String refusal = machine.profile().refusal(m);
            if (refusal != null) {
                err.println("preemptsim compare: model " + m.name() + ": " + refusal);
                return 2;
            }
        }
        int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        Progress progress = new Progress(err, ms.size());
        Results results = Compare.run(machine, ms, n, i -> progress.done());
        progress.end();
        out.print(TableReport.render(results));
        out.flush();
        if (json != null) {
            JsonReport.write(results, json);
        }
        for (RunResult r : results.runs()) {
            if (!r.ok()) {
                err.println(r.model() + ": " + r.bug());
                return 1;
            }
        }
        return 0;
    }

    /** A progress line on stderr, only when attached to a terminal. */
    static final class Progress {
        private final PrintWriter err;
        private final int total;
        private final AtomicInteger done = new AtomicInteger();
        private final boolean tty = System.console() != null;
        private final long start = System.nanoTime();

        Progress(PrintWriter err, int total) {
            this.err = err;
            this.total = total;
        }

        void done() {
            int d = done.incrementAndGet();
            if (tty && System.nanoTime() - start > 2_000_000_000L) {
                synchronized (err) {
                    err.print("\r" + d + "/" + total + " models done");
                    err.flush();
                }
            }
        }

        void end() {
            if (tty && System.nanoTime() - start > 2_000_000_000L) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
