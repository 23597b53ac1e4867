package io.funnelworkbench.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelworkbench.testing.Datasets;
import io.funnelworkbench.testing.PomVersion;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed app as a user gets it: the app image that {@code mvn -Pdist package} built, run through its own
 * command-line launcher with no Java on the PATH. Runs in {@code mvn -Pdist verify} (failsafe), after the image.
 */
class AppImageIT {
    private static final Path IMAGES = Path.of("target", "dist", "image");
    private static final String FUNNEL = "lead,closed_deal";

    @TempDir
    static Path dir;
    private static Path toolsOnly;
    private static String project;

    @BeforeAll
    static void importTheOlistExportsWithTheImage() throws Exception {
        toolsOnly = pathWithoutJava();
        project = dir.resolve("olist.mv.db").toString();
        Run leads = image("import", "--project", project, Datasets.OLIST_LEADS.toString(), "--event-name", "lead");
        assertThat(leads.code()).as(leads.err()).isZero();
        assertThat(leads.json().get("rows_imported").asLong()).isEqualTo(8000);
        Run deals = image("import", "--project", project, Datasets.OLIST_DEALS.toString(), "--event-name",
                "closed_deal");
        assertThat(deals.code()).as(deals.err()).isZero();
        assertThat(deals.json().get("rows_imported").asLong()).isEqualTo(842);
    }

    @Test
    void theImagesFunnelIsTheJarsFunnel() throws Exception {
        String[] args = {"funnel", "--project", project, "--steps", FUNNEL, "--window", "430d", "--by", "origin",
            "--format", "table"};
        Run fromImage = image(args);
        assertThat(fromImage.code()).as(fromImage.err()).isZero();
        assertThat(fromImage.out()).isEqualTo(jar(args).out());

        JsonNode steps = image("funnel", "--project", project, "--steps", FUNNEL, "--window", "430d").json()
                .get("steps");
        assertThat(steps.get(0).get("users").asLong()).isEqualTo(8000);
        assertThat(steps.get(1).get("users").asLong()).isEqualTo(841);
    }

    @Test
    void drawsAChartWithoutADisplay() throws Exception {
        Path png = dir.resolve("funnel.png");
        Run chart = image("chart", "--project", project, "--steps", FUNNEL, "--window", "430d", "--out",
                png.toString());
        assertThat(chart.code()).as(chart.err()).isZero();
        assertThat(chart.err()).isEmpty();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(2400);
        assertThat(image.getHeight()).isEqualTo(1350);
    }

    @Test
    void namesTheVersionOfThePom() throws Exception {
        assertThat(image("--version").out().strip()).isEqualTo("Funnel Workbench " + PomVersion.read());
    }

    @Test
    void passesItsSelfTest() throws Exception {
        Run selftest = image("selftest");
        assertThat(selftest.code()).as(selftest.out() + selftest.err()).isZero();
        assertThat(selftest.json().get("ok").asBoolean()).isTrue();
    }

    /** The build recorded the classes start-up needs; a command loads them from that archive, not the jars. */
    @Test
    void startsFromTheRecordedClasses() throws Exception {
        assumeTrue(os() == Os.LINUX, "the start-up archive is recorded on Linux builds only");
        Run events = run(List.of(cli().toString(), "events", "--project", project),
                Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:stdout"));
        assertThat(events.code()).as(events.err()).isZero();
        assertThat(events.out()).contains("org.h2.engine.Database source: shared objects file")
                .contains("io.funnelworkbench.store.ProjectStore source: shared objects file");
        // picocli's Java 5 class files cannot be archived, nor the commands that implement its interfaces.
        assertThat(events.out().lines().filter(l -> l.contains(" org.h2.") && l.contains(".jar"))).isEmpty();
    }

    @Test
    void hasTheDesktopLauncherBesideTheCommandLine() {
        Path desktop = switch (os()) {
            case LINUX -> IMAGES.resolve("funnel-workbench/bin/Funnel Workbench");
            case WINDOWS -> IMAGES.resolve("Funnel Workbench/Funnel Workbench.exe");
            case MAC -> IMAGES.resolve("Funnel Workbench.app/Contents/MacOS/Funnel Workbench");
        };
        assertThat(desktop).isExecutable();
        assertThat(cli()).isExecutable();
    }

    private static Run image(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(cli().toString()));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    private static Run jar(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-jar", "target/funnel-workbench.jar"));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    private static Run run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DISPLAY");
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        if (command.get(0).equals(cli().toString()) && toolsOnly != null) {
            builder.environment().put("PATH", toolsOnly.toString());
        }
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("finished: " + command).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** A PATH with the shell tools the Linux launcher uses and no java, to show the image needs none. */
    private static Path pathWithoutJava() throws IOException {
        if (os() != Os.LINUX) {
            return null;
        }
        Path bin = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("sh", "dirname", "readlink")) {
            Path real = Stream.of("/bin", "/usr/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow();
            Files.createSymbolicLink(bin.resolve(tool), real.toRealPath());
        }
        return bin;
    }

    private static Path cli() {
        return switch (os()) {
            case LINUX -> IMAGES.resolve("funnel-workbench/bin/funnel-workbench");
            case WINDOWS -> IMAGES.resolve("Funnel Workbench/funnel-workbench.exe");
            case MAC -> IMAGES.resolve("Funnel Workbench.app/Contents/MacOS/funnel-workbench");
        };
    }

    private enum Os { LINUX, WINDOWS, MAC }

    private static Os os() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return name.contains("win") ? Os.WINDOWS : name.contains("mac") ? Os.MAC : Os.LINUX;
    }

    private record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }
}
