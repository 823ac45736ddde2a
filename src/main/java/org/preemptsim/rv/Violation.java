package org.preemptsim.rv;

import java.util.List;

/**
 * One INVALID_STATE: what the kernel's reactor prints ("rv: monitor %s does not allow event %s on
 * state %s"), where and when, and the events the monitor instance processed since it started.
 *
 * @param monitor the monitor
 * @param ns      when
 * @param cpu     the CPU the event fired on
 * @param task    the per-task monitor's task ("comm-pid"), or null for a per-CPU monitor
 * @param state   the state the monitor was in
 * @param event   the event it does not allow there
 * @param guard   for a hybrid monitor, the guard that failed with the values it read; else null
 * @param history the instance's events since its start, oldest first, ending with this one
 */
public record Violation(String monitor, long ns, int cpu, String task, String state, String event, String guard,
                        List<String> history) {

    public Violation {
        history = List.copyOf(history);
    }

    /** The reactor's message, as include/rv/da_monitor.h formats it. */
    public String message() {
        return "rv: monitor " + monitor + " does not allow event " + event + " on state " + state;
    }

    /** The message, the place, and the event sequence that led to it. */
    public String describe() {
        return describe(history.size());
    }

    /** As {@link #describe()}, with only the last {@code events} events of the history. */
    public String describe(int events) {
        StringBuilder sb = new StringBuilder(message());
        if (guard != null) {
            sb.append(" (guard ").append(guard).append(')');
        }
        sb.append("\n  at ").append(seconds(ns)).append(" s on CPU ").append(cpu);
        if (task != null) {
            sb.append(", task ").append(task);
        }
        int skip = Math.max(0, history.size() - events);
        sb.append(skip == 0 ? "\n  events since the monitor started, oldest first:" : "\n  its last " + events + " events:");
        for (String h : history.subList(skip, history.size())) {
            sb.append("\n    ").append(h);
        }
        return sb.toString();
    }

    static String seconds(long ns) {
        return String.format("%d.%09d", ns / 1_000_000_000L, ns % 1_000_000_000L);
    }
}
