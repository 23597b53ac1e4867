package io.funnelworkbench.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Run in a child JVM by tests: in a process that opened a project, asks H2 for a function from a JDK class. */
public final class UserCodeProbeMain {
    private UserCodeProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ProjectStore store = ProjectStore.open(Path.of(args[0]));
             Connection c = store.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE ALIAS GET_PROPERTY FOR 'java.lang.System.getProperty(java.lang.String)'");
            System.out.println("allowed");
        } catch (SQLException e) {
            System.out.println("refused: " + e.getErrorCode());
        }
    }
}
