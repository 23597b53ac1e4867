package io.funnelworkbench.importer;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the columns of a file become events: one role per column, how times are written, the event name to use
 * for every row when the file has no event column, the export's tool when it was recognised (null otherwise),
 * and how rows with both a user id and an anonymous id are attributed.
 */
public record ColumnMapping(List<String> headers, List<ColumnRole> roles, TimeFormat timeFormat, String timePattern,
                            ZoneId zone, String constantEventName, ExportSchema schema, IdentityRule identity) {
    public ColumnMapping {
        headers = List.copyOf(headers);
        roles = List.copyOf(roles);
        if (headers.size() != roles.size()) {
            throw new IllegalArgumentException("Every column needs a role");
        }
        identity = identity == null ? IdentityRule.STITCHED : identity;
    }

    public int columnOf(ColumnRole role) {
        return roles.indexOf(role);
    }

    public ColumnMapping withRole(int column, ColumnRole role) {
        List<ColumnRole> changed = new ArrayList<>(roles);
        if (role.unique()) {
            int previous = changed.indexOf(role);
            if (previous >= 0 && previous != column) {
                changed.set(previous, ColumnRole.PROPERTY);
            }
        }
        changed.set(column, role);
        return new ColumnMapping(headers, changed, timeFormat, timePattern, zone, constantEventName, schema, identity);
    }

    public ColumnMapping withConstantEventName(String name) {
        return new ColumnMapping(headers, roles, timeFormat, timePattern, zone,
                name == null || name.isBlank() ? null : name.strip(), schema, identity);
    }

    public ColumnMapping withTime(TimeFormat format, String pattern, ZoneId newZone) {
        return new ColumnMapping(headers, roles, format, pattern, newZone, constantEventName, schema, identity);
    }

    public ColumnMapping withIdentity(IdentityRule rule) {
        return new ColumnMapping(headers, roles, timeFormat, timePattern, zone, constantEventName, schema, rule);
    }

    /** Which repeated rows are skipped: the recognised tool's rule, else the de-duplication id alone. */
    public DuplicateRule duplicateRule() {
        return schema == null ? DuplicateRule.INSERT_ID : schema.duplicates();
    }

    /**
     * The property a column is stored as: its header, without PostHog's {@code *.} and without a property
     * container's prefix ({@code properties.$browser} is {@code $browser}) unless another column has that name.
     */
    public String propertyName(int column) {
        String name = withoutStar(headers.get(column));
        int dot = name.indexOf('.');
        if (dot > 0 && JsonFields.CONTAINERS.contains(ColumnMapper.normalise(name.substring(0, dot)))) {
            String shortName = name.substring(dot + 1);
            Set<String> others = new HashSet<>();
            for (int c = 0; c < headers.size(); c++) {
                if (c != column) {
                    others.add(withoutStar(headers.get(c)));
                }
            }
            return others.contains(shortName) ? name : shortName;
        }
        return name;
    }

    private static String withoutStar(String header) {
        return header.startsWith("*.") ? header.substring(2) : header;
    }

    /**
     * The columns a row's time falls back to when its time column is empty: the later ones among those the
     * recognised tool documents for the time (Snowplow: {@code derived_tstamp}, else {@code dvce_created_tstamp},
     * else {@code collector_tstamp}), when the time column is one of them.
     */
    public List<Integer> timeFallbacks() {
        int time = columnOf(ColumnRole.TIME);
        if (schema == null || time < 0) {
            return List.of();
        }
        List<String> documented = schema.columnsFor(ColumnRole.TIME);
        int rank = documented.indexOf(ColumnMapper.normalise(headers.get(time)));
        if (rank < 0) {
            return List.of();
        }
        List<Integer> fallbacks = new ArrayList<>();
        for (String name : documented.subList(rank + 1, documented.size())) {
            for (int c = 0; c < headers.size(); c++) {
                if (c != time && ColumnMapper.normalise(headers.get(c)).equals(name) && !fallbacks.contains(c)) {
                    fallbacks.add(c);
                }
            }
        }
        return fallbacks;
    }

    /** Why this mapping cannot import anything, or null when it can. */
    public String problem() {
        if (columnOf(ColumnRole.USER) < 0 && columnOf(ColumnRole.ANONYMOUS_ID) < 0) {
            return "No column is mapped to User. Choose the column that identifies the visitor or customer.";
        }
        if (columnOf(ColumnRole.TIME) < 0) {
            return "No column is mapped to Time. Choose the column with the event's date and time.";
        }
        if (columnOf(ColumnRole.EVENT) < 0 && constantEventName == null) {
            return "No column is mapped to Event name. Choose one, or give an event name for every row.";
        }
        return null;
    }
}
