package io.funnelworkbench.importer;

import io.funnelworkbench.model.ImportProgress;
import io.funnelworkbench.model.ImportProgress.Phase;
import io.funnelworkbench.model.Progress;
import io.funnelworkbench.store.ProjectStore;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by the kill test: imports a file and, once the import has rows under way in the phase named
 * in args[2] (an {@link ImportProgress.Phase}), says so and stalls, so that the parent can kill it at a known point.
 */
public final class ImportThenStallMain {
    private ImportThenStallMain() {
    }

    public static void main(String[] args) throws Exception {
        Phase stallAt = Phase.valueOf(args[2]);
        try (ProjectStore store = ProjectStore.open(Path.of(args[0]))) {
            new ImportService(store).importFiles(List.of(Path.of(args[1])), null, ImportOptions.DEFAULT,
                    stallingAt(stallAt));
        }
        System.out.println("finished without stalling");
    }

    /** Stalls at the first report of {@code phase} with rows read or saved, so the import is mid-way in it. */
    private static Progress stallingAt(Phase phase) {
        return new Progress() {
            @Override
            public void report(long done, long total, String message) {
            }

            @Override
            public void importing(ImportProgress step) {
                if (step.phase() == phase && step.rows() > 0) {
                    System.out.println("stalled at " + phase);
                    System.out.flush();
                    sleepForever();
                }
            }
        };
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
