package io.funnelworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import command on packed files and native exports: what it prints about how it read them. */
class ImportNativeExportsCommandTest {
    @TempDir
    Path dir;

    private static Path vendorFile(String name) {
        try {
            return Path.of(ImportNativeExportsCommandTest.class.getResource("/corpus/vendors/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private Path zip(String name, String... entriesAndTexts) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < entriesAndTexts.length; i += 2) {
                out.putNextEntry(new ZipEntry(entriesAndTexts[i]));
                out.write(entriesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return file;
    }

    @Test
    void theAmplitudeZipImportsWithNoOptionAndSaysHowItWasRead() throws Exception {
        String project = dir.resolve("amp").toString();
        CliRun run = CliRun.of("import", "--project", project, vendorFile("amplitude-export.zip").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode how = run.json().get("how_read").get(0);
        assertThat(how.get("format").asText()).isEqualTo("Amplitude export (zip archive, UTF-8, JSON lines)");
        assertThat(how.get("user").asText()).isEqualTo("user_id, else device_id");
        assertThat(how.get("identity").asText()).isEqualTo("stitched");
        assertThat(how.get("anonymous_ids_stitched").asLong()).isEqualTo(2);
        assertThat(how.get("users_stitched_to").asLong()).isEqualTo(1);
        assertThat(how.get("duplicates_skipped").asLong()).isEqualTo(1);
        assertThat(run.json().get("detected_schema").asText()).isEqualTo("Amplitude export");
        assertThat(run.json().get("users").asLong()).isEqualTo(2);

        CliRun table = CliRun.of("events", "--project", project, "--format", "table");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("Viewed Pricing").contains("name");
        CliRun csv = CliRun.of("events", "--project", project, "--format", "csv");
        assertThat(csv.out().lines().toList()).startsWith("name,events,users", "Viewed Pricing,4,2");
    }

    @Test
    void rowIdentityAndAnExplicitAnonymousIdColumn() throws Exception {
        Path csv = dir.resolve("app.csv");
        Files.writeString(csv, "account,visitor,event,time\n,v1,view,2024-01-01T10:00:00Z\n"
                + "a1,v1,signup,2024-01-01T10:05:00Z\n,v2,view,2024-01-01T11:00:00Z\n");
        CliRun stitched = CliRun.of("import", "--project", dir.resolve("s").toString(), csv.toString(), "--user",
                "account", "--anonymous-id", "visitor");
        assertThat(stitched.exitCode()).as(stitched.err()).isZero();
        assertThat(stitched.json().get("users").asLong()).isEqualTo(2);
        assertThat(stitched.json().get("how_read").get(0).get("rows_using_anonymous_id").asLong()).isEqualTo(2);

        CliRun row = CliRun.of("import", "--project", dir.resolve("r").toString(), csv.toString(), "--user",
                "account", "--anonymous-id", "visitor", "--identity", "row");
        assertThat(row.exitCode()).as(row.err()).isZero();
        assertThat(row.json().get("users").asLong()).isEqualTo(3);

        CliRun wrong = CliRun.of("import", "--project", dir.resolve("w").toString(), csv.toString(), "--identity",
                "merged");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("--identity merged is not one of stitched, row.");
    }

    @Test
    void gzippedCsvAndAZipOfCsvFilesSharingTheirHeader() throws Exception {
        Path gz = dir.resolve("export.csv.gz");
        Files.write(gz, gzip("user_id,event,time\nu1,view,2024-01-01T10:00:00Z\nu1,buy,2024-01-01T10:05:00Z\n"));
        CliRun packed = CliRun.of("import", "--project", dir.resolve("gz").toString(), gz.toString());
        assertThat(packed.exitCode()).as(packed.err()).isZero();
        assertThat(packed.json().get("rows_imported").asLong()).isEqualTo(2);
        assertThat(packed.json().get("how_read").get(0).get("format").asText())
                .isEqualTo("gzip-compressed, UTF-8, comma-separated");

        Path zip = zip("days.zip", "day1.csv", "user_id,event,time\nu1,view,2024-01-01T10:00:00Z\n",
                "__MACOSX/._day1.csv", "junk", "day2.csv", "user_id,event,time\r\nu2,view,2024-01-02T10:00:00Z");
        CliRun zipped = CliRun.of("import", "--project", dir.resolve("zip").toString(), zip.toString());
        assertThat(zipped.exitCode()).as(zipped.err()).isZero();
        assertThat(zipped.json().get("rows_read").asLong()).isEqualTo(2);
        assertThat(zipped.json().get("users").asLong()).isEqualTo(2);
    }

    @Test
    void aZipOfFilesWithDifferentColumnsOrADamagedGzipIsRefusedWithTheReason() throws Exception {
        Path zip = zip("mixed.zip", "a.csv", "user_id,event,time\nu1,view,2024-01-01T10:00:00Z\n",
                "b.csv", "visitor,action,when\nu2,view,2024-01-02T10:00:00Z\n");
        CliRun mixed = CliRun.of("import", "--project", dir.resolve("m").toString(), zip.toString());
        assertThat(mixed.exitCode()).isEqualTo(1);
        assertThat(mixed.err()).contains("mixed.zip holds files with different columns: b.csv starts with"
                + " 'visitor,action,when', a.csv with 'user_id,event,time'");
        assertThat(Files.exists(dir.resolve("m.mv.db"))).isFalse();

        Path damaged = dir.resolve("cut.csv.gz");
        byte[] whole = gzip("user_id,event,time\n" + "u1,view,2024-01-01T10:00:00Z\n".repeat(20_000));
        Files.write(damaged, Arrays.copyOf(whole, whole.length / 2));
        CliRun cut = CliRun.of("import", "--project", dir.resolve("c").toString(), damaged.toString());
        assertThat(cut.exitCode()).isEqualTo(1);
        assertThat(cut.err()).contains("cut.csv.gz is a damaged or incomplete gzip file")
                .contains("nothing was imported").doesNotContain("Exception");
    }

    @Test
    void oneIdHoldingASuspiciousShareOfTheEventsIsWarnedAbout() throws Exception {
        StringBuilder csv = new StringBuilder("user_id,event,time\n");
        for (int i = 0; i < 40; i++) {
            csv.append("u").append(i).append(",view,2024-01-01T10:00:00Z\n");
        }
        for (int i = 0; i < 60; i++) {
            csv.append("guest,view,2024-01-01T10:").append(10 + i % 50).append(":00Z\n");
        }
        Path file = dir.resolve("guest.csv");
        Files.writeString(file, csv);
        CliRun run = CliRun.of("import", "--project", dir.resolve("g").toString(), file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String warning = run.json().get("how_read").get(0).get("warning").asText();
        assertThat(warning).startsWith("One user id, 'guest', holds 60 of the 100 events (60%), 60 times as many as"
                + " the median user.");
        assertThat(run.err()).contains("Warning: One user id, 'guest'");
    }
}
