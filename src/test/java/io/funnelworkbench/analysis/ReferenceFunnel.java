package io.funnelworkbench.analysis;

import io.funnelworkbench.model.Condition;
import io.funnelworkbench.model.MatchRule;
import io.funnelworkbench.model.Operator;
import io.funnelworkbench.model.OrderMode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A deliberately simple, slow reference implementation of the per-user funnel semantics of
 * {@code FUNNEL-SEMANTICS.md}, used to check the fast {@link FunnelEngine} on small random logs.
 *
 * <p>Everything is brute force: for every attempt it tries every assignment of distinct events to steps.
 * Nothing here is shared with the engine; it works on plain {@link Ev} records in import order.
 */
final class ReferenceFunnel {
    static final long MICROS_PER_DAY = 86_400_000_000L;

    /** One event as imported: {@code importIndex} is its position in the file (0-based). */
    record Ev(int importIndex, String user, String name, long time, Map<String, String> props) {
        String prop(String property) {
            String v = props.get(property);
            // The builder (and the importer) treat an empty value as missing.
            return v == null || v.isEmpty() ? null : v;
        }

        @Override
        public String toString() {
            return user + ":" + name + "@" + time + (props.isEmpty() ? "" : props.toString());
        }
    }

    /**
     * The answer for one user. {@code stepTimes[i]} is the time of the event used for step i+1 in the counted
     * attempt ({@code stepTimes.length == furthest}); {@code entryTime} is the counted attempt's step-1 time
     * (null when the user is not in the funnel); {@code exclusionHit} says an exclusion applied.
     */
    record Answer(int furthest, boolean excluded, long[] stepTimes, boolean stillInWindow, Long entryTime,
                  boolean exclusionHit) {
        @Override
        public String toString() {
            return "furthest=" + furthest + " excluded=" + excluded + " stepTimes=" + Arrays.toString(stepTimes)
                    + " stillInWindow=" + stillInWindow;
        }
    }

    private final List<Ev> events;
    private final long lastTime;

    ReferenceFunnel(List<Ev> eventsInImportOrder) {
        this.events = List.copyOf(eventsInImportOrder);
        this.lastTime = events.stream().mapToLong(Ev::time).max().orElse(0);
    }

    /**
     * Every user's answer, keyed by user id, users in order of first appearance. Counted by account
     * ({@code spec.countBy()}), every account's answer instead, keyed by its value: "every event with a non-empty
     * value of the property belongs to that account, events without a value are left out, and all events of one
     * account form one stream (time, then import order) to which every funnel rule applies as to a user".
     */
    Map<String, Answer> run(FunnelSpec spec) {
        Map<String, List<Ev>> byUser = new LinkedHashMap<>();
        for (Ev e : events) {
            String unit = spec.countBy() == null ? e.user() : e.prop(spec.countBy());
            if (unit != null) {
                byUser.computeIfAbsent(unit, u -> new ArrayList<>()).add(e);
            }
        }
        Map<String, Answer> answers = new LinkedHashMap<>();
        byUser.forEach((user, list) -> {
            // "Events of one user are ordered by timestamp; among events with equal timestamps, the import
            // order (file, then line) breaks the tie". List.sort is stable and the list is in import order.
            List<Ev> stream = new ArrayList<>(list);
            stream.sort(Comparator.comparingLong(Ev::time));
            answers.put(user, spec.order() == OrderMode.ANY ? anyOrder(stream, spec) : ordered(stream, spec));
        });
        return answers;
    }

    // ------------------------------------------------------------------------------------------------------
    // Optional steps (ordered modes)
    // ------------------------------------------------------------------------------------------------------

    /**
     * "The required steps form the funnel by the rules above, as if the optional steps were absent": the funnel
     * of the required steps alone, exclusions renumbered among them.
     */
    static FunnelSpec requiredOnly(FunnelSpec spec) {
        List<FunnelSpec.Step> required = new ArrayList<>();
        int[] number = new int[spec.steps().size() + 1];
        for (int i = 0; i < spec.steps().size(); i++) {
            FunnelSpec.Step step = spec.steps().get(i);
            if (!step.optional()) {
                required.add(new FunnelSpec.Step(step.name(), step.rule(), step.value()));
                number[i + 1] = required.size();
            }
        }
        List<FunnelSpec.ExclusionSpec> exclusions = spec.exclusions().stream()
                .map(x -> new FunnelSpec.ExclusionSpec(x.name(), x.rule(), number[x.fromStep()], number[x.toStep()],
                        x.dropFromThatPoint())).toList();
        return new FunnelSpec(required, spec.window(), spec.order(), exclusions, spec.breakdownProperty(),
                spec.attribution(), spec.entryFrom(), spec.entryTo(), spec.trendPeriod());
    }

    /**
     * Per user, per optional step (in step order): whether the counted attempt of the required steps did it. "An
     * optional step j between required steps a and b counts the users whose counted attempt has an event matching
     * j, different from the attempt's step events, at or after the attempt's step-a event and at or before its
     * step-b event (if the user reached b; otherwise within the window)." The attempt is known by its step times;
     * when events at one instant could serve its steps either way, any such choice is the same attempt, so an
     * event counts when some choice leaves it free.
     */
    Map<String, boolean[]> optionalDone(FunnelSpec spec) {
        FunnelSpec required = requiredOnly(spec);
        Map<String, Answer> answers = run(required);
        long w = windowMicros(spec);
        Map<String, boolean[]> done = new LinkedHashMap<>();
        answers.forEach((user, answer) -> {
            List<Ev> stream = events.stream().filter(e -> e.user().equals(user)).toList();
            List<Boolean> flags = new ArrayList<>();
            int requiredBefore = 0;
            for (FunnelSpec.Step step : spec.steps()) {
                if (!step.optional()) {
                    requiredBefore++;
                    continue;
                }
                int a = requiredBefore;
                long[] times = answer.stepTimes();
                boolean did = false;
                if (answer.furthest() >= a && a >= 1) {
                    long after = times[a - 1];
                    long upTo = answer.furthest() > a ? times[a] : times[0] + w;
                    for (Ev e : stream) {
                        if (matches(step.rule(), e) && e.time() >= after && e.time() <= upTo
                                && attemptWithout(stream, required, times, 0, e, new HashSet<>())) {
                            did = true;
                            break;
                        }
                    }
                }
                flags.add(did);
            }
            boolean[] array = new boolean[flags.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = flags.get(i);
            }
            done.put(user, array);
        });
        return done;
    }

    /** Whether steps {@code k..} can each take a distinct event, not {@code free} nor used, at their times. */
    private static boolean attemptWithout(List<Ev> stream, FunnelSpec required, long[] times, int k, Ev free,
                                          Set<Ev> used) {
        if (k == times.length) {
            return true;
        }
        for (Ev e : stream) {
            if (e != free && !used.contains(e) && e.time() == times[k]
                    && matches(required.steps().get(k).rule(), e)) {
                used.add(e);
                boolean ok = attemptWithout(stream, required, times, k + 1, free, used);
                used.remove(e);
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------------
    // Sequential and strict order
    // ------------------------------------------------------------------------------------------------------

    private Answer ordered(List<Ev> stream, FunnelSpec spec) {
        int k = spec.steps().size();
        long w = windowMicros(spec);
        // "A user may make several attempts (several step-1 events)." The entry range "bounds entry only: an
        // attempt counts when its step-1 event lies in the range".
        int bestFurthest = 0;
        long[] bestTimes = null;
        for (int i = 0; i < stream.size(); i++) {
            Ev first = stream.get(i);
            if (!matches(spec.steps().get(0).rule(), first) || !inEntryRange(first.time(), spec)) {
                continue;
            }
            long[] times = bestChain(stream, spec, i, w);
            // "The furthest step reached by any attempt counts. Times to convert are reported for the attempt
            // that got furthest; among equals, the earliest." Attempts are visited in time order, so a later
            // attempt replaces the one kept only when it gets further. Several attempts may start at the same
            // instant; since "equal timestamps" are not ordered by import order for the funnel, the earliest of
            // those is the one whose step times are earliest (lexicographically), whatever the file order.
            if (times.length > bestFurthest || times.length == bestFurthest && times[0] == bestTimes[0]
                    && Arrays.compare(times, bestTimes) < 0) {
                bestFurthest = times.length;
                bestTimes = times;
            }
        }
        if (bestFurthest == 0) {
            // "Users with no step-1 event are not in the funnel."
            return new Answer(0, false, new long[0], false, null, false);
        }
        long entry = bestTimes[0];
        int furthest = bestFurthest;
        boolean excluded = false;
        boolean hit = false;
        // Exclusions are judged on the counted attempt, computed ignoring exclusions (engine decision).
        for (FunnelSpec.ExclusionSpec x : spec.exclusions()) {
            if (exclusionHits(stream, x, bestTimes, entry, w)) {
                hit = true;
                if (x.dropFromThatPoint()) {
                    // "Option 'drop from that point': the user still counts for the steps up to a (Mixpanel)."
                    furthest = Math.min(furthest, x.fromStep());
                } else {
                    // "Default: a user ... is removed from the whole funnel (PostHog)."
                    excluded = true;
                }
            }
        }
        if (excluded) {
            return new Answer(0, true, new long[0], false, null, true);
        }
        long[] times = Arrays.copyOf(bestTimes, furthest);
        // Still in window: did not reach the last step and step-1 time + W is after the last event of the log.
        boolean still = furthest < k && entry + w > lastTime;
        return new Answer(furthest, false, times, still, entry, hit);
    }

    /**
     * The attempt starting at {@code stream.get(start)}: the times of the best chain, i.e. the longest chain, and
     * among the longest the lexicographically smallest times ("each step uses the earliest event that matches it
     * at or after the previous step's event").
     */
    private long[] bestChain(List<Ev> stream, FunnelSpec spec, int start, long w) {
        int k = spec.steps().size();
        boolean[] used = new boolean[stream.size()];
        used[start] = true;
        long[] current = new long[k];
        current[0] = stream.get(start).time();
        long[][] best = {new long[] {current[0]}};
        extend(stream, spec, 1, start, used, current, current[0] + w, best);
        return best[0];
    }

    /** Tries every unused event for step {@code step} (0-based) after the event at {@code prev}. */
    private void extend(List<Ev> stream, FunnelSpec spec, int step, int prev, boolean[] used, long[] current,
                        long deadline, long[][] best) {
        if (step == spec.steps().size()) {
            return;
        }
        long prevTime = stream.get(prev).time();
        Set<String> tried = new HashSet<>();
        for (int e = 0; e < stream.size(); e++) {
            Ev ev = stream.get(e);
            if (used[e] || !matches(spec.steps().get(step).rule(), ev)) {
                continue;
            }
            // Only a speed-up: unused events with the same name, properties and time are interchangeable.
            if (!tried.add(ev.name() + ev.props() + "@" + ev.time())) {
                continue;
            }
            // "ts(e1) <= ts(e2) <= ... <= ts(ej)": equal timestamps may be taken in either import order
            // ("Equal timestamps advance the funnel ... both steps count, in step order").
            if (ev.time() < prevTime) {
                continue;
            }
            // "ts(ej) - ts(e1) <= W" and "The window ... is inclusive".
            if (ev.time() > deadline) {
                continue;
            }
            // Strict: "any other event of that user lying strictly after step i's event and strictly before step
            // i+1's event in time ends the attempt. Events at the same instant as either step never break the
            // chain".
            if (spec.order() == OrderMode.STRICT && anyEventStrictlyBetween(stream, prevTime, ev.time())) {
                continue;
            }
            used[e] = true;
            current[step] = ev.time();
            long[] chain = Arrays.copyOf(current, step + 1);
            if (better(chain, best[0])) {
                best[0] = chain;
            }
            extend(stream, spec, step + 1, e, used, current, deadline, best);
            used[e] = false;
        }
    }

    /** Longer wins; among equal lengths the lexicographically smaller times win. */
    private static boolean better(long[] a, long[] b) {
        if (a.length != b.length) {
            return a.length > b.length;
        }
        return Arrays.compare(a, b) < 0;
    }

    private static boolean anyEventStrictlyBetween(List<Ev> stream, long from, long to) {
        return stream.stream().anyMatch(e -> e.time() > from && e.time() < to);
    }

    /**
     * Engine decision: a user is hit when a matching event lies strictly after the counted attempt's step-a
     * event and strictly before its step-b event; when the attempt did not reach step b, strictly after step a
     * and at most W after the attempt's step-1 event.
     */
    private static boolean exclusionHits(List<Ev> stream, FunnelSpec.ExclusionSpec x, long[] times, long entry,
                                         long w) {
        int a = x.fromStep();
        int b = x.toStep();
        if (times.length < a) {
            return false;
        }
        long after = times[a - 1];
        for (Ev e : stream) {
            if (!matches(x.rule(), e) || e.time() <= after) {
                continue;
            }
            boolean inside = times.length >= b ? e.time() < times[b - 1] : e.time() <= entry + w;
            if (inside) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------------
    // Any order
    // ------------------------------------------------------------------------------------------------------

    /**
     * "Step j counts users who did at least j distinct steps, each a different event, all within W of the earliest
     * of them. Users may start at any step." Brute force: for every possible earliest event, every partial
     * assignment of distinct events in [t, t + W] to distinct steps. With an entry range, the earliest matched
     * event must lie in the range (this reference's reading of "step-1 event" for any order).
     */
    private Answer anyOrder(List<Ev> stream, FunnelSpec spec) {
        long w = windowMicros(spec);
        int best = 0;
        for (Ev start : stream) {
            long from = start.time();
            List<Ev> inWindow = stream.stream().filter(e -> e.time() >= from && e.time() <= from + w).toList();
            best = Math.max(best, assign(spec, inWindow, 0, new boolean[inWindow.size()], Long.MAX_VALUE, 0));
        }
        return new Answer(best, false, new long[0], false, null, false);
    }

    /** Largest number of steps from {@code step} on that get distinct events; {@code earliest} of those used. */
    private int assign(FunnelSpec spec, List<Ev> events, int step, boolean[] used, long earliest, int count) {
        if (step == spec.steps().size()) {
            boolean entryOk = count == 0 || inEntryRange(earliest, spec);
            return entryOk ? count : 0;
        }
        int best = assign(spec, events, step + 1, used, earliest, count); // skip this step
        boolean timeMatters = spec.entryFrom() != null || spec.entryTo() != null;
        Set<String> tried = new HashSet<>();
        for (int e = 0; e < events.size(); e++) {
            Ev ev = events.get(e);
            // Only a speed-up: within the window, unused events with the same name and properties (and time,
            // when an entry range makes the earliest time matter) are interchangeable.
            if (!used[e] && matches(spec.steps().get(step).rule(), ev)
                    && tried.add(ev.name() + ev.props() + (timeMatters ? "@" + ev.time() : ""))) {
                used[e] = true;
                best = Math.max(best, assign(spec, events, step + 1, used,
                        Math.min(earliest, events.get(e).time()), count + 1));
                used[e] = false;
            }
        }
        return best;
    }

    // ------------------------------------------------------------------------------------------------------
    // Matching, windows, entry range
    // ------------------------------------------------------------------------------------------------------

    static long windowMicros(FunnelSpec spec) {
        return spec.window().getSeconds() * 1_000_000L + spec.window().getNano() / 1_000;
    }

    /** "The range bounds entry only": inclusive UTC days, null leaves that end open. */
    static boolean inEntryRange(long time, FunnelSpec spec) {
        long day = Math.floorDiv(time, MICROS_PER_DAY);
        LocalDate from = spec.entryFrom();
        LocalDate to = spec.entryTo();
        return (from == null || day >= from.toEpochDay()) && (to == null || day <= to.toEpochDay());
    }

    /** "Match rule: one or more event names (OR), and zero or more property conditions (AND)". */
    static boolean matches(MatchRule rule, Ev e) {
        if (!rule.eventNames().contains(e.name())) {
            return false;
        }
        for (Condition c : rule.conditions()) {
            if (!holds(c, e.prop(c.property()))) {
                return false;
            }
        }
        return true;
    }

    /** One condition on a value that may be missing (null). Only unambiguous cases are relied on. */
    static boolean holds(Condition c, String value) {
        String want = c.value();
        switch (c.operator()) {
            case EMPTY:
                return value == null;
            case NOT_EMPTY:
                return value != null;
            default:
                break;
        }
        if (value == null) {
            return c.operator() == Operator.NOT_EQUALS;
        }
        String v = c.ignoreCase() ? value.toLowerCase() : value;
        String x = c.ignoreCase() ? want.toLowerCase() : want;
        switch (c.operator()) {
            case EQUALS:
                return v.equals(x);
            case NOT_EQUALS:
                return !v.equals(x);
            case CONTAINS:
                return v.contains(x);
            case STARTS_WITH:
                return v.startsWith(x);
            case MATCHES:
                return Pattern.compile(want, c.ignoreCase() ? Pattern.CASE_INSENSITIVE : 0).matcher(value).find();
            default:
                BigDecimal number;
                BigDecimal bound;
                try {
                    number = new BigDecimal(value.trim());
                    bound = new BigDecimal(want.trim());
                } catch (NumberFormatException notANumber) {
                    return false;
                }
                int cmp = number.compareTo(bound);
                return switch (c.operator()) {
                    case LESS -> cmp < 0;
                    case LESS_OR_EQUAL -> cmp <= 0;
                    case GREATER -> cmp > 0;
                    case GREATER_OR_EQUAL -> cmp >= 0;
                    default -> throw new IllegalStateException(c.operator().toString());
                };
        }
    }
}
