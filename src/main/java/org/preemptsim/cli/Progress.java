package org.preemptsim.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/** A progress line on stderr for runs longer than about two seconds, only when attached to a terminal. */
final class Progress {

    private static final long SHOW_AFTER_NS = 2_000_000_000L;

    private final PrintWriter err;
    private final int total;
    private final AtomicInteger done = new AtomicInteger();
    private final boolean tty = System.console() != null;
    private final long start = System.nanoTime();
    private volatile boolean shown;

    Progress(PrintWriter err, int total) {
        this.err = err;
        this.total = total;
    }

    void done() {
        int d = done.incrementAndGet();
        if (tty && System.nanoTime() - start > SHOW_AFTER_NS) {
            synchronized (err) {
                err.print("\r" + d + "/" + total + " models done");
                err.flush();
                shown = true;
            }
        }
    }

    void end() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
