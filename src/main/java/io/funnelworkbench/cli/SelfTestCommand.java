package io.funnelworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.funnelworkbench.bench.SyntheticExport;
import io.funnelworkbench.text.Numbers;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code selftest}: runs the commands a user runs on a small generated export in a temporary folder and checks
 * that their answers agree with each other. It tells a user the installation works, and the app image's build
 * runs it to record which classes start-up needs (docs/BENCHMARKS.md, "Start-up").
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Check this installation: import a generated export of 20,000 events into a temporary"
            + " project, compute a funnel with a breakdown, the drill-down and the impact table, draw a chart, and"
            + " check that the answers agree.", "Prints a JSON report; exit code 1 when a check fails. Leaves"
            + " nothing behind."})
final class SelfTestCommand implements Callable<Integer> {
    private static final long EVENTS = 20_000;
    private static final int USERS = 1_000;
    private static final String STEPS = "view_item,add_to_cart,begin_checkout,purchase";

    @Spec
    private CommandSpec spec;

    private final ArrayNode checks = new ObjectMapper().createArrayNode();
    private boolean allPassed = true;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        Path dir = Files.createTempDirectory("funnel-workbench-selftest");
        try {
            run(dir);
        } finally {
            deleteRecursively(dir);
        }
        ObjectNode report = Json.object();
        report.put("ok", allPassed);
        report.put("seconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
        report.set("checks", checks);
        spec.commandLine().getOut().println(Json.write(report));
        return allPassed ? 0 : FunnelCli.BAD_INPUT;
    }

    private void run(Path dir) throws IOException {
        Path export = dir.resolve("export.csv");
        long rows = new SyntheticExport(EVENTS, USERS, SyntheticExport.DEFAULT_SEED).write(export);
        String project = dir.resolve("selftest.mv.db").toString();

        JsonNode imported = command("import", "--project", project, export.toString());
        check("import", imported.path("rows_imported").asLong() == rows && imported.path("rows_rejected").asLong() == 0,
                Numbers.count(imported.path("rows_imported").asLong()) + " of " + Numbers.count(rows)
                        + " rows imported");

        long viewers = eventUsers(command("events", "--project", project), "view_item");
        JsonNode funnel = command("funnel", "--project", project, "--steps", STEPS, "--by", "country");
        JsonNode steps = funnel.path("steps");
        check("funnel", steps.size() == 4 && steps.get(0).path("users").asLong() == viewers && nonIncreasing(steps),
                "users per step " + usersPerStep(steps) + "; " + viewers + " users viewed an item");
        long groupTotal = 0;
        for (JsonNode group : funnel.path("breakdown")) {
            groupTotal += group.path("steps").get(0).path("users").asLong();
        }
        check("breakdown", groupTotal == viewers, "the countries' step-1 users add up to " + groupTotal);

        JsonNode dropped = command("users", "--project", project, "--steps", STEPS, "--step", "1", "--outcome",
                "dropped");
        long droppedExpected = steps.get(0).path("users").asLong() - steps.get(1).path("users").asLong();
        check("drill-down", dropped.path("users").size() == droppedExpected,
                dropped.path("users").size() + " users dropped after step 1, as the funnel counts");

        command("goal", "add", "--project", project, "--name", "Purchase", "--kind", "macro", "--event", "purchase");
        command("goal", "add", "--project", project, "--name", "Search", "--kind", "micro", "--event", "search");
        JsonNode impact = command("impact", "--project", project, "--macro", "Purchase");
        check("impact", impact.path("rows").isArray(), impact.path("rows").size() + " micro goal(s) compared");

        Path png = dir.resolve("funnel.png");
        command("chart", "--project", project, "--steps", STEPS, "--out", png.toString());
        BufferedImage image = Files.isRegularFile(png) ? ImageIO.read(png.toFile()) : null;
        check("chart", image != null && image.getWidth() == 2400 && image.getHeight() == 1350,
                image == null ? "no image was written" : image.getWidth() + " x " + image.getHeight() + " px PNG");
    }

    /** Runs another command in this process; a failure becomes a failed check with its message. */
    private JsonNode command(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FunnelCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        if (code != 0) {
            check(String.join(" ", args[0]), false, "exit code " + code + ": " + err.toString().strip());
            return Json.object();
        }
        try {
            return new ObjectMapper().readTree(out.toString());
        } catch (IOException e) {
            check(args[0], false, "its output is not JSON: " + e.getMessage());
            return Json.object();
        }
    }

    private void check(String name, boolean passed, String detail) {
        checks.addObject().put("check", name).put("ok", passed).put("detail", detail);
        allPassed &= passed;
    }

    private static long eventUsers(JsonNode events, String name) {
        for (JsonNode event : events.path("events")) {
            if (event.path("name").asText().equals(name)) {
                return event.path("users").asLong();
            }
        }
        return -1;
    }

    private static boolean nonIncreasing(JsonNode steps) {
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).path("users").asLong() > steps.get(i - 1).path("users").asLong()) {
                return false;
            }
        }
        return true;
    }

    private static String usersPerStep(JsonNode steps) {
        StringBuilder text = new StringBuilder();
        steps.forEach(s -> text.append(text.length() == 0 ? "" : ", ").append(s.path("users").asLong()));
        return "[" + text + "]";
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the self-test folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
