package org.preemptsim.metrics;

import org.preemptsim.engine.HeapReplay;
import org.preemptsim.engine.RecordingEventQueue;
import org.preemptsim.kernel.Kernel;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.preempt.PreemptTable;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code bin/preemptsim bench} measures, on the calling thread only (one core):
 * <ul>
 * <li>a timed run per model: events (pops of the event queue), wall and CPU time, bytes the
 * thread allocated inside the event loop (com.sun.management.ThreadMXBean), the peak of the heap
 * pools during the run and the heap still used after a full GC with the machine alive;</li>
 * <li>the bare-heap limit: a separate, shorter run of the same model records its event-queue
 * operations ({@link RecordingEventQueue}), which are then replayed through a fresh heap alone
 * ({@link HeapReplay}); the ratio of the two rates is what the kernel model costs on top.</li>
 * </ul>
 * Timed runs use the kernel's own queue, never the recording one, and happen before any recording
 * run. Wall-clock figures are printed, never written into results.
 */
public final class Bench {

    /** Operations the recording queue keeps per model (12 bytes each). */
    public static final int DEFAULT_LOG_OPS = 1 << 23;

    private Bench() {
    }

    /** One timed run. */
    public record ModelRun(String model, long events, long simNs, long wallNs, long cpuNs, long allocatedBytes,
                           long peakHeapBytes, long retainedHeapBytes, String status) {

        public double eventsPerS() {
            return events * 1e9 / wallNs;
        }

        /** Events per second of this thread's CPU time: what one core does when other processes share it. */
        public double eventsPerCpuS() {
            return events * 1e9 / cpuNs;
        }

        public double simPerWall() {
            return (double) simNs / wallNs;
        }

        public double bytesPerEvent() {
            return events == 0 ? 0 : (double) allocatedBytes / events;
        }
    }

    /**
     * One model's bare-heap replay of a window of its run (the first {@code pops} events), and the
     * machine on that same window, measured in alternating pairs: wall and CPU nanoseconds of each
     * measure, in pair order. Pairing both on the same events at nearly the same moment cancels
     * the drift of a shared machine's speed; the ratios are medians over the pairs.
     */
    public record Replay(String model, long pops, long arms, long cancels, double meanSize, long windowEvents,
                         long[] heapNs, long[] heapCpuNs, long[] machineNs, long[] machineCpuNs, long checksum) {

        public double popsPerS() {
            return pops * 1e9 / median(heapNs);
        }

        public double popsPerCpuS() {
            return pops * 1e9 / median(heapCpuNs);
        }

        /** The machine's events per second on the replayed window. */
        public double windowEventsPerS() {
            return windowEvents * 1e9 / median(machineNs);
        }

        public double windowEventsPerCpuS() {
            return windowEvents * 1e9 / median(machineCpuNs);
        }

        /** Median over the pairs of the machine's rate over the heap's. */
        public double ratio(boolean cpu) {
            return pairedRatio(List.of(this), cpu);
        }
    }

    /**
     * Median over the pair index of (events of the machine runs / their time) over (pops of the
     * replays / their time), summed over the given replays (which were measured with as many pairs).
     */
    private static double pairedRatio(List<Replay> replays, boolean cpu) {
        int n = replays.get(0).heapNs().length;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            double events = 0;
            double pops = 0;
            double mNs = 0;
            double hNs = 0;
            for (Replay rp : replays) {
                events += rp.windowEvents();
                pops += rp.pops();
                mNs += cpu ? rp.machineCpuNs()[i] : rp.machineNs()[i];
                hNs += Math.max(1, cpu ? rp.heapCpuNs()[i] : rp.heapNs()[i]);
            }
            r[i] = (events / mNs) / (pops / hNs);
        }
        Arrays.sort(r);
        return r[n / 2];
    }

    /**
     * All models' replays together: the pops, the rates in events per second (summed events over
     * summed median times) and the paired ratios (the pair's times summed over the models first).
     */
    public record Totals(long pops, double heapRate, double heapCpuRate, double machineRate, double machineCpuRate,
                         double ratio, double ratioCpu) {
    }

    public static Totals totals(List<Replay> replays) {
        long pops = 0;
        long window = 0;
        double[] ns = new double[4];
        for (Replay rp : replays) {
            pops += rp.pops();
            window += rp.windowEvents();
            ns[0] += median(rp.heapNs());
            ns[1] += median(rp.heapCpuNs());
            ns[2] += median(rp.machineNs());
            ns[3] += median(rp.machineCpuNs());
        }
        return new Totals(pops, pops * 1e9 / ns[0], pops * 1e9 / ns[1], window * 1e9 / ns[2], window * 1e9 / ns[3],
            pairedRatio(replays, false), pairedRatio(replays, true));
    }

    private static double median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /**
     * Steady-state allocation: bytes per event of the events a full run has beyond a short one
     * ({@code share} of the duration), both measured now that the code is compiled. What a run
     * allocates once (the boot, a latency histogram at each task's first sample) cancels out.
     */
    public static double steadyBytesPerEvent(MachineSpec spec, Model model, ModelRun full, double share) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MachineSpec shortSpec = spec.withDuration(Math.max(1, (long) (spec.durationNs() * share)));
        Simulation.Booted booted = Simulation.boot(shortSpec, model, PreemptTable.KERNEL, List.of());
        long a0 = threads.getCurrentThreadAllocatedBytes();
        booted.kernel().run();
        long a1 = threads.getCurrentThreadAllocatedBytes();
        long events = full.events() - booted.kernel().stats.events;
        return events <= 0 ? 0 : (double) (full.allocatedBytes() - (a1 - a0)) / events;
    }

    /**
     * JIT warm-up, untimed for the figures: rounds of every model for {@code warmupNs} of simulated
     * time each, until a round's events per CPU-second improve by less than 3% on the round before
     * (at least 2 rounds, at most {@code maxRounds}). Returns each round's events per CPU-second.
     */
    public static double[] warmUp(MachineSpec spec, List<Model> models, long warmupNs, int maxRounds) {
        if (warmupNs <= 0 || maxRounds <= 0) {
            return new double[0];
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MachineSpec w = spec.withDuration(Math.min(warmupNs, spec.durationNs()));
        double[] rates = new double[maxRounds];
        int r = 0;
        while (r < maxRounds) {
            long events = 0;
            long c0 = threads.getCurrentThreadCpuTime();
            for (Model m : models) {
                Kernel k = Simulation.boot(w, m, PreemptTable.KERNEL, List.of()).kernel();
                k.run();
                events += k.stats.events;
            }
            rates[r] = events * 1e9 / Math.max(1, threads.getCurrentThreadCpuTime() - c0);
            r++;
            if (r >= 2 && rates[r - 1] < rates[r - 2] * 1.03) {
                break;
            }
        }
        return Arrays.copyOf(rates, r);
    }

    /** One timed run of {@code model} over the spec's whole duration. */
    public static ModelRun timedRun(MachineSpec spec, Model model) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<MemoryPoolMXBean> heapPools = heapPools();
        System.gc();
        Simulation.Booted booted = Simulation.boot(spec, model, PreemptTable.KERNEL, List.of());
        for (MemoryPoolMXBean p : heapPools) {
            p.resetPeakUsage();
        }
        long alloc0 = threads.getCurrentThreadAllocatedBytes();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        booted.kernel().run();
        long t1 = System.nanoTime();
        long cpu1 = threads.getCurrentThreadCpuTime();
        long alloc1 = threads.getCurrentThreadAllocatedBytes();
        long peak = 0;
        for (MemoryPoolMXBean p : heapPools) {
            peak += p.getPeakUsage().getUsed();
        }
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Reference.reachabilityFence(booted);
        String status = booted.kernel().bugReport() == null ? "ok" : "bug";
        return new ModelRun(model.name(), booted.kernel().stats.events, spec.durationNs(), t1 - t0, cpu1 - cpu0,
            alloc1 - alloc0, peak, retained, status);
    }

    /**
     * Records the first part of a run of {@code model} (about {@code logOps} queue operations: the
     * run is cut to the simulated time that many take, estimated from {@code eventsInFullRun}), then
     * after {@code reps} warm-up replays measures {@code reps} pairs: the machine on that window
     * (a fresh boot, the same events as the log unless the log filled up) and the log replayed
     * through the bare heap.
     */
    public static Replay replay(MachineSpec spec, Model model, long eventsInFullRun, int logOps, int reps) {
        // A pop comes with about two other operations; leave room so the log rarely fills.
        double share = Math.min(1.0, (logOps / 4.0) / Math.max(1, eventsInFullRun));
        long ns = Math.max(1_000_000L, (long) (spec.durationNs() * share));
        MachineSpec rec = spec.withDuration(Math.min(ns, spec.durationNs()));
        RecordingEventQueue q = new RecordingEventQueue(64 + 8 * spec.cpus(), logOps);
        Simulation.boot(rec, model, PreemptTable.KERNEL, List.of(), Measure.NONE, q).kernel().run();
        HeapReplay log = q.log();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long checksum = 0;
        long windowEvents = 0;
        for (int i = 0; i < reps; i++) {
            checksum += log.replay();
        }
        long[] times = new long[reps];
        long[] cpus = new long[reps];
        long[] mTimes = new long[reps];
        long[] mCpus = new long[reps];
        for (int i = 0; i < reps; i++) {
            // The machine on the recorded window (on its own IndexedHeap: the same pops), then the replay.
            Kernel k = Simulation.boot(rec, model, PreemptTable.KERNEL, List.of()).kernel();
            long mc0 = threads.getCurrentThreadCpuTime();
            long mt0 = System.nanoTime();
            k.run();
            mTimes[i] = System.nanoTime() - mt0;
            mCpus[i] = threads.getCurrentThreadCpuTime() - mc0;
            windowEvents = k.stats.events;
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            checksum += log.replay();
            times[i] = System.nanoTime() - t0;
            cpus[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        return new Replay(model.name(), log.pops(), log.arms(), log.cancels(), log.meanSizeAtPop(), windowEvents, times, cpus,
            mTimes, mCpus, checksum);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        List<MemoryPoolMXBean> out = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                out.add(p);
            }
        }
        return out;
    }
}
