package io.funnelworkbench.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The stages of a local Spark server as its event log ({@code spark.eventLog.enabled}) records them, with their
 * tasks' metrics summed: what each stage of a query cost in core time and how many rows it read. The server must
 * write it uncompressed and unrolled (JSON lines in one file). Spark writes a
 * stage's tasks before its completion and flushes the log at each completion, so a finished query's stages are all
 * there.
 */
final class SparkStageLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One completed stage: {@code operators} are the names of its operators (e.g. Exchange, Sort, MapPartitions,
     * Window), {@code runMillis} and {@code cpuNanos} its tasks' summed executor run and CPU time, the records those
     * read from files and from the shuffle and wrote to the shuffle, and the bytes they spilled.
     */
    record Stage(int id, Set<String> operators, int tasks, long wallMillis, long runMillis, long cpuNanos,
                 long inputRecords, long shuffleReadRecords, long shuffleWriteRecords, long shuffleWriteBytes,
                 long spilledBytes) {
        /** The rows the stage's tasks read, from files or the shuffle. */
        long recordsRead() {
            return inputRecords + shuffleReadRecords;
        }

        /** Rows read per second of task run time: per core, as each task runs on one. */
        double rowsPerCoreSecond() {
            return runMillis == 0 ? 0 : recordsRead() / (runMillis / 1e3);
        }
    }

    private final Path folder;

    /** {@code folder} is the server's {@code spark.eventLog.dir}. */
    SparkStageLog(Path folder) {
        this.folder = folder;
    }

    /** Every completed stage so far, by id. */
    List<Stage> stages() {
        Map<Integer, Totals> totals = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString()
                    .startsWith(".")).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    read(line, totals);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Spark's event log in " + folder, e);
        }
        List<Stage> stages = new ArrayList<>();
        totals.forEach((id, t) -> {
            if (t.completed) {
                stages.add(new Stage(id, t.operators, t.tasks, t.wallMillis, t.runMillis, t.cpuNanos,
                        t.inputRecords, t.shuffleReadRecords, t.shuffleWriteRecords, t.shuffleWriteBytes,
                        t.spilledBytes));
            }
        });
        return stages;
    }

    /** The stages completed after the stage {@code afterId}. */
    List<Stage> stagesAfter(int afterId) {
        return stages().stream().filter(stage -> stage.id() > afterId).toList();
    }

    /** The largest stage id so far, or -1. */
    int lastStageId() {
        return stages().stream().mapToInt(Stage::id).max().orElse(-1);
    }

    private static void read(String line, Map<Integer, Totals> totals) throws IOException {
        if (line.isBlank()) {
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (IOException partialLastLine) {
            return; // a line still being written
        }
        switch (event.path("Event").asText()) {
            case "SparkListenerTaskEnd" -> {
                Totals t = totals.computeIfAbsent(event.path("Stage ID").asInt(), id -> new Totals());
                JsonNode metrics = event.path("Task Metrics");
                t.tasks++;
                t.runMillis += metrics.path("Executor Run Time").asLong();
                t.cpuNanos += metrics.path("Executor CPU Time").asLong();
                t.inputRecords += metrics.path("Input Metrics").path("Records Read").asLong();
                t.shuffleReadRecords += metrics.path("Shuffle Read Metrics").path("Total Records Read").asLong();
                t.shuffleWriteRecords += metrics.path("Shuffle Write Metrics").path("Shuffle Records Written")
                        .asLong();
                t.shuffleWriteBytes += metrics.path("Shuffle Write Metrics").path("Shuffle Bytes Written").asLong();
                t.spilledBytes += metrics.path("Disk Bytes Spilled").asLong();
            }
            case "SparkListenerStageCompleted" -> {
                JsonNode info = event.path("Stage Info");
                Totals t = totals.computeIfAbsent(info.path("Stage ID").asInt(), id -> new Totals());
                t.completed = true;
                t.wallMillis = info.path("Completion Time").asLong() - info.path("Submission Time").asLong();
                for (JsonNode rdd : info.path("RDD Info")) {
                    String scope = rdd.path("Scope").asText();
                    if (!scope.isEmpty()) {
                        t.operators.add(JSON.readTree(scope).path("name").asText());
                    }
                }
            }
            default -> {
            }
        }
    }

    /** A stage's running sums while the log is read. */
    private static final class Totals {
        private final Set<String> operators = new LinkedHashSet<>();
        private boolean completed;
        private int tasks;
        private long wallMillis;
        private long runMillis;
        private long cpuNanos;
        private long inputRecords;
        private long shuffleReadRecords;
        private long shuffleWriteRecords;
        private long shuffleWriteBytes;
        private long spilledBytes;
    }
}
