package org.preemptsim.workload.scenario;

/**
 * Where a value was written: file, 1-based line and column, and its path from the document root
 * ({@code tasks[2].program[4].spin_unlock}; empty for the root).
 */
public record Where(String file, int line, int col, String path) {

    public Where key(String key, int keyLine, int keyCol) {
        return new Where(file, keyLine, keyCol, path.isEmpty() ? key : path + "." + key);
    }

    public Where index(int i, int itemLine, int itemCol) {
        return new Where(file, itemLine, itemCol, path + "[" + i + "]");
    }

    /** The same place under another path (a value reached through a key). */
    public Where at(int l, int c) {
        return new Where(file, l, c, path);
    }

    /** {@code file:line}, the origin kernel-bug reports print for a program step. */
    public String origin() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + col + (path.isEmpty() ? "" : " (" + path + ")");
    }
}
