package io.funnelworkbench.importer;

import io.funnelworkbench.store.ProjectStore;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by the kill test: imports a file and, once the import reaches the phase named in
 * args[2], says so and stalls, so that the parent can kill it at a known point.
 */
public final class ImportThenStallMain {
    private ImportThenStallMain() {
    }

    public static void main(String[] args) throws Exception {
        String stallAt = args[2];
        try (ProjectStore store = ProjectStore.open(Path.of(args[0]))) {
            new ImportService(store).importFiles(List.of(Path.of(args[1])), null,
                    ImportOptions.DEFAULT, (done, total, message) -> {
                if (message.startsWith(stallAt) && done > 0) {
                    System.out.println("stalled at " + stallAt);
                    System.out.flush();
                    sleepForever();
                }
            });
        }
        System.out.println("finished without stalling");
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
