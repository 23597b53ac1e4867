package io.funnelworkbench.text;

import io.funnelworkbench.analysis.PropertyCatalog;
import java.util.List;

/** How a property is described where one is chosen: which events carry it (docs/SCREENS.md, "Breakdown list"). */
public final class PropertyText {
    /** Events named before "and N more": enough to recognise a property, short enough for one line. */
    static final int EVENTS_NAMED = 3;

    private PropertyText() {
    }

    /** "on every event", "on purchase, add_to_cart", "on view, cart, buy and 4 more", or "on no event". */
    public static String carriedBy(PropertyCatalog.Entry entry) {
        if (entry.onEveryEvent()) {
            return "on every event";
        }
        List<String> events = entry.events();
        if (events.isEmpty()) {
            return "on no event";
        }
        String named = String.join(", ", events.subList(0, Math.min(EVENTS_NAMED, events.size())));
        int more = events.size() - EVENTS_NAMED;
        return "on " + named + (more > 0 ? " and " + Numbers.count(more) + " more" : "");
    }
}
