package org.preemptsim.rv;

import java.util.Arrays;
import java.util.List;

/**
 * A deterministic automaton as rvgen (formerly dot2k) generates it into a monitor's header
 * (kernel/trace/rv/monitors/NAME/NAME.h): state and event names in enum order, the transition
 * {@code function[state][event]} with {@link #INVALID} for INVALID_STATE, the initial state and
 * the final states. The tables in the monitor classes are copied from those headers, row by row.
 */
public final class Automaton {

    /** INVALID_STATE: the event is not allowed in this state. */
    public static final int INVALID = -1;

    private final String name;
    private final List<String> states;
    private final List<String> events;
    private final int[][] function;
    private final int initial;
    private final boolean[] finals;

    /**
     * @param states   state names, in the header's enum order
     * @param events   event names, in the header's enum order
     * @param function one row per state, one column per event; {@link #INVALID} where not allowed
     * @param initial  the initial state
     * @param finals   the final (accepting) states
     */
    public Automaton(String name, List<String> states, List<String> events, int[][] function, int initial, int... finals) {
        if (function.length != states.size()) {
            throw new IllegalArgumentException(name + ": " + function.length + " rows for " + states.size() + " states");
        }
        this.function = new int[function.length][];
        for (int s = 0; s < function.length; s++) {
            if (function[s].length != events.size()) {
                throw new IllegalArgumentException(name + ": state " + states.get(s) + " has " + function[s].length
                    + " columns for " + events.size() + " events");
            }
            for (int next : function[s]) {
                if (next != INVALID && (next < 0 || next >= states.size())) {
                    throw new IllegalArgumentException(name + ": state " + states.get(s) + " goes to state " + next);
                }
            }
            this.function[s] = function[s].clone();
        }
        this.name = name;
        this.states = List.copyOf(states);
        this.events = List.copyOf(events);
        this.initial = initial;
        this.finals = new boolean[states.size()];
        for (int f : finals) {
            this.finals[f] = true;
        }
    }

    public String name() {
        return name;
    }

    /** model_get_next_state: the next state, or {@link #INVALID}. */
    public int next(int state, int event) {
        return function[state][event];
    }

    public int initialState() {
        return initial;
    }

    public boolean isFinal(int state) {
        return finals[state];
    }

    public String stateName(int state) {
        return states.get(state);
    }

    public String eventName(int event) {
        return events.get(event);
    }

    public List<String> states() {
        return states;
    }

    public List<String> events() {
        return events;
    }

    @Override
    public String toString() {
        return name + Arrays.deepToString(function);
    }
}
