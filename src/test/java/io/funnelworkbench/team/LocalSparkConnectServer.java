package io.funnelworkbench.team;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A local Spark Connect server ({@code local[2]}, no UI, few shuffle partitions) in a child JVM bound to
 * 127.0.0.1 on a free port, started from the test class path.
 *
 * <p>A child JVM, not the test JVM: the thin client and the server each carry the Spark Connect protocol classes
 * compiled against differently relocated gRPC and protobuf, so the two cannot share one class path. The child gets
 * the test class path without the client jar and without the app's own classes: like a team's cluster, it knows
 * nothing of the app until a client uploads the kernel's jar ({@code SparkConnectBackend}).
 */
public final class LocalSparkConnectServer implements AutoCloseable {
    static final String MAIN_CLASS = "org.apache.spark.sql.connect.service.SparkConnectServer";
    /** The JVM options Spark needs on Java 17; the surefire "spark" execution and the script use the same file. */
    static final Path JVM_OPTIONS = Path.of("config", "spark-java17.args");
    private static final String LOOPBACK = "127.0.0.1";
    private static final String CLIENT_JAR_PREFIX = "spark-connect-client-jvm";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;
    /** Two cores shared with the tests: a small heap, and Spark uses at most the two local threads. */
    private static final String TEST_HEAP = "1g";

    private final Process process;
    private final int port;
    private final Path log;

    private LocalSparkConnectServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server with its scratch folders and log under {@code workDir}; returns once it accepts clients. */
    public static LocalSparkConnectServer start(Path workDir) {
        return start(workDir, TEST_HEAP, List.of());
    }

    /**
     * As {@link #start(Path)} with the server's {@code -Xmx} value ({@code heap}, e.g. "2g") and {@code extraSettings}
     * ("key=value") after the usual ones; the benchmark uses this for a larger heap and Spark's event log.
     */
    public static LocalSparkConnectServer start(Path workDir, String heap, List<String> extraSettings) {
        try {
            Files.createDirectories(workDir);
            int port = freeLoopbackPort();
            Path log = workDir.resolve("server.log");
            ProcessBuilder builder = new ProcessBuilder(command(workDir, port, heap, extraSettings))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // Otherwise Spark picks the host's first non-loopback address for its own endpoints.
            builder.environment().put("SPARK_LOCAL_IP", LOOPBACK);
            Process process = builder.start();
            LocalSparkConnectServer server = new LocalSparkConnectServer(process, port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local Spark Connect server", e);
        }
    }

    /** The address for {@code SparkSession.builder().remote(...)}. */
    public String remote() {
        return "sc://" + LOOPBACK + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The CPU time the server's JVM has used so far (all its threads), or zero where the system cannot tell. */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> command(Path workDir, int port, String heap, List<String> extraSettings)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.add("-Xmx" + heap);
        command.addAll(sparkSettings(workDir, port).stream().map(s -> "-D" + s).toList());
        command.addAll(extraSettings.stream().map(s -> "-D" + s).toList());
        command.add("-cp");
        command.add(serverClassPath());
        command.add(MAIN_CLASS);
        return command;
    }

    /** The Java 17 options from {@link #JVM_OPTIONS}, one a line. */
    static List<String> jvmOptions() throws IOException {
        return Files.readAllLines(JVM_OPTIONS, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }

    private static List<String> sparkSettings(Path workDir, int port) {
        Path absolute = workDir.toAbsolutePath();
        return List.of(
                "spark.master=local[2]",
                "spark.app.name=funnel-workbench-tests",
                "spark.ui.enabled=false",
                "spark.sql.shuffle.partitions=2",
                "spark.driver.host=" + LOOPBACK,
                "spark.driver.bindAddress=" + LOOPBACK,
                "spark.connect.grpc.binding.address=" + LOOPBACK,
                "spark.connect.grpc.binding.port=" + port,
                "spark.local.dir=" + absolute.resolve("local"),
                "spark.sql.warehouse.dir=" + absolute.resolve("warehouse"));
    }

    private static String serverClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path appClasses = appClasses();
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith(CLIENT_JAR_PREFIX))
                .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().equals(appClasses))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Where the app's main classes are (target/classes in a build). */
    private static Path appClasses() {
        try {
            return Path.of(LocalSparkConnectServer.class.getClassLoader().getResource("io/funnelworkbench/Main.class")
                    .toURI()).getParent().getParent().getParent().toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The app's classes have no file location", e);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The local Spark Connect server exited with code "
                        + process.exitValue() + ":\n" + logTail());
            }
            if (acceptsConnections()) {
                return;
            }
            pause();
        }
        close();
        throw new IllegalStateException("The local Spark Connect server did not accept connections within "
                + START_TIMEOUT.toSeconds() + " s:\n" + logTail());
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), (int) Duration.ofSeconds(1).toMillis());
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(Duration.ofMillis(250).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Spark Connect server", e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
