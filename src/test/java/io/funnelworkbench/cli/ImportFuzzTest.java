package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funnelworkbench.bench.SyntheticExport;
import io.funnelworkbench.testing.Datasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the import: files from the test corpus, a real export and a generated one, mutated the
 * ways files break in the world (cut short, flipped bytes, stray quotes, huge fields, broken UTF-8, impossible
 * times, lost newlines). Each mutated file goes into a project that already holds events. Either the import
 * succeeds and every row is accounted for, or it fails with one sentence naming the file, no stack trace, and
 * the project logically as it was. Nothing may hang. {@code -Dfuzz.files=N} (the {@code fuzz-long} profile)
 * runs more than the default few hundred.
 */
class ImportFuzzTest {
    private static final int FILES = Integer.getInteger("fuzz.files", 300);
    private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    private static final String[] BAD_TIMES = {"2024-02-30", "NaN", "2024-01-01T25:00:00Z", "+99:99",
        "12345678901234567890123", "0", "1e12", "2024-13-01", "yesterday", ""};

    @TempDir
    static Path dir;
    private static List<Path> seeds;
    private static ExecutorService runner;

    @BeforeAll
    static void collectSeeds() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> corpus = Files.walk(Path.of("src", "test", "resources", "corpus"))) {
            // the vendors' native exports too: nested JSON lines, gzip and zip files
            corpus.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".md")).sorted()
                    .forEach(files::add);
        }
        Path leads = dir.resolve("olist-leads-head.csv");
        Files.write(leads, Files.readAllLines(Datasets.OLIST_LEADS).subList(0, 300));
        files.add(leads);
        Path generated = dir.resolve("generated.csv");
        new SyntheticExport(3_000, 200, 7).write(generated);
        files.add(generated);
        seeds = List.copyOf(files);
        runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-import");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopRunner() {
        runner.shutdownNow();
    }

    @Test
    void everyMutatedFileImportsWhollyOrFailsWithOneSentenceAndChangesNothing() throws Exception {
        Random random = new Random(SEED);
        String project = dir.resolve("fuzzed").toString();
        Path base = dir.resolve("base.csv");
        Files.writeString(base, "user_id,event,time,plan\nb1,view,2024-01-01T00:00:00Z,free\n"
                + "b2,buy,2024-01-02T00:00:00Z,pro\n");
        assertThat(CliRun.of("import", "--project", project, base.toString()).exitCode()).isZero();
        int succeeded = 0;
        for (int i = 0; i < FILES; i++) {
            Path seed = seeds.get(random.nextInt(seeds.size()));
            String mutation = mutationName(random.nextInt(MUTATIONS));
            Path mutated = dir.resolve("fuzz-" + i + "-" + seed.getFileName());
            Files.write(mutated, mutate(Files.readAllBytes(seed), mutation, random));
            String before = dump(project);

            CliRun run = withinTimeLimit(mutated, project);
            String what = mutation + " of " + seed.getFileName() + " (file " + i + ", seed " + SEED + ")";
            if (run.exitCode() == 0) {
                succeeded++;
                JsonNode summary = run.json();
                assertThat(summary.get("rows_imported").asLong() + summary.get("rows_rejected").asLong()
                        + summary.get("duplicates_skipped").asLong() + summary.get("rows_not_events").asLong()).as(what)
                        .isEqualTo(summary.get("rows_read").asLong());
                assertThat(events(project) - events(before)).as(what)
                        .isEqualTo(summary.get("rows_imported").asLong());
            } else {
                assertThat(run.exitCode()).as(what + ": " + run.err()).isEqualTo(1);
                String message = run.err().strip();
                assertThat(message.lines()).as(what + ": one sentence").hasSize(1);
                assertThat(message).as(what).doesNotContain("Exception", "\tat ", "java.", "org.h2", "[9",
                        "com.fasterxml").endsWith(".");
                assertThat(message).as(what + ": names the file or the project")
                        .containsAnyOf(mutated.getFileName().toString(), "fuzzed");
                assertThat(dump(project)).as(what + ": the project is as it was").isEqualTo(before);
            }
            Files.delete(mutated);
        }
        assertThat(succeeded).as("some mutations are harmless and import").isPositive();
    }

    private static CliRun withinTimeLimit(Path file, String project) throws Exception {
        Future<CliRun> run = runner.submit(() -> CliRun.of("import", "--project", project, file.toString(),
                "--append"));
        return run.get(60, TimeUnit.SECONDS);
    }

    /** The project as users see it: event names with their counts and users. */
    private static String dump(String project) {
        CliRun events = CliRun.of("events", "--project", project);
        assertThat(events.exitCode()).as(events.err()).isZero();
        return events.out();
    }

    private static long events(String dumpOrProject) throws Exception {
        String json = dumpOrProject.startsWith("{") ? dumpOrProject : dump(dumpOrProject);
        long total = 0;
        for (JsonNode e : new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("events")) {
            total += e.get("events").asLong();
        }
        return total;
    }

    private static final int MUTATIONS = 9;

    private static String mutationName(int kind) {
        return switch (kind) {
            case 0 -> "truncation";
            case 1 -> "byte flips";
            case 2 -> "stray quote";
            case 3 -> "huge field";
            case 4 -> "broken UTF-8";
            case 5 -> "bad time";
            case 6 -> "lost newlines";
            case 7 -> "NUL and control bytes";
            default -> "duplicated lines";
        };
    }

    static byte[] mutate(byte[] original, String mutation, Random random) {
        if (original.length == 0) {
            return original;
        }
        byte[] bytes = original.clone();
        return switch (mutation) {
            case "truncation" -> Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case "byte flips" -> {
                for (int i = 0; i < 1 + random.nextInt(5); i++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                yield bytes;
            }
            case "stray quote" -> insert(bytes, random.nextInt(bytes.length), "\"");
            case "huge field" -> insert(bytes, random.nextInt(bytes.length), "x".repeat(200_000 + random.nextInt(
                    100_000)));
            case "broken UTF-8" -> insert(bytes, random.nextInt(bytes.length), new String(new byte[] {(byte) 0xC3,
                (byte) 0x28, (byte) 0xFF}, StandardCharsets.ISO_8859_1));
            case "bad time" -> replaceDate(bytes, BAD_TIMES[random.nextInt(BAD_TIMES.length)]);
            case "lost newlines" -> {
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                int at = text.indexOf('\n', random.nextInt(bytes.length));
                yield at < 0 ? bytes : (text.substring(0, at) + text.substring(at + 1))
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            case "NUL and control bytes" -> insert(bytes, random.nextInt(bytes.length), "\u0000\u0001\u001b");
            default -> {
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                int at = text.indexOf('\n', random.nextInt(bytes.length));
                yield at < 0 ? bytes : (text.substring(0, at + 1) + text.substring(at + 1) + text.substring(at + 1))
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
        };
    }

    private static byte[] insert(byte[] bytes, int at, String text) {
        byte[] inserted = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] result = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
        return result;
    }

    /** The first thing that looks like a date (2024-01-01, 1704067200) replaced with {@code bad}. */
    private static byte[] replaceDate(byte[] bytes, String bad) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String replaced = text.replaceFirst("\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+Z?)?|1\\d{9}", bad);
        return replaced.getBytes(StandardCharsets.ISO_8859_1);
    }
}
