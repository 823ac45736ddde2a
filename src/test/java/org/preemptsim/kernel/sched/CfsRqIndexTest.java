package org.preemptsim.kernel.sched;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.preemptsim.kernel.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The augmented index of a long cfs_rq answers pick_eevdf and cfs_rq_min_slice, and the
 * enqueue-order list load balancing's pick, exactly as scans of the queue array do (the scans below
 * are the picks as they were before the index and the list), through
 * random enqueues, dequeues, picks and switches, across the lengths where the index comes and goes.
 */
class CfsRqIndexTest {

    private static final int CPUS = 4;
    private static final CfsRq.Params PARAMS = new CfsRq.Params(3_000_000L, 1_000_000L, true, true, true, true);

    /** pick_eevdf's eligible pick by scanning, as CfsRq did before the index. */
    private static Task scanPick(CfsRq cfs, boolean protect) {
        Task c = cfs.curr;
        if (cfs.nrQueued == 1) {
            return c != null && c.onRq ? c : (cfs.n > 0 ? cfs.queue[0] : null);
        }
        if (c != null && (!c.onRq || !cfs.eligible(c))) {
            c = null;
        }
        if (c != null && protect && CfsRq.protectSlice(c)) {
            return c;
        }
        Task best = null;
        for (int i = 0; i < cfs.n; i++) {
            Task se = cfs.queue[i];
            if (!cfs.eligible(se)) {
                continue;
            }
            if (best == null || se.deadline < best.deadline || (se.deadline == best.deadline && se.cfsSeq < best.cfsSeq)) {
                best = se;
            }
        }
        if (best == null || (c != null && c.deadline - best.deadline < 0)) {
            best = c;
        }
        if (best == null && cfs.n > 0) {
            best = cfs.queue[0];
            for (int i = 1; i < cfs.n; i++) {
                if (cfs.queue[i].deadline < best.deadline) {
                    best = cfs.queue[i];
                }
            }
        }
        return best;
    }

    private static long scanMinSlice(CfsRq cfs) {
        long min = Long.MAX_VALUE;
        if (cfs.curr != null && cfs.curr.onRq) {
            min = cfs.curr.slice;
        }
        for (int i = 0; i < cfs.n; i++) {
            min = Math.min(min, cfs.queue[i].slice);
        }
        return min == Long.MAX_VALUE ? PARAMS.baseSliceNs() : min;
    }

    /** can_migrate_task's pick as CfsRq scanned for it before the enqueue-order list: the oldest allowed. */
    private static Task scanMigratable(CfsRq cfs, int cpu) {
        Task best = null;
        for (int i = 0; i < cfs.n; i++) {
            Task t = cfs.queue[i];
            if (t.allowedOn(cpu) && t.migrationDisabled == 0 && (best == null || t.cfsSeq < best.cfsSeq)) {
                best = t;
            }
        }
        return best;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void shouldPickAsTheScanDoesAtEveryQueueLength(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        CfsRq cfs = new CfsRq(PARAMS);
        List<Task> all = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Task t = new Task(i, 1000 + i, "t" + i, null, false, false, false, CPUS);
            for (int c = 0; c < CPUS; c++) {
                if (r.nextInt(3) != 0) {
                    t.allow(c); // random affinities, some empty: load balancing must skip them
                }
            }
            t.weight = CfsRq.PRIO_TO_WEIGHT[r.nextInt(40)];
            t.slice = PARAMS.baseSliceNs();
            if (r.nextInt(4) == 0) {
                t.slice = 100_000L * (1 + r.nextInt(30));
                t.customSlice = true;
            }
            all.add(t);
        }
        long now = 0;
        int picks = 0;
        int maxQueued = 0;
        for (int step = 0; step < 6_000; step++) {
            // Keep the clock still while a curr exists: update_curr then has nothing to charge.
            Task t = all.get(r.nextInt(all.size()));
            int op = r.nextInt(10);
            if ((step / 700) % 2 == 1 && op < 5) {
                op += 5 - (op % 3); // draining stretches: the queue falls below the index's threshold
            }
            if (op < 5 && !t.onRq) {
                t.onRq = true;
                cfs.enqueue(t, now, r.nextBoolean(), r.nextInt(4) == 0);
            } else if (op < 7 && t.onRq && t != cfs.curr) {
                t.onRq = false;
                cfs.dequeue(t, now);
            } else if (op < 8 && cfs.curr == null && cfs.n > 0) {
                Task next = cfs.pickEevdf(r.nextBoolean());
                cfs.setNext(next, now);
            } else if (op < 9 && cfs.curr != null) {
                Task prev = cfs.curr;
                prev.vruntime += r.nextInt(2_000_000); // it ran
                cfs.putPrev(prev, now);
                now += 1;
            }
            boolean protect = r.nextBoolean();
            assertThat(cfs.pickEevdf(protect)).as("step %d, %d queued", step, cfs.n).isSameAs(scanPick(cfs, protect));
            assertThat(cfs.minSlice()).isEqualTo(scanMinSlice(cfs));
            t.migrationDisabled = r.nextInt(8) == 0 ? 1 : 0;
            for (int c = 0; c < CPUS; c++) {
                assertThat(cfs.migratableFor(c)).as("step %d, CPU %d", step, c).isSameAs(scanMigratable(cfs, c));
            }
            picks++;
            maxQueued = Math.max(maxQueued, cfs.n);
        }
        assertThat(picks).isPositive();
        assertThat(maxQueued).isGreaterThan(CfsRq.TREE_ON);
    }
}
