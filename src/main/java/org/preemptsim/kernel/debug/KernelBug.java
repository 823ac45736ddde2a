package org.preemptsim.kernel.debug;

/**
 * A report of one of the kernel's debug checks. It stops the run: the model's result becomes the
 * report instead of numbers. The first line uses the kernel's own words.
 */
public final class KernelBug extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String headline;
    private final String details;

    public KernelBug(String headline, String details) {
        super(headline + "\n" + details, null, false, false);
        this.headline = headline;
        this.details = details;
    }

    /** The kernel's first line, e.g. "BUG: scheduling while atomic: worker/3/0x00000002". */
    public String headline() {
        return headline;
    }

    /** Where: CPU, time, task and program step. */
    public String details() {
        return details;
    }

    public String report() {
        return headline + "\n" + details;
    }
}
