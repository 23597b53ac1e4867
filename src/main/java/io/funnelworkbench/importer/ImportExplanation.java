package io.funnelworkbench.importer;

import io.funnelworkbench.store.EventWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How an import read its file, in the words the summary uses: the format it recognised, the column (or rule)
 * used for the user, event, time and session, how duplicates and identities were handled, and a warning when
 * one user id holds a suspicious share of the rows (a placeholder nobody listed).
 *
 * @param stitchedAnonymous anonymous ids whose rows were given to a user id
 * @param stitchedUsers     user ids that received them
 * @param otherCalls        records that are no event (Segment group calls), counted and not imported
 */
public record ImportExplanation(String format, String user, String event, String time, String session,
                                String duplicates, IdentityRule identity, long fallbackRows,
                                Map<String, Long> placeholders, long stitchedAnonymous, long stitchedUsers,
                                long identityCalls, long otherCalls, long duplicatesSkipped, int propertiesCreated,
                                String warning) {
    /**
     * One id holding more than this share of the rows and {@link #MEDIAN_MULTIPLE} times the median user is
     * suspect.
     */
    static final double SUSPICIOUS_SHARE = 0.05;
    static final int MEDIAN_MULTIPLE = 20;

    static ImportExplanation of(FilePreview preview, ColumnMapping mapping, RowReader reader, int[] stitched,
                                EventWriter writer) {
        Identities identities = reader.identities;
        long[] stitchedCounts = stitched == null ? new long[2] : identities.stitched(stitched);
        return new ImportExplanation(format(preview, mapping), userRule(mapping), eventRule(mapping),
                timeRule(preview, mapping), column(mapping, ColumnRole.SESSION, "none"), duplicateRule(mapping),
                mapping.identity(), identities.fallbackRows(), Map.copyOf(identities.placeholders()),
                stitchedCounts[0], stitchedCounts[1], identities.identityCalls(), reader.otherCalls,
                reader.duplicates, writer.newProperties(),
                suspiciousUser(identities.rowsPerUser(stitched), writer));
    }

    private static String format(FilePreview preview, ColumnMapping mapping) {
        String shape = preview.format().describe();
        return mapping.schema() == null ? shape : mapping.schema().label() + " (" + shape + ")";
    }

    private static String column(ColumnMapping mapping, ColumnRole role, String none) {
        int column = mapping.columnOf(role);
        return column < 0 ? none : mapping.headers().get(column);
    }

    private static String userRule(ColumnMapping mapping) {
        String user = column(mapping, ColumnRole.USER, null);
        String anonymous = column(mapping, ColumnRole.ANONYMOUS_ID, null);
        if (user == null) {
            return anonymous;
        }
        return anonymous == null ? user : user + ", else " + anonymous;
    }

    private static String eventRule(ColumnMapping mapping) {
        int column = mapping.columnOf(ColumnRole.EVENT);
        return column >= 0 ? mapping.headers().get(column) : "'" + mapping.constantEventName() + "' for every row";
    }

    private static String timeRule(FilePreview preview, ColumnMapping mapping) {
        String how = preview.timeDescription(mapping);
        StringBuilder rule = new StringBuilder(mapping.headers().get(mapping.columnOf(ColumnRole.TIME)));
        rule.append(how.isEmpty() ? "" : " (" + how + ")");
        mapping.timeFallbacks().forEach(c -> rule.append(", else ").append(mapping.headers().get(c)));
        return rule.toString();
    }

    private static String duplicateRule(ColumnMapping mapping) {
        int column = mapping.columnOf(ColumnRole.INSERT_ID);
        return column < 0 ? "none (no de-duplication id column)"
                : mapping.headers().get(column) + ": rows with " + mapping.duplicateRule().description();
    }

    /** A sentence when one user holds over 5% of the rows and 20 times the median user's rows; else null. */
    static String suspiciousUser(int[] rowsPerUser, EventWriter writer) {
        long total = 0;
        int top = -1;
        int[] counts = Arrays.stream(rowsPerUser).filter(c -> c > 0).sorted().toArray();
        for (int user = 0; user < rowsPerUser.length; user++) {
            total += rowsPerUser[user];
            if (rowsPerUser[user] > 0 && (top < 0 || rowsPerUser[user] > rowsPerUser[top])) {
                top = user;
            }
        }
        if (counts.length < 3) {
            return null;
        }
        int median = counts[counts.length / 2];
        int most = rowsPerUser[top];
        if (most <= total * SUSPICIOUS_SHARE || most < (long) MEDIAN_MULTIPLE * median) {
            return null;
        }
        return String.format(Locale.ROOT, "One user id, '%s', holds %,d of the %,d events (%.0f%%), %,d times as"
                + " many as the median user. If it stands for visitors without an id (a placeholder), its events are"
                + " many people counted as one: check the export's user column.", writer.users().get(top), most,
                total, 100.0 * most / total, most / Math.max(1, median));
    }

    /** One line of the explanation: "User" and "user_id, else device_id". */
    public record Line(String label, String value) {
        @Override
        public String toString() {
            return label + ": " + value;
        }
    }

    /** The summary's lines, as the wizard and the command line show them. */
    public List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("Read as", format));
        lines.add(new Line("User", user + (fallbackRows > 0 ? String.format(Locale.ROOT, " (%,d rows had no user id"
                + " and used the anonymous id)", fallbackRows) : "")));
        lines.add(new Line("Event", event));
        lines.add(new Line("Time", time));
        lines.add(new Line("Session", session));
        if (!placeholders.isEmpty()) {
            lines.add(new Line("Placeholder ids (read as no id)", placeholders.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> String.format(Locale.ROOT, "'%s' (%,d)", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "))));
        }
        if (stitchedAnonymous > 0) {
            lines.add(new Line("Identity (" + identity.option() + ")", String.format(Locale.ROOT, "%,d anonymous"
                    + " %s linked to %,d signed-in %s", stitchedAnonymous,
                    stitchedAnonymous == 1 ? "visitor" : "visitors", stitchedUsers,
                    stitchedUsers == 1 ? "user" : "users")));
        } else if (user.contains(", else ")) {
            lines.add(new Line("Identity (" + identity.option() + ")", identity == IdentityRule.ROW
                    ? "each row is its own user id, else its anonymous id"
                    : "no anonymous id was linked to a user id"));
        }
        if (identityCalls > 0 || otherCalls > 0) {
            lines.add(new Line("Calls that are not events", String.format(Locale.ROOT, "%,d identify/alias (used"
                    + " to link ids), %,d other (not imported)", identityCalls, otherCalls)));
        }
        lines.add(new Line("Duplicates", duplicates.startsWith("none") && duplicatesSkipped == 0 ? duplicates
                : String.format(Locale.ROOT, "%s; %,d skipped", duplicates, duplicatesSkipped)));
        lines.add(new Line("Properties created", String.format(Locale.ROOT, "%,d", propertiesCreated)));
        if (warning != null) {
            lines.add(new Line("Warning", warning));
        }
        return lines;
    }
}
