package io.funnelworkbench.importer;

import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import io.funnelworkbench.store.TeamConnections;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Imports several files with one mapping. Each file is its own transaction: when a later file fails, the
 * earlier ones stay imported and the failure names the file.
 */
public final class ImportService {
    private final ProjectStore store;

    public ImportService(ProjectStore store) {
        this.store = store;
    }

    public ImportSummary importFiles(List<Path> files, ColumnMapping mapping, ImportOptions options,
                                     Progress progress) {
        if (options.rejectsReport() != null && files.size() > 1) {
            throw new ImportException("A rejected-rows report named on the command line (--rejects) takes one file's"
                    + " rows; import the " + files.size() + " files one at a time, or leave --rejects out to have a"
                    + " report beside the project for each.");
        }
        TeamConnections.of(store).ifPresent(connection -> {
            throw new IllegalArgumentException("The project " + store.name() + " is connected to the team's"
                    + " Spark (" + connection.address() + "): its events stay there, so files cannot be imported"
                    + " into it. Import them into a project of their own.");
        });
        EventImporter importer = new EventImporter(store, options);
        List<FileImportResult> results = new ArrayList<>();
        for (Path file : files) {
            try {
                results.add(importer.importFile(file, mapping, progress));
            } catch (ImportException e) {
                throw results.isEmpty() ? e : new ImportException(e.getMessage() + " " + alreadyImported(results), e,
                        results.stream().map(FileImportResult::file).toList());
            }
        }
        return summarise(results);
    }

    /** Earlier files of the same call stay imported; the user must know, so as not to import them again. */
    private static String alreadyImported(List<FileImportResult> results) {
        return "The files before it were imported and stay in the project: " + String.join(", ",
                results.stream().map(r -> r.file().getFileName().toString()).toList()) + ".";
    }

    static ImportSummary summarise(List<FileImportResult> results) {
        BitSet users = new BitSet();
        Map<String, Long> events = new TreeMap<>();
        List<Path> rejects = new ArrayList<>();
        long read = 0;
        long imported = 0;
        long rejected = 0;
        long duplicates = 0;
        Long first = null;
        Long last = null;
        for (FileImportResult r : results) {
            users.or(r.users());
            r.eventsByName().forEach((name, count) -> events.merge(name, count, Long::sum));
            if (r.rejectsFile() != null) {
                rejects.add(r.rejectsFile());
            }
            read += r.rowsRead();
            imported += r.rowsImported();
            rejected += r.rowsRejected();
            duplicates += r.duplicatesSkipped();
            first = earlier(first, r.firstTimeMicros());
            last = later(last, r.lastTimeMicros());
        }
        return new ImportSummary(List.copyOf(results), read, imported, rejected, duplicates, rejects,
                users.cardinality(), events, first, last);
    }

    /** The earlier of two times where either may be absent (a file whose events were all already there). */
    private static Long earlier(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

    private static Long later(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }
}
