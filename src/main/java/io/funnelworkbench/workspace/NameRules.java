package io.funnelworkbench.workspace;

import java.util.List;
import java.util.Locale;

/**
 * When two goal or funnel names are the same, and the sentences that say so. Names are compared without the
 * spaces around them and without regard to case, so "Purchase" and " purchase" cannot both exist: a marketer
 * reading a list could not tell them apart.
 */
public final class NameRules {
    private NameRules() {
    }

    /** What names are compared by. */
    public static String key(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    public static boolean same(String name, String other) {
        return key(name).equals(key(other));
    }

    public static String goalNeedsName() {
        return "Give the goal a name.";
    }

    public static String goalExists(String name) {
        return "A goal named “" + name.strip() + "” exists already.";
    }

    public static String noGoal(String name, String project) {
        return "There is no goal named “" + name + "” in " + project + ".";
    }

    static String goalInUse(String goal, List<String> funnels) {
        return "The goal “" + goal + "” is used by the saved " + funnelsNamed(funnels)
                + ", which cannot be computed without it.";
    }

    public static String funnelNeedsName() {
        return "A funnel needs a name.";
    }

    public static String funnelExists(String name) {
        return "A saved funnel named “" + name.strip() + "” exists already.";
    }

    public static String noFunnel(String name, String project) {
        return "There is no saved funnel named “" + name + "” in " + project + ".";
    }

    /** "funnel “A”" or "funnels “A”, “B” and “C”". */
    public static String funnelsNamed(List<String> funnels) {
        List<String> quoted = funnels.stream().map(name -> "“" + name + "”").toList();
        String joined = quoted.size() == 1 ? quoted.get(0)
                : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
        return (funnels.size() == 1 ? "funnel " : "funnels ") + joined;
    }
}
