package org.preemptsim.kernel.sched;

import org.preemptsim.kernel.Task;

import java.util.Arrays;

/**
 * struct cfs_rq under EEVDF (kernel/sched/fair.c, 6.17/6.18 semantics).
 *
 * <p>Entities are kept in a flat array; once a queue grows long ({@link #TREE_ON} entities) they
 * are also indexed as the kernel does, by (deadline, enqueue order) in a tree augmented with each
 * subtree's smallest vruntime and slice, so that pick_eevdf and cfs_rq_min_slice take O(log n)
 * instead of a scan. Both ways give identical answers. Keys are relative to {@code zeroVruntime}, which
 * {@link #avgVruntime()} moves as the newest kernel's {@code update_zero_vruntime} does, so that
 * {@code sumWKey} stays small. curr is not in the array while it runs (set_next_entity removes it,
 * put_prev_entity puts it back) but counts in {@link #nrQueued}.
 */
public final class CfsRq {

    /** Tunables derived from the kernel profile and the CPU count. */
    public record Params(long baseSliceNs, long tickNs, boolean runToParity, boolean preemptShort,
                         boolean placeLag, boolean placeDeadlineInitial) {
    }

    static final long NICE_0_LOAD = 1024;
    static final long WMULT_CONST = 0xffffffffL;
    static final int WMULT_SHIFT = 32;

    /** sched_prio_to_weight[40] (kernel/sched/core.c), nice -20 .. 19. */
    public static final long[] PRIO_TO_WEIGHT = {
        88761, 71755, 56483, 46273, 36291,
        29154, 23254, 18705, 14949, 11916,
        9548, 7620, 6100, 4904, 3906,
        3121, 2501, 1991, 1586, 1277,
        1024, 820, 655, 526, 423,
        335, 272, 215, 172, 137,
        110, 87, 70, 56, 45,
        36, 29, 23, 18, 15,
    };
    /** WEIGHT_IDLEPRIO for SCHED_IDLE tasks. */
    public static final long WEIGHT_IDLEPRIO = 3;

    final Params params;
    /** Set by Sched: update_curr asks for a lazy reschedule of this rq's curr itself. */
    Sched sched;
    Rq rq;
    Task[] queue = new Task[8];
    int n;
    public Task curr;
    /** Entities queued, including curr (cfs_rq->nr_queued). */
    public int nrQueued;
    long zeroVruntime;
    long sumWKey;
    long sumWeight;
    long enqueueSeq;

    /** Queue lengths at which the index is built and dropped (apart, so it does not flap). */
    static final int TREE_ON = 32;
    static final int TREE_OFF = 16;
    /**
     * The queued entities (not curr) from the oldest enqueue to the newest: a list in cfsSeq order,
     * since every add takes the next sequence number, so {@link #migratableFor} walks from the
     * oldest instead of scanning the whole array.
     */
    private Task oldest;
    private Task newest;
    /** Root of the index, or null when the queue is short (then {@link #treeOn} is false). */
    private Task root;
    private boolean treeOn;

    CfsRq(Params params) {
        this.params = params;
    }

    // ---------------------------------------------------------------- weights and deltas

    /**
     * calc_delta_fair: delta * NICE_0_LOAD / weight computed as the kernel does, with the
     * inverse weight 2^32/w and a 64x32 multiply-shift (__calc_delta), so rounding matches.
     */
    static long calcDeltaFair(long delta, long weight) {
        if (weight == NICE_0_LOAD) {
            return delta;
        }
        long invWeight = weight >= WMULT_CONST ? 1 : WMULT_CONST / weight;
        long fact = NICE_0_LOAD;
        int shift = WMULT_SHIFT;
        fact = fact * invWeight; // fits: 1024 * 2^32
        long factHi = fact >>> 32;
        if (factHi != 0) {
            int fs = 64 - Long.numberOfLeadingZeros(factHi);
            shift -= fs;
            fact >>>= fs;
        }
        return mulU64U32Shr(delta, fact, shift);
    }

    /** mul_u64_u32_shr: (a * mul) >> shift on the full 96-bit product. */
    static long mulU64U32Shr(long a, long mul, int shift) {
        long lo = a * mul;
        long hi = Math.multiplyHigh(a, mul);
        if (shift == 0) {
            return lo;
        }
        return (hi << (64 - shift)) | (lo >>> shift);
    }

    // ---------------------------------------------------------------- average vruntime

    private long key(Task se) {
        return se.vruntime - zeroVruntime;
    }

    private void sumAdd(Task se) {
        sumWKey += key(se) * se.weight;
        sumWeight += se.weight;
    }

    private void sumSub(Task se) {
        sumWKey -= key(se) * se.weight;
        sumWeight -= se.weight;
    }

    /**
     * avg_vruntime(): the weighted average V over queued entities and curr, floored; it re-bases
     * zero_vruntime to V as the newest kernel does (keeps sumWKey bounded).
     */
    public long avgVruntime() {
        long runtime = sumWKey;
        long weight = sumWeight;
        long delta = 0;
        Task c = curr;
        if (weight != 0) {
            if (c != null && c.onRq) {
                runtime += key(c) * c.weight;
                weight += c.weight;
            }
            if (runtime < 0) {
                runtime -= weight - 1; // floor division for negative sums
            }
            delta = runtime / weight;
        } else if (c != null && c.onRq) {
            delta = c.vruntime - zeroVruntime;
        }
        sumWKey -= sumWeight * delta;
        zeroVruntime += delta;
        return zeroVruntime;
    }

    /** vruntime_eligible(): V >= v, evaluated without division: sum(w*key) >= key(v) * sum(w). */
    boolean vruntimeEligible(long vruntime) {
        long avg = sumWKey;
        long load = sumWeight;
        Task c = curr;
        if (c != null && c.onRq) {
            avg += key(c) * c.weight;
            load += c.weight;
        }
        long k = vruntime - zeroVruntime;
        // The product can exceed 64 bits only for absurd lags; compare exactly with 128-bit math.
        long hi = Math.multiplyHigh(k, load);
        long lo = k * load;
        long avgHi = avg < 0 ? -1 : 0;
        return avgHi > hi || (avgHi == hi && Long.compareUnsigned(avg, lo) >= 0);
    }

    boolean eligible(Task se) {
        return vruntimeEligible(se.vruntime);
    }

    // ---------------------------------------------------------------- update_curr and protection

    /**
     * update_curr(): charge curr's runtime and, as the kernel does inside update_curr, ask for a
     * lazy reschedule when curr's slice is used up or its protection is gone and others wait.
     * Called from every place the kernel calls it (enqueue, dequeue, put_prev, tick, wakeup).
     */
    void updateCurr(long nowNs) {
        Task c = curr;
        if (c == null) {
            return;
        }
        long delta = nowNs - c.execStart;
        if (delta <= 0) {
            return;
        }
        c.execStart = nowNs;
        c.sumExecRuntime += delta;
        c.vruntime += calcDeltaFair(delta, c.weight);
        boolean resched = updateDeadline(c);
        if (nrQueued == 1) {
            return;
        }
        if ((resched || !protectSlice(c)) && c.onRq && rq.cpu.curr == c) {
            sched.reschedCurrLazy(rq);
        }
    }

    /** update_deadline(): a new slice once vruntime reaches the deadline. */
    private boolean updateDeadline(Task se) {
        if (se.vruntime - se.deadline < 0) {
            return false;
        }
        if (!se.customSlice) {
            se.slice = params.baseSliceNs();
        }
        se.deadline = se.vruntime + calcDeltaFair(se.slice, se.weight);
        avgVruntime();
        return true;
    }

    /** Smallest slice among queued entities and curr (cfs_rq_min_slice). */
    long minSlice() {
        long min = Long.MAX_VALUE;
        Task c = curr;
        if (c != null && c.onRq) {
            min = c.slice;
        }
        if (treeOn) {
            if (root != null) {
                min = Math.min(min, root.cfsMinSlice);
            }
        } else {
            for (int i = 0; i < n; i++) {
                min = Math.min(min, queue[i].slice);
            }
        }
        return min == Long.MAX_VALUE ? params.baseSliceNs() : min;
    }

    /** set_protect_slice() (v6.17+): how far curr may run before it can be preempted by a pick. */
    void setProtectSlice(Task se) {
        long slice = params.baseSliceNs();
        long vprot = se.deadline;
        if (params.runToParity()) {
            slice = minSlice();
        }
        slice = Math.min(slice, se.slice);
        if (slice != se.slice) {
            vprot = Math.min(vprot, se.vruntime + calcDeltaFair(slice, se.weight));
        }
        se.vprot = vprot;
    }

    static boolean protectSlice(Task se) {
        return se.vruntime - se.vprot < 0;
    }

    void updateProtectSlice(Task se) {
        long v = se.vruntime + calcDeltaFair(minSlice(), se.weight);
        if (v - se.vprot < 0) {
            se.vprot = v;
        }
    }

    static void cancelProtectSlice(Task se) {
        if (protectSlice(se)) {
            se.vprot = se.vruntime;
        }
    }

    // ---------------------------------------------------------------- pick

    private static boolean entityBefore(Task a, Task b) {
        long d = a.deadline - b.deadline;
        return d < 0;
    }

    /**
     * pick_eevdf(cfs_rq, protect): the eligible entity with the earliest virtual deadline; curr
     * keeps the CPU while protected. Ties keep the kernel's rbtree order (earlier enqueue first).
     */
    Task pickEevdf(boolean protect) {
        Task c = curr;
        if (nrQueued == 1) {
            return c != null && c.onRq ? c : (n > 0 ? queue[0] : null);
        }
        if (c != null && (!c.onRq || !eligible(c))) {
            c = null;
        }
        if (c != null && protect && protectSlice(c)) {
            return c;
        }
        Task best = treeOn ? pickEligibleIndexed() : pickEligibleScan();
        if (best == null || (c != null && entityBefore(c, best))) {
            best = c;
        }
        if (best == null && n > 0) {
            // Rounding can leave no entity eligible by a hair; the kernel then takes the leftmost.
            best = queue[0];
            for (int i = 1; i < n; i++) {
                if (queue[i].deadline < best.deadline) {
                    best = queue[i];
                }
            }
        }
        return best;
    }

    /** The eligible queued entity with the earliest (deadline, cfsSeq), by scanning the array. */
    private Task pickEligibleScan() {
        Task best = null;
        for (int i = 0; i < n; i++) {
            Task se = queue[i];
            if (!eligible(se)) {
                continue;
            }
            if (best == null || se.deadline < best.deadline
                || (se.deadline == best.deadline && se.cfsSeq < best.cfsSeq)) {
                best = se;
            }
        }
        return best;
    }

    /**
     * The same answer from the index: the leftmost eligible node in (deadline, cfsSeq) order.
     * Eligibility is monotone in vruntime (V >= v), so a subtree holds an eligible entity exactly
     * when its smallest vruntime is eligible: descend left whenever the left subtree does.
     */
    private Task pickEligibleIndexed() {
        Task x = root;
        while (x != null) {
            Task l = x.cfsLeft;
            if (l != null && vruntimeEligible(l.cfsMinVruntime)) {
                x = l;
                continue;
            }
            if (eligible(x)) {
                return x;
            }
            x = x.cfsRight;
            if (x != null && !vruntimeEligible(x.cfsMinVruntime)) {
                return null;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- the index (a treap)

    /** Index order: deadline, then enqueue order (cfsSeq is unique on this queue). */
    private static boolean indexBefore(Task a, Task b) {
        return a.deadline < b.deadline || (a.deadline == b.deadline && a.cfsSeq < b.cfsSeq);
    }

    /** Recomputes t's subtree minima from its own values and its children's. */
    private static void pull(Task t) {
        long v = t.vruntime;
        long sl = t.slice;
        Task l = t.cfsLeft;
        Task r = t.cfsRight;
        if (l != null) {
            v = l.cfsMinVruntime - v < 0 ? l.cfsMinVruntime : v;
            sl = Math.min(sl, l.cfsMinSlice);
        }
        if (r != null) {
            v = r.cfsMinVruntime - v < 0 ? r.cfsMinVruntime : v;
            sl = Math.min(sl, r.cfsMinSlice);
        }
        t.cfsMinVruntime = v;
        t.cfsMinSlice = sl;
    }

    private static Task indexInsert(Task t, Task se) {
        if (t == null) {
            pull(se);
            return se;
        }
        if (indexBefore(se, t)) {
            t.cfsLeft = indexInsert(t.cfsLeft, se);
            if (t.cfsLeft.cfsPrio > t.cfsPrio) {
                Task l = t.cfsLeft; // rotate right
                t.cfsLeft = l.cfsRight;
                pull(t);
                l.cfsRight = t;
                t = l;
            }
        } else {
            t.cfsRight = indexInsert(t.cfsRight, se);
            if (t.cfsRight.cfsPrio > t.cfsPrio) {
                Task r = t.cfsRight; // rotate left
                t.cfsRight = r.cfsLeft;
                pull(t);
                r.cfsLeft = t;
                t = r;
            }
        }
        pull(t);
        return t;
    }

    private static Task indexRemove(Task t, Task se) {
        if (t == se) {
            Task m = indexMerge(se.cfsLeft, se.cfsRight);
            se.cfsLeft = null;
            se.cfsRight = null;
            return m;
        }
        if (indexBefore(se, t)) {
            t.cfsLeft = indexRemove(t.cfsLeft, se);
        } else {
            t.cfsRight = indexRemove(t.cfsRight, se);
        }
        pull(t);
        return t;
    }

    private static Task indexMerge(Task a, Task b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.cfsPrio > b.cfsPrio) {
            a.cfsRight = indexMerge(a.cfsRight, b);
            pull(a);
            return a;
        }
        b.cfsLeft = indexMerge(a, b.cfsLeft);
        pull(b);
        return b;
    }

    private void indexAdd(Task se) {
        // A fixed hash of the enqueue order as the treap priority: balanced, and the same every run.
        long z = se.cfsSeq * 0x9E3779B97F4A7C15L;
        se.cfsPrio = z ^ (z >>> 29);
        se.cfsLeft = null;
        se.cfsRight = null;
        root = indexInsert(root, se);
    }

    // ---------------------------------------------------------------- enqueue / dequeue

    private void add(Task se) {
        if (n == queue.length) {
            queue = Arrays.copyOf(queue, n * 2);
        }
        se.cfsIndex = n;
        se.cfsSeq = enqueueSeq++;
        queue[n++] = se;
        se.cfsOlder = newest;
        se.cfsNewer = null;
        if (newest == null) {
            oldest = se;
        } else {
            newest.cfsNewer = se;
        }
        newest = se;
        sumAdd(se);
        if (treeOn) {
            indexAdd(se);
        } else if (n >= TREE_ON) {
            treeOn = true;
            for (int i = 0; i < n; i++) {
                indexAdd(queue[i]);
            }
        }
    }

    private void remove(Task se) {
        sumSub(se);
        int i = se.cfsIndex;
        Task last = queue[--n];
        queue[i] = last;
        last.cfsIndex = i;
        queue[n] = null;
        se.cfsIndex = -1;
        if (se.cfsOlder == null) {
            oldest = se.cfsNewer;
        } else {
            se.cfsOlder.cfsNewer = se.cfsNewer;
        }
        if (se.cfsNewer == null) {
            newest = se.cfsOlder;
        } else {
            se.cfsNewer.cfsOlder = se.cfsOlder;
        }
        se.cfsOlder = null;
        se.cfsNewer = null;
        if (treeOn) {
            root = indexRemove(root, se);
            if (n <= TREE_OFF) {
                treeOn = false;
                for (int k = 0; k < n; k++) {
                    queue[k].cfsLeft = null;
                    queue[k].cfsRight = null;
                }
                root = null;
            }
        }
    }

    /** place_entity(): put a waking entity at V minus its (inflated) lag, with a fresh deadline. */
    void placeEntity(Task se, boolean initial) {
        long vruntime = avgVruntime();
        long lag = 0;
        if (!se.customSlice) {
            se.slice = params.baseSliceNs();
        }
        long vslice = calcDeltaFair(se.slice, se.weight);
        if (params.placeLag() && nrQueued > 0 && se.vlag != 0) {
            lag = se.vlag;
            long load = sumWeight;
            if (curr != null && curr.onRq) {
                load += curr.weight;
            }
            if (load != 0) {
                lag = lag * (load + se.weight) / load;
            }
        }
        se.vruntime = vruntime - lag;
        if (params.placeDeadlineInitial() && initial) {
            vslice /= 2;
        }
        se.deadline = se.vruntime + vslice;
    }

    /** enqueue_entity(): update curr, place the entity, queue it. */
    void enqueue(Task se, long nowNs, boolean wakeup, boolean initial) {
        updateCurr(nowNs);
        if (wakeup || initial) {
            placeEntity(se, initial);
        }
        add(se);
        nrQueued++;
    }

    /** dequeue_entity(): update curr, save the lag (clamped), unqueue. */
    void dequeue(Task se, long nowNs) {
        updateCurr(nowNs);
        updateEntityLag(se);
        if (se != curr) {
            remove(se);
        }
        nrQueued--;
    }

    /** update_entity_lag(): vlag = V - v, clamped to the lag an entity can legitimately build. */
    private void updateEntityLag(Task se) {
        long vlag = avgVruntime() - se.vruntime;
        long limit = calcDeltaFair(Math.max(2 * se.slice, params.tickNs()), se.weight);
        se.vlag = Math.max(-limit, Math.min(limit, vlag));
    }

    /** set_next_entity(): se becomes curr, leaves the queue array, gets its protection window. */
    void setNext(Task se, long nowNs) {
        if (se.cfsIndex >= 0) {
            remove(se);
        }
        setProtectSlice(se);
        se.execStart = nowNs;
        curr = se;
    }

    /** put_prev_entity(): curr goes back into the queue array if still runnable. */
    void putPrev(Task prev, long nowNs) {
        if (prev.onRq) {
            updateCurr(nowNs);
            add(prev);
        }
        curr = null;
    }

    /** Migration: remove a queued (not running) entity keeping its relative lag. */
    void detach(Task se, long nowNs) {
        dequeue(se, nowNs);
    }

    /** Migration: add an entity on this queue, placed by its lag. */
    void attach(Task se, long nowNs) {
        enqueue(se, nowNs, true, false);
    }

    /**
     * The queued, not running entity enqueued longest ago (smallest cfsSeq) that may run on
     * {@code cpu}, for load balancing: the first such one from the oldest end of the list, as
     * detach_tasks takes rq->cfs_tasks from its tail (list_last_entry; kernel/sched/fair.c).
     */
    Task migratableFor(int cpu) {
        for (Task t = oldest; t != null; t = t.cfsNewer) {
            if (t.allowedOn(cpu) && t.migrationDisabled == 0) {
                return t;
            }
        }
        return null;
    }
}
