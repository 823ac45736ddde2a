package org.preemptsim.workload.scenario;

import org.preemptsim.kernel.IrqSourceSpec;
import org.preemptsim.kernel.LockSpec;
import org.preemptsim.kernel.NmiSourceSpec;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.kernel.locking.LockKind;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.Program;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine being compiled from a scenario: what tasks, the built-in workloads and the program
 * compiler add to it, with the name tables that resolve locks and wait queues and refuse
 * duplicates. Task indexes handed out here are the kernel's task indexes.
 */
public final class CompileContext {

    private final String file;
    private final int cpus;
    private final MachineBuilder machine;
    private final Map<String, Integer> lockIds = new LinkedHashMap<>();
    private final List<LockSpec> locks = new ArrayList<>();
    private final BitSet condReschedLocked = new BitSet();
    private final Map<String, Integer> wqIds = new LinkedHashMap<>();
    private final Map<String, Where> taskNames = new HashMap<>();
    private final List<TaskSpec> tasks = new ArrayList<>();
    private final Map<Integer, String> irqNumbers = new HashMap<>();
    private final Map<Integer, Integer> histograms = new HashMap<>();
    private final List<WorkloadReport> reports = new ArrayList<>();

    CompileContext(String file, int cpus, MachineBuilder machine) {
        this.file = file;
        this.cpus = cpus;
        this.machine = machine;
    }

    public String file() {
        return file;
    }

    public int cpus() {
        return cpus;
    }

    /** Adds a task; its name must be new. Returns its task index. */
    public int addTask(TaskSpec t, Where at) {
        Where first = taskNames.get(t.name());
        if (first != null) {
            throw new ScenarioError(at, "there is already a task named '" + t.name() + "' (from line " + first.line() + ")",
                "give each task its own name");
        }
        taskNames.put(t.name(), at);
        machine.task(t);
        tasks.add(t);
        return tasks.size() - 1;
    }

    /** Declares a lock; returns its id. */
    public int declareLock(String name, LockKind kind, Where at) {
        return declareLock(name, kind, 1, at);
    }

    /** Declares a lock ({@code count}: a semaphore's initial count); returns its id. */
    public int declareLock(String name, LockKind kind, int count, Where at) {
        if (lockIds.containsKey(name)) {
            throw new ScenarioError(at, "lock '" + name + "' is declared twice");
        }
        lockIds.put(name, locks.size());
        locks.add(new LockSpec(name, kind, count));
        return locks.size() - 1;
    }

    /** The lock's id, or -1 when no lock has that name. */
    public int lockId(String name) {
        Integer id = lockIds.get(name);
        return id == null ? -1 : id;
    }

    /** The kind the lock was declared with (before any raw share conversion). */
    public LockKind lockKind(int id) {
        return locks.get(id).kind();
    }

    public List<String> lockNames() {
        return new ArrayList<>(lockIds.keySet());
    }

    /** A program passes this lock to cond_resched_lock, which only exists for spinlock_t: it stays one. */
    void condReschedLocked(int id) {
        condReschedLocked.set(id);
    }

    private boolean eligible(int id) {
        return locks.get(id).kind() == LockKind.SPINLOCK && !condReschedLocked.get(id);
    }

    /**
     * Adds the declared locks to the machine in declaration order, turning the first
     * round(share x n) of the n spinlock_t locks that may become raw (those no program passes to
     * cond_resched_lock) into raw_spinlock_t. Returns the names of the locks made raw.
     */
    List<String> addLocks(long rawSharePpm) {
        long eligible = 0;
        for (int i = 0; i < locks.size(); i++) {
            if (eligible(i)) {
                eligible++;
            }
        }
        long raw = (rawSharePpm * eligible + 500_000) / 1_000_000;
        List<String> madeRaw = new ArrayList<>();
        for (int i = 0; i < locks.size(); i++) {
            LockSpec l = locks.get(i);
            boolean toRaw = eligible(i) && madeRaw.size() < raw;
            if (toRaw) {
                madeRaw.add(l.name());
            }
            int id = l.kind() == LockKind.SEMAPHORE ? machine.semaphore(l.name(), l.count())
                : machine.lock(l.name(), toRaw ? LockKind.RAW_SPINLOCK : l.kind());
            if (id != i) {
                throw new IllegalStateException("lock " + l.name() + " got id " + id + ", expected " + i);
            }
        }
        return madeRaw;
    }

    public int declareWaitQueue(String name, Where at) {
        if (wqIds.containsKey(name)) {
            throw new ScenarioError(at, "wait queue '" + name + "' is declared twice");
        }
        int id = machine.waitQueue(name);
        wqIds.put(name, id);
        return id;
    }

    /** The wait queue's id, or -1. */
    public int waitQueueId(String name) {
        Integer id = wqIds.get(name);
        return id == null ? -1 : id;
    }

    public List<String> waitQueueNames() {
        return new ArrayList<>(wqIds.keySet());
    }

    public void irq(IrqSourceSpec s, Where at) {
        String other = irqNumbers.get(s.irq());
        if (other != null) {
            throw new ScenarioError(at, "IRQ " + s.irq() + " is already used by " + other, "give each source its own irq: number");
        }
        irqNumbers.put(s.irq(), s.name());
        machine.irq(s);
    }

    /** A free IRQ number at or above {@code from}. */
    public int freeIrq(int from) {
        int n = from;
        while (irqNumbers.containsKey(n)) {
            n++;
        }
        return n;
    }

    public void nmi(NmiSourceSpec s) {
        machine.nmi(s);
    }

    /** Ask for a cyclictest -h histogram of {@code buckets} 1 µs buckets for a task. */
    public void histogram(int taskIndex, int buckets) {
        histograms.put(taskIndex, buckets);
    }

    int[] histogramBuckets() {
        int[] h = new int[tasks.size()];
        for (Map.Entry<Integer, Integer> e : histograms.entrySet()) {
            h[e.getKey()] = e.getValue();
        }
        return h;
    }

    public void report(WorkloadReport r) {
        reports.add(r);
    }

    List<WorkloadReport> reports() {
        return List.copyOf(reports);
    }

    /** Compiles a written program for a task of this machine. */
    public Program program(List<Step> steps, boolean kthread) {
        return new ProgramCompiler(this, kthread).compile(steps);
    }
}
