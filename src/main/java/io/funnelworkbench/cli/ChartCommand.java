package io.funnelworkbench.cli;

import io.funnelworkbench.chart.ChartImages;
import io.funnelworkbench.chart.ChartKind;
import io.funnelworkbench.chart.FunnelShape;
import io.funnelworkbench.model.FunnelDefinition;
import io.funnelworkbench.model.FunnelResult;
import io.funnelworkbench.model.FunnelStep;
import io.funnelworkbench.model.Goal;
import io.funnelworkbench.team.FunnelBackend;
import io.funnelworkbench.text.ChartCaption;
import io.funnelworkbench.text.ChartText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chart}: renders a funnel as the app draws it, without a display, to a PNG with its rules as a caption. */
@Command(name = "chart", mixinStandardHelpOptions = true,
        description = {"Render a funnel chart to a PNG, with its title and the rules in force as a caption.",
            "The image is (width x scale) by (height x scale) pixels. Works without a display."})
final class ChartCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ProjectOption project;

    @Mixin
    private FunnelOptions funnel;

    @Option(names = "--type", defaultValue = "funnel",
            description = "funnel (default), bars (a breakdown; needs --by or a saved breakdown), trend, or time"
                    + " (time to convert into --step).")
    private String type;

    @Option(names = "--step", paramLabel = "N",
            description = "For --type time: the step whose time from the previous one is drawn (default the last).")
    private Integer step;

    @Option(names = "--shape", defaultValue = "columns",
            description = "For --type funnel: columns (default) or funnel, the classic narrowing funnel.")
    private String shape;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "The PNG to write.")
    private Path out;

    @Option(names = "--width", defaultValue = "1200", description = "Width in logical pixels (default 1200).")
    private double width;

    @Option(names = "--height", defaultValue = "675", description = "Height in logical pixels (default 675).")
    private double height;

    @Option(names = "--scale", defaultValue = "2", description = "Pixels per logical pixel: 1, 2 (default) or 3.")
    private double scale;

    @Option(names = "--title", description = "The title above the chart (default: the funnel's name or steps).")
    private String title;

    @Override
    public Integer call() {
        ChartKind kind = GoalCommand.parse(ChartKind.class, type, "--type");
        FunnelShape funnelShape = GoalCommand.parse(FunnelShape.class, shape, "--shape");
        if (scale != 1 && scale != 2 && scale != 3) {
            throw new IllegalArgumentException("--scale " + scale + " is not one of 1, 2, 3.");
        }
        try (ProjectAnalysis analysis = ProjectAnalysis.open(project.path())) {
            List<Goal> goals = analysis.store().goals().list();
            FunnelDefinition definition = funnel.definition(analysis, goals, List.of(), false);
            if (kind == ChartKind.BARS && definition.breakdownProperty() == null) {
                throw new IllegalArgumentException("--type bars needs a breakdown: give --by PROPERTY.");
            }
            int timeStep = step == null ? definition.steps().size() : step;
            if (kind == ChartKind.TIME && (timeStep < 2 || timeStep > definition.steps().size())) {
                throw new IllegalArgumentException("--type time needs a --step from 2 to " + definition.steps().size()
                        + ": the time into a step is counted from the step before it.");
            }
            FunnelBackend backend = analysis.backend();
            FunnelResult result = backend.compute(funnel.spec(definition, goals));
            long[] range = backend.dataRange();
            ChartCaption caption = ChartImages.caption(result, kind, title(definition, kind, timeStep),
                    definition.entryFrom(), definition.entryTo(), instant(range, 0), instant(range, 1));
            if (analysis.connection().isPresent()) {
                caption = caption.computedOn(backend.engine());
            }
            ChartImages.writePng(new ChartImages.Choice(kind, funnelShape, timeStep), result, caption, width, height,
                    scale, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + out + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println(Json.write(Json.object().put("out", out.toString())
                .put("type", GoalCommand.lower(kind)).put("width_px", Math.round(width * scale))
                .put("height_px", Math.round(height * scale))));
        return 0;
    }

    private String title(FunnelDefinition definition, ChartKind kind, int timeStep) {
        if (title != null) {
            return title;
        }
        String name = ChartText.funnelTitle(definition.name(),
                definition.steps().stream().map(FunnelStep::name).toList());
        return switch (kind) {
            case FUNNEL -> name;
            case BARS -> ChartText.breakdownTitle(name, definition.breakdownProperty());
            case TREND -> ChartText.trendTitle(name, funnel.trendPeriod());
            case TIME -> ChartText.timeTitle(name, definition.steps().get(timeStep - 1).name());
        };
    }

    /** The data's first ({@code end} 0) or last (1) time; null when there are no events (a range of 0 and 0). */
    private static Instant instant(long[] range, int end) {
        return range[0] == 0 && range[1] == 0 ? null : micros(range[end]);
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
