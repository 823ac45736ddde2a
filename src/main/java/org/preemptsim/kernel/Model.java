package org.preemptsim.kernel;

import java.util.List;

/**
 * A preemption model: a build plus the mode it runs in. The five names {@code compare} runs are
 * none, voluntary, full, lazy (PREEMPT_DYNAMIC in that mode, or the static build with
 * {@code build: static}) and rt (PREEMPT_RT in full mode); rt-lazy is the RT build in lazy mode.
 */
public record Model(String name, Build build, Mode mode) {

    public static final List<String> DEFAULT_NAMES = List.of("none", "voluntary", "full", "lazy", "rt");
    public static final List<String> ALL_NAMES = List.of("none", "voluntary", "full", "lazy", "rt", "rt-lazy");

    /**
     * Resolves a model name. {@code staticBuild} selects the static CONFIG_PREEMPT_* kernel instead
     * of PREEMPT_DYNAMIC for none/voluntary/full/lazy.
     */
    public static Model of(String name, boolean staticBuild) {
        switch (name) {
            case "none":
                return new Model(name, staticBuild ? Build.STATIC_NONE : Build.DYNAMIC, Mode.NONE);
            case "voluntary":
                return new Model(name, staticBuild ? Build.STATIC_VOLUNTARY : Build.DYNAMIC, Mode.VOLUNTARY);
            case "full":
                return new Model(name, staticBuild ? Build.STATIC_PREEMPT : Build.DYNAMIC, Mode.FULL);
            case "lazy":
                return new Model(name, staticBuild ? Build.STATIC_LAZY : Build.DYNAMIC, Mode.LAZY);
            case "rt":
                return new Model(name, Build.RT, Mode.FULL);
            case "rt-lazy":
                return new Model(name, Build.RT, Mode.LAZY);
            default:
                throw new IllegalArgumentException("unknown model '" + name + "' (none, voluntary, full, lazy, rt, rt-lazy)");
        }
    }

    public static Model of(String name) {
        return of(name, false);
    }
}
