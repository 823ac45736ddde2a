package org.preemptsim.workload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Builds a {@link Program} step by step with the kernel's vocabulary:
 * <pre>{@code
 * Program p = new ProgramBuilder()
 *     .loop(0)
 *         .syscall(0).kernel(3_000_000, 500_000, 0).sysret()
 *         .user(1_000_000)
 *     .endLoop()
 *     .build();
 * }</pre>
 * Durations are nanoseconds; a {@link Dist} overload draws each execution of the step from the
 * task's own random stream. {@link #at(String)} sets the origin reported for the following steps.
 */
public final class ProgramBuilder {

    private int[] op = new int[16];
    private long[] a = new long[16];
    private long[] b = new long[16];
    private long[] e = new long[16];
    private int[] c = new int[16];
    private int[] d = new int[16];
    private int[] dist = new int[16];
    private String[] origin = new String[16];
    private int n;
    private final List<Dist> dists = new ArrayList<>();
    private final Deque<Integer> openLoops = new ArrayDeque<>();
    private String nextOrigin;

    /** Sets where the next steps come from (a scenario file and line), for reports. */
    public ProgramBuilder at(String where) {
        this.nextOrigin = where;
        return this;
    }

    public int size() {
        return n;
    }

    private ProgramBuilder add(int o, long av, long bv, int cv, int dv, Dist dd) {
        if (n == op.length) {
            int m = n * 2;
            op = Arrays.copyOf(op, m);
            a = Arrays.copyOf(a, m);
            b = Arrays.copyOf(b, m);
            e = Arrays.copyOf(e, m);
            c = Arrays.copyOf(c, m);
            d = Arrays.copyOf(d, m);
            dist = Arrays.copyOf(dist, m);
            origin = Arrays.copyOf(origin, m);
        }
        op[n] = o;
        a[n] = av;
        b[n] = bv;
        e[n] = 0;
        c[n] = cv;
        d[n] = dv;
        if (dd != null) {
            int idx = dists.indexOf(dd);
            if (idx < 0) {
                idx = dists.size();
                dists.add(dd);
            }
            dist[n] = idx;
        } else {
            dist[n] = -1;
        }
        origin[n] = nextOrigin != null ? nextOrigin : "builder step " + n;
        n++;
        return this;
    }

    private static long nonNegative(long ns, String what) {
        if (ns < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + ns);
        }
        return ns;
    }

    public ProgramBuilder user(long ns) {
        return add(Op.USER, nonNegative(ns, "user duration"), 0, 0, 0, null);
    }

    public ProgramBuilder user(Dist ns) {
        return add(Op.USER, 0, 0, 0, 0, ns);
    }

    public ProgramBuilder syscall(int nr) {
        return add(Op.SYSCALL_ENTER, 0, 0, nr, 0, null);
    }

    public ProgramBuilder sysret() {
        return add(Op.SYSCALL_EXIT, 0, 0, 0, 0, null);
    }

    public ProgramBuilder kernel(long ns) {
        return kernel(ns, 0, 0);
    }

    /** Kernel work with a cond_resched() every {@code condReschedEveryNs} and a might_sleep() every {@code mightSleepEveryNs} (0: none). */
    public ProgramBuilder kernel(long ns, long condReschedEveryNs, long mightSleepEveryNs) {
        return kernel(ns, condReschedEveryNs, mightSleepEveryNs, 0, 0);
    }

    /** As {@link #kernel(long, long, long)}, also executing preemptPairs preempt_disable/enable pairs and rcuSections RCU read sections. */
    public ProgramBuilder kernel(long ns, long condReschedEveryNs, long mightSleepEveryNs, int preemptPairs, int rcuSections) {
        nonNegative(ns, "kernel duration");
        return add(Op.KWORK, ns, 0, preemptPairs, rcuSections, null)
            .kworkPoints(condReschedEveryNs, mightSleepEveryNs);
    }

    public ProgramBuilder kernel(Dist ns, long condReschedEveryNs, long mightSleepEveryNs, int preemptPairs, int rcuSections) {
        return add(Op.KWORK, 0, 0, preemptPairs, rcuSections, ns).kworkPoints(condReschedEveryNs, mightSleepEveryNs);
    }

    /** KWORK keeps its duration in a, the cond_resched cadence in b and the might_sleep cadence in e. */
    private ProgramBuilder kworkPoints(long condReschedEveryNs, long mightSleepEveryNs) {
        b[n - 1] = nonNegative(condReschedEveryNs, "cond_resched interval");
        e[n - 1] = nonNegative(mightSleepEveryNs, "might_sleep interval");
        return this;
    }

    public ProgramBuilder preemptDisable() {
        return add(Op.PREEMPT_DISABLE, 0, 0, 0, 0, null);
    }

    public ProgramBuilder preemptEnable() {
        return add(Op.PREEMPT_ENABLE, 0, 0, 0, 0, null);
    }

    public ProgramBuilder localIrqDisable() {
        return add(Op.IRQ_DISABLE, 0, 0, 0, 0, null);
    }

    public ProgramBuilder localIrqEnable() {
        return add(Op.IRQ_ENABLE, 0, 0, 0, 0, null);
    }

    public ProgramBuilder localIrqSave() {
        return add(Op.IRQ_SAVE, 0, 0, 0, 0, null);
    }

    public ProgramBuilder localIrqRestore() {
        return add(Op.IRQ_RESTORE, 0, 0, 0, 0, null);
    }

    public ProgramBuilder localBhDisable() {
        return add(Op.BH_DISABLE, 0, 0, 0, 0, null);
    }

    public ProgramBuilder localBhEnable() {
        return add(Op.BH_ENABLE, 0, 0, 0, 0, null);
    }

    /** spin_lock / raw_spin_lock (the lock's kind decides which) with a flavour from {@link Op#LOCK_PLAIN} etc. */
    public ProgramBuilder lock(int lockId, int flavour) {
        return add(Op.SPIN_LOCK, 0, 0, lockId, flavour, null);
    }

    public ProgramBuilder unlock(int lockId, int flavour) {
        return add(Op.SPIN_UNLOCK, 0, 0, lockId, flavour, null);
    }

    public ProgramBuilder spinLock(int lockId) {
        return lock(lockId, Op.LOCK_PLAIN);
    }

    public ProgramBuilder spinUnlock(int lockId) {
        return unlock(lockId, Op.LOCK_PLAIN);
    }

    /** read_lock on an rwlock_t, with a flavour from {@link Op#LOCK_PLAIN} etc. */
    public ProgramBuilder readLock(int lockId, int flavour) {
        return add(Op.READ_LOCK, 0, 0, lockId, flavour, null);
    }

    public ProgramBuilder readUnlock(int lockId, int flavour) {
        return add(Op.READ_UNLOCK, 0, 0, lockId, flavour, null);
    }

    /** A seqlock reader: read_seqbegin, {@code readNs} of work, read_seqretry until no writer came by. */
    public ProgramBuilder seqRead(int lockId, long readNs) {
        return add(Op.SEQ_READ, nonNegative(readNs, "read section"), 0, lockId, 0, null);
    }

    public ProgramBuilder migrateDisable() {
        return add(Op.MIGRATE_DISABLE, 0, 0, 0, 0, null);
    }

    public ProgramBuilder migrateEnable() {
        return add(Op.MIGRATE_ENABLE, 0, 0, 0, 0, null);
    }

    public ProgramBuilder condReschedLock(int lockId) {
        return add(Op.COND_RESCHED_LOCK, 0, 0, lockId, 0, null);
    }

    public ProgramBuilder rcuReadLock() {
        return add(Op.RCU_READ_LOCK, 0, 0, 0, 0, null);
    }

    public ProgramBuilder rcuReadUnlock() {
        return add(Op.RCU_READ_UNLOCK, 0, 0, 0, 0, null);
    }

    public ProgramBuilder condReschedRcu() {
        return add(Op.COND_RESCHED_RCU, 0, 0, 0, 0, null);
    }

    public ProgramBuilder condResched() {
        return add(Op.COND_RESCHED, 0, 0, 0, 0, null);
    }

    public ProgramBuilder mightSleep() {
        return add(Op.MIGHT_SLEEP, 0, 0, 0, 0, null);
    }

    /** nanosleep(ns): a relative hrtimer sleep (the caller is expected to be in a syscall). */
    public ProgramBuilder sleep(long ns) {
        return add(Op.SLEEP, nonNegative(ns, "sleep"), 0, 0, 0, null);
    }

    public ProgramBuilder sleep(Dist ns) {
        return add(Op.SLEEP, 0, 0, 0, 0, ns);
    }

    /** clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, instant). */
    public ProgramBuilder sleepUntil(long instantNs) {
        return add(Op.SLEEP_UNTIL, nonNegative(instantNs, "instant"), 0, 0, 0, null);
    }

    /**
     * Sleep until the task's next periodic release (absolute, TIMER_ABSTIME) and record the wakeup
     * latency (when the task runs minus the expiry) as cyclictest does.
     */
    public ProgramBuilder periodic(long periodNs) {
        if (periodNs <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodNs);
        }
        return add(Op.PERIODIC_WAIT, periodNs, 0, 0, 0, null);
    }

    public ProgramBuilder waitOn(int waitQueue) {
        return add(Op.WAIT, 0, 0, waitQueue, 0, null);
    }

    public ProgramBuilder wake(int waitQueue, int tokens) {
        return add(Op.WAKE, tokens, 0, waitQueue, 0, null);
    }

    /** Repeat the steps up to the matching {@link #endLoop()} {@code times} times (0: forever). */
    public ProgramBuilder loop(long times) {
        openLoops.push(n);
        return add(Op.LOOP, nonNegative(times, "loop count"), 0, 0, 0, null);
    }

    public ProgramBuilder endLoop() {
        if (openLoops.isEmpty()) {
            throw new IllegalStateException("endLoop() without loop()");
        }
        int start = openLoops.pop();
        return add(Op.END_LOOP, 0, 0, start, 0, null);
    }

    public ProgramBuilder schedule() {
        return add(Op.SCHEDULE, 0, 0, 0, 0, null);
    }

    public ProgramBuilder exit() {
        return add(Op.EXIT, 0, 0, 0, 0, null);
    }

    /** Write {@code mode} to /sys/kernel/debug/sched/preempt (0 none, 1 voluntary, 2 full, 3 lazy). */
    public ProgramBuilder setPreemptMode(int mode) {
        return add(Op.SET_PREEMPT_MODE, 0, 0, mode, 0, null);
    }

    /** The current job completed: record its response time (release to now) against {@code deadlineNs} (0: none). */
    public ProgramBuilder jobDone(long deadlineNs) {
        return add(Op.JOB_DONE, nonNegative(deadlineNs, "deadline"), 0, 0, 0, null);
    }

    /**
     * The irq_thread loop of IRQ source {@code source} (PREEMPT_RT forced threading):
     * irq_wait_for_interrupt, then irq_forced_thread_fn (local_bh_disable, the handler under its
     * lock if any, local_bh_enable), then irq_finalize_oneshot.
     */
    public ProgramBuilder irqThread(int source, int lock) {
        loop(0).add(Op.IRQ_THREAD, 0, 0, source, 0, null).localBhDisable();
        if (lock >= 0) {
            spinLock(lock);
        }
        add(Op.IRQ_THREAD_WORK, 0, 0, source, 0, null);
        if (lock >= 0) {
            spinUnlock(lock);
        }
        return localBhEnable().add(Op.IRQ_THREAD_DONE, 0, 0, source, 0, null).endLoop();
    }

    public ProgramBuilder ktimers() {
        return add(Op.KTIMERS, 0, 0, 0, 0, null);
    }

    public ProgramBuilder ksoftirqd() {
        return add(Op.KSOFTIRQD, 0, 0, 0, 0, null);
    }

    public Program build() {
        if (!openLoops.isEmpty()) {
            throw new IllegalStateException("loop() at step " + openLoops.peek() + " has no endLoop()");
        }
        int[] match = new int[n];
        Arrays.fill(match, -1);
        for (int i = 0; i < n; i++) {
            if (op[i] == Op.END_LOOP) {
                match[i] = c[i];
                match[c[i]] = i;
            }
        }
        return new Program(Arrays.copyOf(op, n), Arrays.copyOf(a, n), Arrays.copyOf(b, n), Arrays.copyOf(e, n),
            Arrays.copyOf(c, n), Arrays.copyOf(d, n), Arrays.copyOf(dist, n), dists.toArray(new Dist[0]), Arrays.copyOf(origin, n), match);
    }
}
