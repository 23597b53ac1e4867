package io.funnelworkbench.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DuckDB's side of the start-up benchmark, run as its own process: opens a DuckDB database, runs one query and
 * prints the first row's columns separated by spaces.
 */
public final class DuckDbQuery {
    private DuckDbQuery() {
    }

    public static void main(String[] args) throws SQLException {
        try (Connection c = DriverManager.getConnection(args[0]);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(args[1])) {
            rs.next();
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(i == 1 ? "" : " ").append(rs.getString(i));
            }
            System.out.println(row);
        }
    }
}
