package io.funnelworkbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelworkbench.model.TeamConnection.SourceFormat;
import org.junit.jupiter.api.Test;

/** What a connected project may hold: an sc://HOST:PORT address, a variable's name, a table or a path, columns. */
class TeamConnectionTest {
    private static TeamConnection table(String address) {
        return TeamConnection.at(address, true, "SPARK_TOKEN", "analytics.events", null, null, "user_id",
                "event_name", "ts", null, null);
    }

    @Test
    void anAddressIsHostAndPortOnly() {
        TeamConnection connection = table("sc://spark.example.com:15002");
        assertThat(connection.host()).isEqualTo("spark.example.com");
        assertThat(connection.port()).isEqualTo(15002);
        assertThat(connection.address()).isEqualTo("sc://spark.example.com:15002");
        assertThat(connection.identity()).isEqualTo(TeamConnection.STITCHED);
        assertThat(table(" sc://10.0.0.7:443/ ").address()).isEqualTo("sc://10.0.0.7:443");
        for (String free : new String[] {"sc://h:15002/;token=abc", "sc://h:15002/;use_ssl=true", "http://h:15002",
            "sc://h", "sc://user@h:15002", "sc://h:15002?x=1", "h:15002"}) {
            assertThatThrownBy(() -> table(free)).as(free).isInstanceOf(TeamConnection.Invalid.class)
                    .hasMessageStartingWith("--spark " + free + " is not a Spark Connect address: write it as"
                            + " sc://HOST:PORT");
        }
        assertThatThrownBy(() -> table("sc://h:70000")).hasMessage("The Spark Connect port 70000 is outside 1 to"
                + " 65535.");
    }

    @Test
    void theTokenIsNamedNeverGiven() {
        assertThatThrownBy(() -> TeamConnection.at("sc://h:1", true, "eyJhbGciOi.J9x-y", "events", null, null, "u",
                "e", "t", null, null)).isInstanceOf(TeamConnection.Invalid.class)
                .hasMessageStartingWith("--token-env takes the NAME of an environment variable");
    }

    @Test
    void aSourceIsATableOrAPathWithItsFormat() {
        TeamConnection files = TeamConnection.at("sc://h:1", false, null, null, "s3a://bucket/events/",
                SourceFormat.of("Parquet"), "u", "e", "t", "s", "row");
        assertThat(files.describeSource()).isEqualTo("the PARQUET files at s3a://bucket/events/");
        assertThat(files.identity()).isEqualTo(TeamConnection.ROW);
        assertThatThrownBy(() -> TeamConnection.at("sc://h:1", false, null, "events", "/data/e.csv",
                SourceFormat.CSV, "u", "e", "t", null, null)).hasMessageStartingWith("Give the events' source as"
                + " either --table NAME or --path URI");
        assertThatThrownBy(() -> TeamConnection.at("sc://h:1", false, null, null, "/data/e.csv", null, "u", "e",
                "t", null, null)).hasMessage("--path needs --source-format parquet, csv or json.");
        assertThatThrownBy(() -> TeamConnection.at("sc://h:1", false, null, "events; DROP TABLE x", null, null,
                "u", "e", "t", null, null)).hasMessageStartingWith("--table events; DROP TABLE x is not a table name");
        assertThatThrownBy(() -> SourceFormat.of("delta")).hasMessage("--source-format delta is not one of parquet,"
                + " csv or json.");
    }

    @Test
    void columnsAndIdentityAreChecked() {
        assertThatThrownBy(() -> TeamConnection.at("sc://h:1", false, null, "events", null, null, " ", "e", "t",
                null, null)).hasMessage("--user needs the name of a column of the source.");
        assertThatThrownBy(() -> TeamConnection.at("sc://h:1", false, null, "events", null, null, "u", "e", "t",
                null, "merged")).hasMessage("--identity merged is neither stitched nor row.");
    }
}
