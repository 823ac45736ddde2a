package org.preemptsim.metrics.blame;

import org.preemptsim.kernel.Task;
import org.preemptsim.kernel.locking.LockInst;

import java.util.ArrayList;
import java.util.List;

/**
 * The priority-inheritance boosts seen at sched_pi_setprio, so a blamed lock holder can be named
 * with the lock and the waiter it runs for. The lock is found by following the PI chain from the
 * task current on the emitting CPU (the waiter that blocked, whose chain walk boosts): its
 * {@code blockedOn} lock, that lock's owner, and on, until the boosted task is the owner.
 */
final class Boosts {

    private static final int MAX_CHAIN = 64;

    private int[] holder = new int[8];
    private int[] waiter = new int[8];
    private int[] lock = new int[8];
    private int[] normalPrio = new int[8];
    private int[] newPrio = new int[8];
    private int n;
    /** The current boost record of each task index, or -1. */
    private int[] current = new int[0];
    /** Lock names by LockInst id, as first seen. */
    private final List<String> lockNames = new ArrayList<>();

    /** t's effective prio changes to {@code prio}; {@code curr} is current on the emitting CPU. */
    void setprio(Task t, int prio, Task curr) {
        grow(t.index);
        if (prio >= t.normalPrio) {
            current[t.index] = -1;
            return;
        }
        int lockId = -1;
        Task w = curr;
        for (int depth = 0; w != null && w.blockedOn != null && depth < MAX_CHAIN; depth++) {
            LockInst l = w.blockedOn;
            if (l.owner == t) {
                lockId = l.id;
                while (lockNames.size() <= l.id) {
                    lockNames.add(null);
                }
                if (lockNames.get(l.id) == null) {
                    lockNames.set(l.id, l.toString());
                }
                break;
            }
            w = l.owner;
        }
        if (n == holder.length) {
            holder = java.util.Arrays.copyOf(holder, n * 2);
            waiter = java.util.Arrays.copyOf(waiter, n * 2);
            lock = java.util.Arrays.copyOf(lock, n * 2);
            normalPrio = java.util.Arrays.copyOf(normalPrio, n * 2);
            newPrio = java.util.Arrays.copyOf(newPrio, n * 2);
        }
        holder[n] = t.index;
        waiter[n] = lockId >= 0 ? curr.index : -1;
        lock[n] = lockId;
        normalPrio[n] = t.normalPrio;
        newPrio[n] = prio;
        current[t.index] = n++;
    }

    /** The boost record t runs under, or -1. */
    int of(Task t) {
        return t.index < current.length ? current[t.index] : -1;
    }

    int normalPrio(int id) {
        return id < 0 ? Integer.MIN_VALUE : normalPrio[id];
    }

    /** "holds M, boosted to prio 9 by high" (or without the lock when the chain did not show it). */
    String describe(int id, Sites names) {
        if (id < 0) {
            return "boosted by priority inheritance";
        }
        StringBuilder sb = new StringBuilder();
        if (lock[id] >= 0) {
            sb.append("holds ").append(lockNames.get(lock[id])).append(", ");
        }
        sb.append("boosted from prio ").append(normalPrio[id]).append(" to ").append(newPrio[id]);
        if (waiter[id] >= 0) {
            sb.append(" for ").append(names.comm(waiter[id]));
        }
        return sb.toString();
    }

    private void grow(int index) {
        if (index >= current.length) {
            int old = current.length;
            current = java.util.Arrays.copyOf(current, Math.max(index + 1, old * 2));
            java.util.Arrays.fill(current, old, current.length, -1);
        }
    }
}
