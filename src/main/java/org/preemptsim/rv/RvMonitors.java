package org.preemptsim.rv;

import org.preemptsim.kernel.Build;

import java.util.ArrayList;
import java.util.List;

/** The kernel's RV monitors this simulator implements, by name. */
public final class RvMonitors {

    private RvMonitors() {
    }

    /** Every monitor, in the order reports list them. */
    public static final List<String> NAMES = List.of(Wip.NAME, Wwnr.NAME, Sco.NAME, Snroc.NAME, Scpd.NAME, Snep.NAME,
        Sncid.NAME, Tss.NAME, Sts.NAME, Nrp.NAME, Sssw.NAME, Opid.NAME);

    /** A fresh monitor for a kernel built as {@code build}. */
    public static DaMonitor create(String name, Build build) {
        switch (name) {
            case Wip.NAME:
                return new Wip();
            case Wwnr.NAME:
                return new Wwnr();
            case Sco.NAME:
                return new Sco();
            case Snroc.NAME:
                return new Snroc();
            case Scpd.NAME:
                return new Scpd();
            case Snep.NAME:
                return new Snep();
            case Sncid.NAME:
                return new Sncid();
            case Tss.NAME:
                return new Tss();
            case Sts.NAME:
                return new Sts();
            case Nrp.NAME:
                return new Nrp();
            case Sssw.NAME:
                return new Sssw();
            case Opid.NAME:
                return new Opid(build.preemption());
            default:
                throw new IllegalArgumentException("unknown RV monitor '" + name + "' (" + String.join(", ", NAMES) + ")");
        }
    }

    /** Fresh instances of the named monitors that a kernel built as {@code build} can have. */
    public static List<DaMonitor> buildable(List<String> names, Build build) {
        List<DaMonitor> out = new ArrayList<>();
        for (String n : names) {
            DaMonitor m = create(n, build);
            if (m.buildable(build.preemption())) {
                out.add(m);
            }
        }
        return out;
    }
}
