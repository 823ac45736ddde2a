package org.preemptsim.workload.scenario;

/**
 * Bad input: one error with its place ({@link Where}) and, where one helps, a hint. It is raised
 * before anything runs, so bad input never produces numbers. {@link #getMessage()} is the text the
 * command line prints:
 * <pre>
 * bad.yaml:12:22: error: spin_unlock of 'dev_lock', which this program never locked (at tasks[2].program[4].spin_unlock)
 *   hint: lock it earlier in the program with '- spin_lock: dev_lock'
 * </pre>
 */
public final class ScenarioError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Where where;
    private final String problem;
    private final String hint;

    public ScenarioError(Where where, String problem, String hint) {
        super(format(where, problem, hint), null, false, false);
        this.where = where;
        this.problem = problem;
        this.hint = hint;
    }

    public ScenarioError(Where where, String problem) {
        this(where, problem, null);
    }

    private static String format(Where w, String problem, String hint) {
        StringBuilder sb = new StringBuilder();
        if (w != null) {
            sb.append(w.file());
            if (w.line() > 0) {
                sb.append(':').append(w.line()).append(':').append(w.col());
            }
            sb.append(": ");
        }
        sb.append("error: ").append(problem);
        if (w != null && !w.path().isEmpty()) {
            sb.append(" (at ").append(w.path()).append(')');
        }
        if (hint != null) {
            sb.append("\n  hint: ").append(hint);
        }
        return sb.toString();
    }

    public Where where() {
        return where;
    }

    /** The problem alone, without place or hint. */
    public String problem() {
        return problem;
    }

    public String hint() {
        return hint;
    }
}
