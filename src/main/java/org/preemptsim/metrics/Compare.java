package org.preemptsim.metrics;

import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.report.Results;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs one machine under several models, in parallel on {@code jobs} threads. Each run owns its
 * own machine and random streams, so the results are identical to a sequential run and come back
 * in the order the models were given.
 */
public final class Compare {

    private Compare() {
    }

    public static Results run(MachineSpec spec, List<Model> models, int jobs, IntConsumer onRunDone) {
        return run(spec, models, Measure.NONE, jobs, onRunDone);
    }

    public static Results run(MachineSpec spec, List<Model> models, Measure measure, int jobs, IntConsumer onRunDone) {
        List<RunResult> runs = new ArrayList<>();
        if (jobs <= 1 || models.size() == 1) {
            for (int i = 0; i < models.size(); i++) {
                runs.add(Simulation.run(spec, models.get(i), measure));
                onRunDone.accept(i);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, models.size()), r -> {
                Thread t = new Thread(r, "preemptsim-run");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<RunResult>> futures = new ArrayList<>();
                for (int i = 0; i < models.size(); i++) {
                    Model m = models.get(i);
                    int idx = i;
                    futures.add(pool.submit(() -> {
                        RunResult r = Simulation.run(spec, m, measure);
                        onRunDone.accept(idx);
                        return r;
                    }));
                }
                for (Future<RunResult> f : futures) {
                    runs.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(c);
            } finally {
                pool.shutdownNow();
            }
        }
        return new Results("preemptsim", spec.name(), spec.profile().version(), spec.seed(), spec.durationNs(), runs);
    }
}
