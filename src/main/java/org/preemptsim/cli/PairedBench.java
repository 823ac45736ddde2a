package org.preemptsim.cli;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --against JAR}: this build and another one (a jar built from another commit) in
 * one JVM, each in its own class loader (so each has its own JIT-compiled code), their timed runs
 * alternating model by model, the order swapped every round. On a shared machine whose speed
 * drifts by tens of percent from one second to the next, the per-round ratio of the two cancels
 * the drift that a comparison of two separate runs cannot.
 *
 * <p>Both builds are driven the same way, through their public API found by reflection (the
 * scenario reader and compiler, {@code Model.of}, {@code Bench.warmUp} and {@code Bench.timedRun},
 * which every build since the bench command has), so neither side pays a cost the other does not.
 */
final class PairedBench {

    /** One build: the handful of public entry points the comparison needs. */
    private static final class Build {
        final Method timedRun;
        final Method events;
        final Method cpuNs;
        final Object spec;
        final Object[] models;
        final Method warmUp;

        Build(ClassLoader loader, Path scenario, Long seed, Long durationNs, List<String> modelNames)
            throws ReflectiveOperationException {
            Class<?> reader = loader.loadClass("org.preemptsim.workload.scenario.ScenarioReader");
            Class<?> compiler = loader.loadClass("org.preemptsim.workload.scenario.ScenarioCompiler");
            Class<?> scenarioClass = loader.loadClass("org.preemptsim.workload.scenario.Scenario");
            Class<?> compiled = loader.loadClass("org.preemptsim.workload.scenario.CompiledScenario");
            Class<?> specClass = loader.loadClass("org.preemptsim.kernel.MachineSpec");
            Class<?> modelClass = loader.loadClass("org.preemptsim.kernel.Model");
            Class<?> bench = loader.loadClass("org.preemptsim.metrics.Bench");
            Object s = reader.getMethod("read", Path.class).invoke(null, scenario);
            Object cs = compiler.getMethod("compile", scenarioClass).invoke(null, s);
            cs = compiled.getMethod("with", Long.class, Long.class).invoke(cs, seed, durationNs);
            spec = compiled.getMethod("machine").invoke(cs);
            models = new Object[modelNames.size()];
            for (int i = 0; i < models.length; i++) {
                models[i] = modelClass.getMethod("of", String.class).invoke(null, modelNames.get(i));
            }
            timedRun = bench.getMethod("timedRun", specClass, modelClass);
            warmUp = bench.getMethod("warmUp", specClass, List.class, long.class, int.class);
            Class<?> run = timedRun.getReturnType();
            events = run.getMethod("events");
            cpuNs = run.getMethod("cpuNs");
        }

        /** {events, thread CPU ns} of one timed run of model i. */
        long[] run(int i) throws ReflectiveOperationException {
            Object r = timedRun.invoke(null, spec, models[i]);
            return new long[] {(long) events.invoke(r), (long) cpuNs.invoke(r)};
        }

        void warmUp(long warmupNs) throws ReflectiveOperationException {
            warmUp.invoke(null, spec, Arrays.asList(models), warmupNs, 6);
        }
    }

    private PairedBench() {
    }

    /**
     * Runs the comparison and prints it; returns false (after saying so) when the two builds do not
     * produce the same events for a model, i.e. they do not simulate the same thing.
     */
    static boolean run(PrintWriter out, Path otherJar, Path scenario, Long seed, long durationNs, long warmupNs,
                       List<String> modelNames, int rounds) throws Exception {
        return run(out, otherJar.toString(), new URL[] {otherJar.toUri().toURL()}, scenario, seed, durationNs, warmupNs,
            modelNames, rounds);
    }

    /** As above with the other build's class path given as URLs (a jar, or classes and their libraries). */
    static boolean run(PrintWriter out, String otherLabel, URL[] otherClassPath, Path scenario, Long seed, long durationNs,
                       long warmupNs, List<String> modelNames, int rounds) throws Exception {
        Path scenarioAbs = scenario.toAbsolutePath();
        try (URLClassLoader otherLoader = new URLClassLoader(otherClassPath, ClassLoader.getPlatformClassLoader())) {
            Build self = new Build(PairedBench.class.getClassLoader(), scenarioAbs, seed, durationNs, modelNames);
            Build other;
            try {
                other = new Build(otherLoader, scenarioAbs, seed, durationNs, modelNames);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw new ScenarioRun.BadInput("preemptsim bench: --against: " + otherLabel + " refuses the scenario or a model: "
                    + e.getCause().getMessage());
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new ScenarioRun.BadInput("preemptsim bench: --against: " + otherLabel
                    + " is not a preemptsim build with the bench command's API (" + e + ")");
            }
            int n = modelNames.size();
            out.printf(Locale.ROOT, "paired: this build against %s, %d rounds, models %s, one thread; "
                + "the order of the two swaps every round%n", otherLabel, rounds, String.join(",", modelNames));
            out.flush();
            long w0 = System.nanoTime();
            self.warmUp(warmupNs);
            other.warmUp(warmupNs);
            self.warmUp(warmupNs);
            other.warmUp(warmupNs);
            out.printf(Locale.ROOT, "warm-up: %.1f s wall%n%n", (System.nanoTime() - w0) / 1e9);
            double[][] selfRate = new double[n + 1][rounds];
            double[][] otherRate = new double[n + 1][rounds];
            long[] selfEvents = new long[n];
            long[] otherEvents = new long[n];
            for (int r = 0; r < rounds; r++) {
                long[] sumSelf = new long[2];
                long[] sumOther = new long[2];
                for (int i = 0; i < n; i++) {
                    long[] a;
                    long[] b;
                    if (r % 2 == 0) {
                        a = self.run(i);
                        b = other.run(i);
                    } else {
                        b = other.run(i);
                        a = self.run(i);
                    }
                    selfEvents[i] = a[0];
                    otherEvents[i] = b[0];
                    selfRate[i][r] = a[0] * 1e3 / a[1];
                    otherRate[i][r] = b[0] * 1e3 / b[1];
                    sumSelf[0] += a[0];
                    sumSelf[1] += a[1];
                    sumOther[0] += b[0];
                    sumOther[1] += b[1];
                }
                selfRate[n][r] = sumSelf[0] * 1e3 / sumSelf[1];
                otherRate[n][r] = sumOther[0] * 1e3 / sumOther[1];
            }
            out.printf(Locale.ROOT, "%-10s %11s %11s %14s %14s %8s %8s %8s%n", "model", "events", "other", "Mev/cpu-s",
                "other", "ratio", "min", "max");
            boolean same = true;
            List<String> rows = new ArrayList<>(modelNames);
            rows.add("all");
            for (int i = 0; i <= n; i++) {
                double[] q = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    q[r] = selfRate[i][r] / otherRate[i][r];
                }
                Arrays.sort(q);
                String ev = i < n ? String.valueOf(selfEvents[i]) : "";
                String oev = i < n ? String.valueOf(otherEvents[i]) : "";
                if (i < n && selfEvents[i] != otherEvents[i]) {
                    same = false;
                }
                out.printf(Locale.ROOT, "%-10s %11s %11s %14.2f %14.2f %8.3f %8.3f %8.3f%n", rows.get(i), ev, oev,
                    median(selfRate[i]), median(otherRate[i]), q[rounds / 2], q[0], q[rounds - 1]);
            }
            out.printf(Locale.ROOT, "%nratio: this build's events per CPU-second over the other's, per round (median, "
                + "min, max); the rates are medians over the rounds%n");
            if (!same) {
                out.printf(Locale.ROOT, "note: the two builds pop different numbers of events: they do not simulate the same "
                    + "thing, so the ratio mixes speed and behaviour%n");
            }
            out.flush();
            return same;
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
