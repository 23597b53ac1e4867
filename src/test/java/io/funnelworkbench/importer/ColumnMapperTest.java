package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnMapperTest {
    @Test
    void mapsGa4Columns() {
        ColumnMapping m = ColumnMapper.map(List.of("event_date", "event_timestamp", "event_name", "user_pseudo_id",
                "ga_session_id"), List.of());
        assertThat(m.roles()).containsExactly(ColumnRole.PROPERTY, ColumnRole.TIME, ColumnRole.EVENT,
                ColumnRole.USER, ColumnRole.SESSION);
    }

    @Test
    void mapsMixpanelAndPostHogColumns() {
        assertThat(ColumnMapper.map(List.of("event", "distinct_id", "time", "$insert_id"), List.of()).roles())
                .containsExactly(ColumnRole.EVENT, ColumnRole.USER, ColumnRole.TIME, ColumnRole.INSERT_ID);
        assertThat(ColumnMapper.map(List.of("uuid", "event", "distinct_id", "timestamp", "$session_id"), List.of())
                .roles()).containsExactly(ColumnRole.INSERT_ID, ColumnRole.EVENT, ColumnRole.USER, ColumnRole.TIME,
                ColumnRole.SESSION);
    }

    @Test
    void findsTheTimeColumnByContentWhenNoHeaderSaysSo() {
        ColumnMapping m = ColumnMapper.map(List.of("mql_id", "won_date", "segment", "count"),
                List.of(List.of("a", "2018-02-26 19:58:54", "pet", "12"),
                        List.of("b", "2018-05-08 20:17:59", "car", "3")));
        assertThat(m.roles()).containsExactly(ColumnRole.USER, ColumnRole.TIME, ColumnRole.PROPERTY,
                ColumnRole.PROPERTY);
    }

    @Test
    void movingAUniqueRoleTakesItFromTheOtherColumn() {
        ColumnMapping m = ColumnMapper.map(List.of("user_id", "event", "time", "device_id"), List.of());
        ColumnMapping changed = m.withRole(3, ColumnRole.USER);
        assertThat(changed.roles()).containsExactly(ColumnRole.PROPERTY, ColumnRole.EVENT, ColumnRole.TIME,
                ColumnRole.USER);
    }

    @Test
    void detectsDelimiters() {
        assertThat(TextFormat.delimiterOf("a;b;c\n1;2;3\n")).isEqualTo(';');
        assertThat(TextFormat.delimiterOf("a\tb\n1\t2\n")).isEqualTo('\t');
        assertThat(TextFormat.delimiterOf("a|b|c\n\"1,5\"|2|x\n")).isEqualTo('|');
    }
}
