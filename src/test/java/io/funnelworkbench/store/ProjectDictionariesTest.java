package io.funnelworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dictionaries of millions of strings are stored in rows of bounded size and read back whole, in order. */
class ProjectDictionariesTest {
    @TempDir
    Path dir;

    @Test
    void aLargeDictionaryIsStoredInRowsOfAtMostFourMegabytesAndReadBackInOrder() throws Exception {
        int users = 700_000;
        try (ProjectStore store = ProjectStore.create(dir.resolve("big"))) {
            store.transaction(c -> {
                ProjectDictionaries dictionaries = new ProjectDictionaries();
                for (int i = 0; i < users; i++) {
                    dictionaries.users.idOf("user-" + i);
                }
                dictionaries.save(c);
                dictionaries.markSaved();
                dictionaries.users.idOf("one more");
                dictionaries.save(c);
                return null;
            });
            List<Integer> rowBytes = new ArrayList<>();
            store.query(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT chunk_no, first_id, entry_count,"
                        + " OCTET_LENGTH(data) FROM dictionary_chunks WHERE dictionary = 'users' ORDER BY chunk_no");
                     ResultSet rs = ps.executeQuery()) {
                    int next = 0;
                    while (rs.next()) {
                        assertThat(rs.getInt(1)).isEqualTo(rowBytes.size());
                        assertThat(rs.getInt(2)).isEqualTo(next);
                        next += rs.getInt(3);
                        rowBytes.add(rs.getInt(4));
                    }
                    assertThat(next).isEqualTo(users + 1);
                }
                return null;
            });
            // 700,000 ids of 10-11 characters with a 4-byte length each: about 10 MB, so three rows, and the last
            // save's.
            assertThat(rowBytes).hasSize(4)
                    .allSatisfy(b -> assertThat(b).isLessThanOrEqualTo(ProjectDictionaries.CHUNK_BYTES));

            ProjectDictionaries loaded = store.query(ProjectDictionaries::load);
            assertThat(loaded.users.size()).isEqualTo(users + 1);
            assertThat(loaded.users.get(0)).isEqualTo("user-0");
            assertThat(loaded.users.get(users - 1)).isEqualTo("user-" + (users - 1));
            assertThat(loaded.users.get(users)).isEqualTo("one more");
            assertThat(loaded.users.find("user-123456")).isEqualTo(123_456);
            assertThat(store.query(ProjectDictionaries::loadTables).get("users").size()).isEqualTo(users + 1);
        }
    }
}
