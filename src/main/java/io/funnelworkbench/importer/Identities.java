package io.funnelworkbench.importer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who the rows of one import belong to (docs/IMPORT-FORMATS.md, "Identity"): placeholder ids are missing,
 * a row without a real user id falls back to its anonymous id, and links between an anonymous id and a user id
 * are kept so that, stitched, all of the anonymous id's rows go to the user it was first linked to. Ids are the
 * users dictionary's numbers.
 */
public final class Identities {
    /** Values exports write for "no id"; compared without case. */
    public static final Set<String> PLACEHOLDERS = Set.of("", "na", "n/a", "null", "none", "undefined", "nan",
            "(not set)", "-", "0", "anonymous", "unknown");
    private static final int LONGEST_PLACEHOLDER = 9;

    private final Map<String, Long> placeholders = new TreeMap<>();
    private long fallbackRows;
    private int[] linkedTo = new int[0];
    private long[] linkTime = new long[0];
    private int[] rowsOf = new int[1024];
    private long identityCalls;

    Identities() {
    }

    /** The placeholders as lower-case ASCII bytes, for a comparison without a String per row. */
    private static final byte[][] PLACEHOLDER_BYTES = PLACEHOLDERS.stream().filter(p -> !p.isEmpty())
            .map(p -> p.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    /** True when bytes {@code from..to} are a placeholder such as {@code NA} or {@code (not set)}; counts it. */
    boolean isPlaceholder(byte[] bytes, int from, int to) {
        if (from == to) {
            return true;
        }
        if (to - from > LONGEST_PLACEHOLDER || !matchesPlaceholder(bytes, from, to)) {
            return false;
        }
        placeholders.merge(new String(bytes, from, to - from, StandardCharsets.UTF_8), 1L, Long::sum);
        return true;
    }

    private static boolean matchesPlaceholder(byte[] bytes, int from, int to) {
        for (byte[] placeholder : PLACEHOLDER_BYTES) {
            if (placeholder.length == to - from && equalsIgnoringCase(bytes, from, placeholder)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsIgnoringCase(byte[] bytes, int from, byte[] lowerCase) {
        for (int i = 0; i < lowerCase.length; i++) {
            int b = bytes[from + i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }

    /** An empty session id, a placeholder, or Amplitude's -1 (an event outside any session) is no session. */
    public static boolean noSession(byte[] bytes, int from, int to) {
        if (to - from > LONGEST_PLACEHOLDER) {
            return false;
        }
        String value = new String(bytes, from, to - from, StandardCharsets.UTF_8).strip();
        return value.equals("-1") || PLACEHOLDERS.contains(value.toLowerCase(Locale.ROOT));
    }

    void countFallback() {
        fallbackRows++;
    }

    void countIdentityCall() {
        identityCalls++;
    }

    void countRow(int user) {
        if (user >= rowsOf.length) {
            rowsOf = Arrays.copyOf(rowsOf, Math.max(user + 1, rowsOf.length * 2));
        }
        rowsOf[user]++;
    }

    /** Records that {@code anonymous} is {@code user} as of {@code time}; the earliest link of an anonymous id wins. */
    void link(int anonymous, int user, long time) {
        if (anonymous == user) {
            return;
        }
        if (anonymous >= linkedTo.length) {
            int size = Math.max(anonymous + 1, linkedTo.length * 2);
            int old = linkedTo.length;
            linkedTo = Arrays.copyOf(linkedTo, size);
            linkTime = Arrays.copyOf(linkTime, size);
            Arrays.fill(linkedTo, old, size, -1);
        }
        if (linkedTo[anonymous] < 0 || time < linkTime[anonymous]) {
            linkedTo[anonymous] = user;
            linkTime[anonymous] = time;
        }
    }

    boolean hasLinks() {
        for (int user : linkedTo) {
            if (user >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Who each user id's rows belong to once stitched; a chain (a device linked to an id that is itself linked)
     * is followed to its end, and a cycle stops where it would repeat.
     */
    int[] canonical() {
        int[] canonical = new int[linkedTo.length];
        for (int user = 0; user < canonical.length; user++) {
            int target = user;
            for (int hops = 0; hops < 8 && target < linkedTo.length && linkedTo[target] >= 0
                    && linkedTo[target] != user; hops++) {
                target = linkedTo[target];
            }
            canonical[user] = target;
        }
        return canonical;
    }

    long fallbackRows() {
        return fallbackRows;
    }

    long identityCalls() {
        return identityCalls;
    }

    Map<String, Long> placeholders() {
        return placeholders;
    }

    /** Rows per user id after stitching with {@code canonical} (null: as read). */
    int[] rowsPerUser(int[] canonical) {
        if (canonical == null) {
            return rowsOf;
        }
        int[] merged = new int[rowsOf.length];
        for (int user = 0; user < rowsOf.length; user++) {
            merged[user < canonical.length ? canonical[user] : user] += rowsOf[user];
        }
        return merged;
    }

    /** Anonymous ids with rows that were given to a user, and how many users received them. */
    long[] stitched(int[] canonical) {
        long anonymous = 0;
        BitSet receivers = new BitSet();
        for (int user = 0; user < canonical.length; user++) {
            if (canonical[user] != user && user < rowsOf.length && rowsOf[user] > 0) {
                anonymous++;
                receivers.set(canonical[user]);
            }
        }
        return new long[] {anonymous, receivers.cardinality()};
    }
}
