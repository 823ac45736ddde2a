package org.preemptsim.trace;

/** x86 vector events as named by arch/x86/include/asm/trace/irq_vectors.h. */
public final class Vectors {

    private Vectors() {
    }

    public static final int LOCAL_TIMER = 0xec;
    public static final int RESCHEDULE = 0xfd;
    public static final int CALL_FUNCTION_SINGLE = 0xfb;
    public static final int CALL_FUNCTION = 0xfc;
    public static final int IRQ_WORK = 0xf6;

    /** The event name prefix: local_timer, reschedule, call_function_single ... */
    public static String name(int vector) {
        switch (vector) {
            case LOCAL_TIMER:
                return "local_timer";
            case RESCHEDULE:
                return "reschedule";
            case CALL_FUNCTION_SINGLE:
                return "call_function_single";
            case CALL_FUNCTION:
                return "call_function";
            case IRQ_WORK:
                return "irq_work";
            default:
                return "vector_" + Integer.toHexString(vector);
        }
    }
}
