package org.preemptsim.engine;

/**
 * A priority queue of timers keyed by (time, sequence), the simulator's only notion of "later".
 *
 * <p>Timers are named by small integer ids handed out by {@link #newTimer()} when the machine is
 * built, never in the event loop, so arming, re-arming, cancelling and popping allocate nothing.
 * Ties on time break by the order in which timers were (re-)armed: one seed, one order.
 *
 * <p>Not thread-safe: one queue belongs to one run.
 */
public interface EventQueue {

    /** Returned by {@link #peekTime()} when nothing is armed. */
    long NEVER = Long.MAX_VALUE;

    /** Allocates a new timer id (not armed). */
    int newTimer();

    /** Arms {@code id} to fire at {@code timeNs}; re-arming an armed timer moves it (a new sequence number). */
    void arm(int id, long timeNs);

    /** Disarms {@code id}; returns whether it was armed. */
    boolean cancel(int id);

    boolean isArmed(int id);

    /** The time {@code id} is armed for; undefined if it is not armed. */
    long timeOf(int id);

    int size();

    /** The time of the earliest armed timer, or {@link #NEVER}. */
    long peekTime();

    /** Disarms and returns the earliest timer's id, or -1 when empty. */
    int pop();
}
