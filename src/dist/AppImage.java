import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the installable app: a trimmed Java runtime (jlink), the app image with the desktop launcher and the
 * command-line launcher (jpackage), the class-data-sharing archive of the classes start-up needs, and on Linux
 * a .deb when dpkg-deb and fakeroot are there. Run by {@code mvn -Pdist package} as a single-file Java program,
 * so the same build works on Linux, Windows and macOS with nothing but the JDK. See README.md, "Install".
 *
 * <p>Arguments: the project folder, the build folder ({@code target}) and the version.
 */
public final class AppImage {
    static final String NAME = "Funnel Workbench";
    static final String CLI_NAME = "funnel-workbench";
    static final String PACKAGE_NAME = "funnel-workbench";
    static final String OPEN_NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    static final String INSTALL_PARENT = "/opt";

    /**
     * What the app needs of the JDK: jdeps on the app and its libraries, less java.compiler (without it no Java
     * source stored in a project file can be compiled and run), plus jdk.crypto.ec for TLS. jdk.localedata is
     * left out: the app formats every text in English.
     */
    static final List<String> MODULES = List.of("java.base", "java.desktop", "java.logging", "java.management",
            "java.naming", "java.scripting", "java.sql", "java.xml", "jdk.crypto.ec", "jdk.jfr", "jdk.management",
            "jdk.unsupported", "jdk.unsupported.desktop");

    private final Path project;
    private final Path target;
    private final String version;
    private final Path dist;
    private final Os os = Os.current();

    AppImage(Path project, Path target, String version) {
        this.project = project;
        this.target = target;
        this.version = version.replace("-SNAPSHOT", "");
        this.dist = target.resolve("dist");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("Usage: AppImage PROJECT_DIR TARGET_DIR VERSION");
        }
        new AppImage(Path.of(args[0]), Path.of(args[1]), args[2]).build();
    }

    void build() throws IOException, InterruptedException {
        Path input = dist.resolve("input");
        Path runtime = dist.resolve("runtime");
        Path images = dist.resolve("image");
        for (Path old : List.of(input, runtime, images, dist.resolve("packages"), dist.resolve("work"))) {
            deleteRecursively(old);
        }
        copyInput(input);
        run("jlink", "--add-modules", String.join(",", MODULES), "--strip-debug", "--no-header-files",
                "--no-man-pages", "--generate-cds-archive", "--output", runtime.toString());
        // Only used with heaps over 32 GB; the archive for the usual heap stays.
        Files.deleteIfExists(runtime.resolve("lib/server/classes_nocoops.jsa"));
        run("jpackage", appImageArguments(input, runtime, images));
        Path image = images.resolve(os.imageFolder());
        if (os == Os.LINUX) {
            // A JDK 17 runtime ignores the recorded application classes when their path has a space in it.
            image = Files.move(image, images.resolve(PACKAGE_NAME));
            installCliScript(image);
            recordStartupClasses(image);
        }
        report("app image", image);
        if (os == Os.LINUX && onPath("dpkg-deb") && onPath("fakeroot")) {
            buildDeb(image);
        } else if (os == Os.LINUX) {
            System.out.println("[dist] no .deb: dpkg-deb and fakeroot are needed for it");
        }
    }

    /**
     * The app's jar and exactly the libraries its manifest names (target/lib may hold others from earlier
     * builds), as jpackage takes them: one folder it copies whole.
     */
    private void copyInput(Path input) throws IOException {
        Path jar = target.resolve("funnel-workbench.jar");
        Files.createDirectories(input.resolve("lib"));
        Files.copy(jar, input.resolve(jar.getFileName()));
        String classPath;
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            classPath = jarFile.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        }
        for (String entry : classPath.trim().split("\\s+")) {
            Files.copy(target.resolve(entry), input.resolve(entry));
        }
    }

    private String[] appImageArguments(Path input, Path runtime, Path images) throws IOException {
        List<String> args = new ArrayList<>(List.of("--type", "app-image", "--name", NAME, "--dest",
                images.toString(), "--input", input.toString(), "--main-jar", "funnel-workbench.jar",
                "--main-class", "io.funnelworkbench.Main", "--runtime-image", runtime.toString(), "--app-version",
                version, "--vendor", NAME, "--description", "Goals and funnels on event exports, offline.",
                "--icon", project.resolve("assets").resolve(os.iconFile()).toString()));
        // The Spark Connect client's Arrow reads buffers through java.nio internals (connected projects).
        args.addAll(List.of("--java-options", OPEN_NIO));
        if (os == Os.LINUX) {
            // The archive is recorded by the build (below) and again by the .deb's installation. Huge pages
            // make the first touch of the heap (a big project's events) cheaper; where the system has none,
            // the JVM goes on without them.
            args.addAll(List.of("--java-options", "-XX:SharedArchiveFile=$APPDIR/funnel-workbench.jsa -Xshare:auto"
                    + " -Xlog:cds=off -XX:+UseTransparentHugePages"));
        } else {
            Path properties = dist.resolve("work").resolve(CLI_NAME + ".properties");
            write(properties, "main-class=io.funnelworkbench.cli.FunnelCli\nwin-console=true\n");
            args.addAll(List.of("--add-launcher", CLI_NAME + "=" + properties));
        }
        return args.toArray(String[]::new);
    }

    private void installCliScript(Path image) throws IOException {
        String script = Files.readString(project.resolve("src/dist/linux").resolve(CLI_NAME), StandardCharsets.UTF_8)
                .replace("@APP_NAME@", NAME);
        Path launcher = image.resolve("bin").resolve(CLI_NAME);
        write(launcher, script);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * Records which classes start-up needs, from two runs on the image's own runtime: the command line's
     * {@code selftest}, and the desktop app opening the bundled sample and drawing its funnel (headless). The
     * merged class list ships in the image; the launcher turns it into the archive for the image's folder.
     */
    private void recordStartupClasses(Path image) throws IOException, InterruptedException {
        Path java = image.resolve("lib/runtime/bin/java");
        String classPath = classPath(image);
        Path work = Files.createDirectories(dist.resolve("work"));
        Path cliList = work.resolve("cli.classlist");
        Path desktopList = work.resolve("desktop.classlist");
        runJava(List.of(java.toString(), "-XX:DumpLoadedClassList=" + cliList, "-cp", classPath,
                "io.funnelworkbench.cli.FunnelCli", "selftest"), "\"ok\" : true");
        runJava(List.of(java.toString(), "-XX:DumpLoadedClassList=" + desktopList,
                "-Dfunnelworkbench.startupProbe=true", "-Dfunnelworkbench.home=" + work.resolve("home"),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-cp", classPath,
                "io.funnelworkbench.Main", "--sample=tech-store"), "startup: window");
        Set<String> merged = new LinkedHashSet<>(Files.readAllLines(cliList));
        merged.addAll(Files.readAllLines(desktopList));
        Path list = image.resolve("lib/app/funnel-workbench.classlist");
        Files.write(list, merged);

        ProcessBuilder dump = new ProcessBuilder(image.resolve("bin").resolve(CLI_NAME).toString());
        dump.environment().put("FUNNEL_WORKBENCH_CDS_DUMP", "1");
        runJava(dump, "Recorded the start-up classes");
        Path archive = image.resolve("lib/app/funnel-workbench.jsa");
        System.out.printf(Locale.ROOT, "[dist] start-up archive: %,d classes, %s (%.1f MB)%n", merged.size(),
                archive, Files.size(archive) / 1e6);
    }

    /** The class path as the launchers build it from the desktop launcher's configuration. */
    private static String classPath(Path image) throws IOException {
        Path app = image.resolve("lib/app");
        return Files.readAllLines(app.resolve(NAME + ".cfg")).stream().filter(l -> l.startsWith("app.classpath="))
                .map(l -> app + l.substring("app.classpath=".length()).replace("$APPDIR", ""))
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static void runJava(List<String> command, String expected) throws IOException, InterruptedException {
        runJava(new ProcessBuilder(command), expected);
    }

    private static void runJava(ProcessBuilder builder, String expected) throws IOException, InterruptedException {
        builder.redirectErrorStream(true).environment().remove("DISPLAY");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !output.contains(expected)) {
            throw new IllegalStateException(String.join(" ", builder.command()) + " failed:\n" + output);
        }
    }

    private void buildDeb(Path image) throws IOException {
        Path resources = dist.resolve("work").resolve("deb-resources");
        String installDir = INSTALL_PARENT + "/" + PACKAGE_NAME;
        String postinst = Files.readString(project.resolve("src/dist/linux/postinst"), StandardCharsets.UTF_8)
                .replace("@APP_DIR@", installDir + "/lib/app").replace("@BIN_DIR@", installDir + "/bin");
        write(resources.resolve("postinst"), postinst);
        Files.copy(project.resolve("src/dist/linux/prerm"), resources.resolve("prerm"));
        Path packages = dist.resolve("packages");
        run("jpackage", "--type", "deb", "--app-image", image.toString(), "--name", NAME, "--dest",
                packages.toString(), "--app-version", version, "--vendor", NAME, "--description",
                "Goals and funnels on event exports, offline.", "--linux-package-name", PACKAGE_NAME,
                "--install-dir", INSTALL_PARENT, "--linux-shortcut", "--linux-menu-group", "Office",
                "--linux-app-category", "misc", "--linux-deb-maintainer", "funnel-workbench@localhost",
                // JavaFX loads these itself (its native libraries sit inside its jars, unseen by jpackage).
                "--linux-package-deps", "libgtk-3-0 | libgtk-3-0t64, libgl1, libxtst6",
                "--resource-dir", resources.toString());
        try (Stream<Path> debs = Files.list(packages)) {
            for (Path deb : debs.toList()) {
                report("package", deb);
            }
        }
    }

    private static void run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool).orElseThrow(() -> new IllegalStateException(
                "This JDK has no " + tool + "; build the app with a full JDK 17 or newer."));
        StringWriter out = new StringWriter();
        int code = provider.run(new PrintWriter(out, true), new PrintWriter(out, true), args);
        if (code != 0) {
            throw new IllegalStateException(tool + " failed (" + code + "):\n" + out);
        }
        System.out.println("[dist] " + tool + " " + args[args.length > 1 ? 1 : 0] + " done");
    }

    private static void report(String what, Path path) throws IOException {
        long bytes;
        try (Stream<Path> files = Files.walk(path)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(AppImage::size).sum();
        }
        System.out.printf(Locale.ROOT, "[dist] %s: %s (%.0f MB)%n", what, path, bytes / 1e6);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** What differs between the systems jpackage builds for. */
    enum Os {
        LINUX("icon-256.png", NAME), WINDOWS("icon.ico", NAME), MAC("icon.icns", NAME + ".app");

        private final String icon;
        private final String imageFolder;

        Os(String icon, String imageFolder) {
            this.icon = icon;
            this.imageFolder = imageFolder;
        }

        static Os current() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            return name.contains("win") ? WINDOWS : name.contains("mac") ? MAC : LINUX;
        }

        String iconFile() {
            return icon;
        }

        String imageFolder() {
            return imageFolder;
        }
    }
}
