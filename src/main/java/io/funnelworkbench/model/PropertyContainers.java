package io.funnelworkbench.model;

import java.util.Locale;
import java.util.Set;

/**
 * The JSON objects whose fields exports mean as properties under their own names ({@code properties},
 * {@code event_properties}, {@code user_properties}, GA4's {@code event_params}...). An import names such a
 * field by its own name ({@code plan}) unless another column or container gave that name first, in which case it
 * keeps its container's prefix ({@code user_properties.plan}); a property can be asked for by either name.
 */
public final class PropertyContainers {
    public static final Set<String> NAMES = Set.of("properties", "event_properties", "user_properties",
            "group_properties", "groups", "data", "event_params", "traits");

    private PropertyContainers() {
    }

    /** {@code user_properties.plan} without its container prefix ({@code plan}); null when it has none. */
    public static String shortName(String name) {
        String withoutStar = name.startsWith("*.") ? name.substring(2) : name;
        int dot = withoutStar.indexOf('.');
        if (dot <= 0 || !NAMES.contains(withoutStar.substring(0, dot).toLowerCase(Locale.ROOT))) {
            return null;
        }
        return withoutStar.substring(dot + 1);
    }
}
