package io.funnelworkbench.ui.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelworkbench.analysis.EventStats;
import io.funnelworkbench.analysis.FunnelEngine;
import io.funnelworkbench.analysis.PeriodComparison;
import io.funnelworkbench.cli.FunnelCli;
import io.funnelworkbench.model.Cancellation;
import io.funnelworkbench.model.Comparison;
import io.funnelworkbench.model.EventLog;
import io.funnelworkbench.model.EventLogBuilder;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.model.StepResult;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.testing.Datasets;
import io.funnelworkbench.text.ComparisonText;
import io.funnelworkbench.ui.SynchronousRunner;
import io.funnelworkbench.ui.project.ProjectOverview;
import io.funnelworkbench.ui.project.ProjectSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder's "Compare to": which choices compute a second funnel, the sentences that refuse the others (the
 * engine's rules in the builder's words), the differences shown and exported being the engine's, and that the
 * choice is a view choice (not saved, not undone). Last, a month of Olist's real leads against the month before.
 */
class FunnelComparisonViewModelTest {
    private static final long MINUTE = 60_000_000L;
    private static final LocalDate AUG_3 = LocalDate.of(2026, 8, 3);
    private static final LocalDate AUG_9 = LocalDate.of(2026, 8, 9);
    private static final LocalDate AUG_10 = LocalDate.of(2026, 8, 10);
    private static final LocalDate AUG_16 = LocalDate.of(2026, 8, 16);

    @TempDir Path dir;
    private ProjectStore store;
    private FunnelBuilderViewModel model;
    private ComparisonViewModel compare;
    private final SynchronousRunner runner = new SynchronousRunner();

    /** Week of 10 Aug: 4 view, 3 buy. Week of 3 Aug: 4 view, 1 buys. Week of 17 Aug: 2 view, 2 buy. */
    @BeforeEach
    void openShop() {
        EventLogBuilder events = new EventLogBuilder();
        for (int u = 0; u < 4; u++) {
            visit(events, "now-" + u, AUG_10.plusDays(u), u < 3);
            visit(events, "before-" + u, AUG_3.plusDays(u), u < 1);
        }
        visit(events, "later-0", AUG_16.plusDays(1), true);
        visit(events, "later-1", AUG_16.plusDays(2), true);
        model = open(events.build(), "shop");
        model.appendStep(FunnelStep.event("view"));
        model.appendStep(FunnelStep.event("buy"));
        compare = model.comparison();
    }

    private static void visit(EventLogBuilder events, String user, LocalDate day, boolean buys) {
        long start = day.toEpochDay() * 1_440 * MINUTE + 9 * 60 * MINUTE;
        events.add(user, "view", start, null, Map.of("device", user.endsWith("0") ? "mobile" : "desktop"));
        if (buys) {
            events.add(user, "buy", start + 5 * MINUTE);
        }
    }

    private FunnelBuilderViewModel open(EventLog log, String name) {
        store = ProjectStore.create(dir.resolve(name));
        ProjectOverview overview = new ProjectOverview(name, store.databaseFile(), log.size(), log.activeUserCount(),
                null, null, EventStats.byName(log), List.of(), List.of(), List.of(), log);
        FunnelBuilderViewModel opened = new FunnelBuilderViewModel();
        opened.open(new ProjectSession(store, overview, runner));
        return opened;
    }

    @AfterEach
    void close() {
        model.close();
        store.close();
    }

    @Test
    void noneComputesOneFunnelAndNoComparison() {
        int runs = runner.runs();
        model.entryFromProperty().set(AUG_10);

        assertThat(compare.choice()).isEqualTo(CompareChoice.NONE);
        assertThat(compare.comparisonProperty().get()).isNull();
        assertThat(model.problemProperty().get()).isNull();
        assertThat(runner.runs()).isEqualTo(runs + 1);
    }

    @Test
    void previousPeriodIsTheWeekBeforeAndItsDifferencesAreTheEngines() {
        model.entryFromProperty().set(AUG_10);
        model.entryToProperty().set(AUG_16);

        compare.kindProperty().set(CompareChoice.Kind.PREVIOUS);

        Comparison shown = compare.comparisonProperty().get();
        assertThat(shown.from()).isEqualTo(AUG_3);
        assertThat(shown.to()).isEqualTo(AUG_9);
        FunnelResult result = model.resultProperty().get();
        assertThat(result.steps()).extracting(StepResult::users).containsExactly(4L, 3L);
        assertThat(shown.result().steps()).extracting(StepResult::users).containsExactly(4L, 1L);
        Comparison engine = PeriodComparison.compare(new FunnelEngine(model.session().log()),
                model.resultSpecProperty().get().withBreakdown(null, null).withTrendPeriod(null), result,
                new PeriodComparison.Range(AUG_3, AUG_9),
                Cancellation.NEVER);
        assertThat(shown).isEqualTo(engine);
        assertThat(shown.differences().get(1).conversionFromFirstDiff()).isEqualTo(0.5);
        // Fisher [[3, 1], [1, 3]]: the tea-tasting table.
        assertThat(ComparisonText.pValue(shown.differences().get(1))).isEqualTo("0.486");
        assertThat(model.problemProperty().get()).isNull();

        // The comparison follows the entry range: a week later, the previous week is the one now entered.
        model.entryFromProperty().set(AUG_16.plusDays(1));
        model.entryToProperty().set(AUG_16.plusDays(7));
        assertThat(compare.comparisonProperty().get().from()).isEqualTo(AUG_10);
        assertThat(compare.comparisonProperty().get().result().steps()).extracting(StepResult::users)
                .containsExactly(4L, 3L);

        // A breakdown shows on the funnel's own period; the periods are compared on all users, as before.
        model.breakdownPropertyProperty().set("device");
        assertThat(model.resultProperty().get().breakdownProperty()).isEqualTo("device");
        assertThat(compare.comparisonProperty().get().result().breakdownProperty()).isNull();
        assertThat(compare.comparisonProperty().get().result().steps()).extracting(StepResult::users)
                .containsExactly(4L, 3L);

        compare.kindProperty().set(CompareChoice.Kind.NONE);
        assertThat(compare.comparisonProperty().get()).isNull();
        assertThat(model.resultProperty().get()).isNotNull();
    }

    @Test
    void previousPeriodWithAnOpenEntryRangeSaysWhyAndStillShowsTheFunnel() {
        model.entryFromProperty().set(AUG_10);

        compare.kindProperty().set(CompareChoice.Kind.PREVIOUS);

        assertThat(model.problemProperty().get()).isEqualTo(ComparisonText.NO_PREVIOUS_PERIOD)
                .isEqualTo("Comparing to the previous period needs both Entry from and Entry to: the previous"
                        + " period is as long, just before.");
        assertThat(compare.comparisonProperty().get()).isNull();
        assertThat(model.resultProperty().get().steps()).extracting(StepResult::users).containsExactly(6L, 5L);
        // A comparison is a view of the funnel, not part of it: the funnel can still be saved.
        assertThat(model.canSave()).isTrue();

        model.entryToProperty().set(AUG_16);
        assertThat(model.problemProperty().get()).isNull();
        assertThat(compare.comparisonProperty().get().from()).isEqualTo(AUG_3);
    }

    @Test
    void aChosenRangeIsRefusedUntilItHasBothDaysInOrderOutsideTheEntryRange() {
        model.entryFromProperty().set(AUG_10);
        model.entryToProperty().set(AUG_16);

        compare.kindProperty().set(CompareChoice.Kind.RANGE);
        assertThat(model.problemProperty().get()).isEqualTo(ComparisonText.NO_RANGE)
                .isEqualTo("Choose the first and the last day of the period to compare.");
        compare.fromProperty().set(AUG_9);
        assertThat(model.problemProperty().get()).isEqualTo(ComparisonText.NO_RANGE);

        compare.toProperty().set(AUG_3);
        assertThat(model.problemProperty().get())
                .isEqualTo("The period to compare, 9 Aug 2026 to 3 Aug 2026, ends before it starts.");
        assertThat(compare.comparisonProperty().get()).isNull();

        compare.fromProperty().set(AUG_3);
        compare.toProperty().set(AUG_10);
        assertThat(model.problemProperty().get()).isEqualTo("The period to compare, 3 Aug 2026 to 10 Aug 2026,"
                + " shares days with the entry range, 10 Aug 2026 to 16 Aug 2026: choose days outside it.");
        assertThat(compare.comparisonProperty().get()).isNull();

        // An open end reaches the end of the data: a later range overlaps it.
        model.entryToProperty().set(null);
        compare.fromProperty().set(AUG_16.plusDays(1));
        compare.toProperty().set(AUG_16.plusDays(7));
        assertThat(model.problemProperty().get()).isEqualTo("The period to compare, 17 Aug 2026 to 23 Aug 2026,"
                + " shares days with the entry range, 10 Aug 2026 to the end of the data: choose days outside it.");

        model.entryToProperty().set(AUG_16);
        assertThat(model.problemProperty().get()).isNull();
        Comparison shown = compare.comparisonProperty().get();
        assertThat(shown.from()).isEqualTo(AUG_16.plusDays(1));
        assertThat(shown.result().steps()).extracting(StepResult::users).containsExactly(2L, 2L);
        assertThat(shown.differences().get(1).conversionFromFirstDiff()).isEqualTo(-0.25);
    }

    @Test
    void theChoiceIsAViewChoiceNeitherSavedNorUndone() {
        model.entryFromProperty().set(AUG_10);
        model.entryToProperty().set(AUG_16);
        model.saveAs("Buyers");
        String undoBefore = model.session().history().undoLabelProperty().get();

        compare.kindProperty().set(CompareChoice.Kind.PREVIOUS);

        assertThat(compare.comparisonProperty().get()).isNotNull();
        assertThat(model.hasUnsavedChanges()).isFalse();
        assertThat(model.session().history().undoLabelProperty().get()).isEqualTo(undoBefore);
        assertThat(model.definition("Buyers")).isEqualTo(model.session().funnels().get(0));
        // Opening a funnel keeps the comparison chosen, computed for that funnel's entry range.
        model.newFunnel();
        assertThat(compare.kindProperty().get()).isEqualTo(CompareChoice.Kind.PREVIOUS);
        model.openSaved(model.session().funnels().get(0));
        assertThat(compare.comparisonProperty().get().from()).isEqualTo(AUG_3);
    }

    @Test
    void theStepTablesCsvHasTheComparedPeriodAndTheDifference() throws Exception {
        model.entryFromProperty().set(AUG_10);
        model.entryToProperty().set(AUG_16);
        compare.kindProperty().set(CompareChoice.Kind.PREVIOUS);
        Path csv = dir.resolve("steps.csv");
        boolean[] done = {false};

        model.exportStepTable(csv, () -> done[0] = true);

        assertThat(done[0]).isTrue();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).endsWith(",Value,Compared period,Compared users,Compared conversion from first (%),"
                + "Difference from first (pp),Difference low (pp),Difference high (pp),p-value (Fisher)");
        assertThat(lines.get(1)).startsWith("All users,1,view,4,").endsWith(",2026-08-03..2026-08-09,4,100.0,0.0,"
                + "0.0,0.0,1.0");
        assertThat(lines.get(2)).startsWith("All users,2,buy,3,").contains(",2026-08-03..2026-08-09,1,25.0,50.0,");
        assertThat(lines).hasSize(3);

        compare.kindProperty().set(CompareChoice.Kind.NONE);
        model.exportStepTable(csv, () -> { });
        assertThat(Files.readAllLines(csv).get(0)).endsWith(",Value");
    }

    /** Olist's leads of March 2018 against February 2018, in the app's view model and from the command line. */
    @Test
    void olistMarchAgainstFebruaryAgreesWithTheCommandLine() throws Exception {
        Path project = dir.resolve("olist.mv.db");
        importOlist(project, Datasets.OLIST_LEADS, "lead");
        importOlist(project, Datasets.OLIST_DEALS, "closed_deal");
        model.close();
        store.close();
        store = ProjectStore.open(project);
        model = new FunnelBuilderViewModel();
        model.open(new ProjectSession(store, ProjectOverview.load(store, Progress.NONE), runner));
        model.appendStep(FunnelStep.event("lead"));
        model.appendStep(FunnelStep.event("closed_deal"));
        model.windowAmountProperty().set("180");
        model.entryFromProperty().set(LocalDate.of(2018, 3, 1));
        model.entryToProperty().set(LocalDate.of(2018, 3, 31));

        model.comparison().kindProperty().set(CompareChoice.Kind.PREVIOUS);

        Comparison shown = model.comparison().comparisonProperty().get();
        assertThat(shown.from()).isEqualTo(LocalDate.of(2018, 2, 1));
        assertThat(shown.to()).isEqualTo(LocalDate.of(2018, 2, 28));
        assertThat(model.resultProperty().get().steps().get(0).users()).isEqualTo(1174);
        assertThat(shown.result().steps().get(0).users()).isEqualTo(1028);
        store.close();
        StringWriter out = new StringWriter();
        int code = FunnelCli.run(new String[] {"funnel", "--project", project.toString(), "--steps",
            "lead,closed_deal", "--window", "180d", "--from", "2018-03-01", "--to", "2018-03-31", "--compare-to",
            "previous", "--format", "csv"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        String[] deals = out.toString().lines().toList().get(2).split(",");
        assertThat(Long.parseLong(deals[2])).isEqualTo(model.resultProperty().get().steps().get(1).users());
        assertThat(Long.parseLong(deals[4])).isEqualTo(shown.result().steps().get(1).users());
        assertThat(Double.parseDouble(deals[6])).isEqualTo(shown.differences().get(1).conversionFromFirstDiff());
        assertThat(Double.parseDouble(deals[7])).isEqualTo(shown.differences().get(1).interval().low());
        assertThat(Double.parseDouble(deals[9])).isEqualTo(shown.differences().get(1).pValue());
        store = ProjectStore.open(project);
    }

    private static void importOlist(Path project, Path csv, String eventName) {
        StringWriter err = new StringWriter();
        int code = FunnelCli.run(new String[] {"import", "--project", project.toString(), csv.toString(),
            "--event-name", eventName}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
    }
}
