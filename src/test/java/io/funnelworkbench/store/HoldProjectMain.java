package io.funnelworkbench.store;

import java.nio.file.Path;

/** Run in a child JVM by tests: holds a project open until its standard input closes. */
public final class HoldProjectMain {
    private HoldProjectMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ProjectStore store = ProjectStore.open(Path.of(args[0]))) {
            System.out.println("holding " + store.name());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
    }
}
