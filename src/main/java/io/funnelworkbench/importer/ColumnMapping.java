package io.funnelworkbench.importer;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * How the columns of a file become events: one role per column, how times are written, and the event name
 * to use for every row when the file has no event column.
 */
public record ColumnMapping(List<String> headers, List<ColumnRole> roles, TimeFormat timeFormat, String timePattern,
                            ZoneId zone, String constantEventName) {
    public ColumnMapping {
        headers = List.copyOf(headers);
        roles = List.copyOf(roles);
        if (headers.size() != roles.size()) {
            throw new IllegalArgumentException("Every column needs a role");
        }
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
        return new ColumnMapping(headers, changed, timeFormat, timePattern, zone, constantEventName);
    }

    public ColumnMapping withConstantEventName(String name) {
        return new ColumnMapping(headers, roles, timeFormat, timePattern, zone,
                name == null || name.isBlank() ? null : name.strip());
    }

    public ColumnMapping withTime(TimeFormat format, String pattern, ZoneId newZone) {
        return new ColumnMapping(headers, roles, format, pattern, newZone, constantEventName);
    }

    /** Why this mapping cannot import anything, or null when it can. */
    public String problem() {
        if (columnOf(ColumnRole.USER) < 0) {
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
