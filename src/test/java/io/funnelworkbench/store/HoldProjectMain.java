package io.funnelworkbench.store;

import java.nio.file.Path;

/**
 * Run in a child JVM by tests: holds a project open (for reading with a second argument "read") until its standard
 * input closes.
 */
public final class HoldProjectMain {
    private HoldProjectMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean reading = args.length > 1 && args[1].equals("read");
        try (ProjectStore store = reading ? ProjectStore.openForReading(Path.of(args[0]))
                : ProjectStore.open(Path.of(args[0]))) {
            System.out.println("holding " + store.name());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
    }
}
