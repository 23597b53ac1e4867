package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte-level CSV reader on inline text, and the thread that reads ahead of it. */
class CsvRecordSourceTest {
    private static CsvRecordSource reader(String text) throws IOException {
        CsvRecordSource csv = new CsvRecordSource(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                ',');
        csv.readHeader(true, 0);
        return csv;
    }

    private static List<String> fields(RecordSource r) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < r.fieldCount(); i++) {
            values.add(r.text(i));
        }
        return values;
    }

    @Test
    void quotedValuesMayHoldDelimitersQuotesAndNewlines() throws IOException {
        CsvRecordSource csv = reader("a,b\n\"x,1\",\"say \"\"hi\"\"\nthere\"\r\nplain,last\n");
        assertThat(csv.next()).isTrue();
        assertThat(fields(csv)).containsExactly("x,1", "say \"hi\"\nthere");
        assertThat(csv.problem()).isNull();
        assertThat(csv.next()).isTrue();
        assertThat(fields(csv)).containsExactly("plain", "last");
        assertThat(csv.line()).isEqualTo(4);
        assertThat(csv.next()).isFalse();
    }

    /** One stray quote used to take the rest of the file as one value; now it costs its own row only. */
    @Test
    void aStrayQuoteCostsOneRowAndReadingGoesOnAtTheNextLine() throws IOException {
        StringBuilder text = new StringBuilder("user,event\nu0,\"oops\n");
        int rows = CsvRecordSource.MAX_QUOTED_LINES + 500;
        for (int i = 1; i <= rows; i++) {
            text.append('u').append(i).append(",view\n");
        }
        CsvRecordSource csv = reader(text.toString());
        assertThat(csv.next()).isTrue();
        assertThat(csv.line()).isEqualTo(2);
        assertThat(csv.problem()).startsWith("a quote opened in this row is not closed within 1000 lines");
        int good = 0;
        while (csv.next()) {
            assertThat(csv.problem()).isNull();
            assertThat(fields(csv)).containsExactly("u" + (good + 1), "view");
            good++;
        }
        assertThat(good).isEqualTo(rows);
    }

    @Test
    void aQuoteOpenAtTheEndOfAShortFileIsOneRejectedRow() throws IOException {
        CsvRecordSource csv = reader("a,b\n1,2\n3,\"unfinished\n4,5\n");
        assertThat(csv.next()).isTrue();
        assertThat(csv.problem()).isNull();
        assertThat(csv.next()).isTrue();
        assertThat(csv.problem()).startsWith("a quoted value is not closed");
        assertThat(csv.next()).isFalse();
    }

    /** The buffer never doubles past a bound (it once overflowed into a negative size). */
    @Test
    void aRowLongerThanAnyRealOneIsAnErrorNamingItsLine() throws IOException {
        String text = "a,b\n1,2\n3," + "x".repeat(3 << 20) + "\n";
        CsvRecordSource csv = new CsvRecordSource(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                ',', 2 << 20);
        csv.readHeader(true, 0);
        assertThat(csv.next()).isTrue();
        assertThatThrownBy(csv::next).isInstanceOf(IOException.class)
                .hasMessage("the row starting on line 3 is longer than 2 MB, so the file is not one event per row");
    }

    /** A failure of the reading thread, running out of memory included, is never the end of the file. */
    @Test
    void theReadAheadThreadsFailureReachesTheImportingThread() throws IOException {
        CsvRecordSource csv = reader("a\n1\n2\n3\n");
        RecordSource failing = new RecordSource() {
            private int read;

            @Override
            public List<String> headers() {
                return csv.headers();
            }

            @Override
            public boolean next() throws IOException {
                if (++read == 3) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return csv.next();
            }

            @Override
            public long line() {
                return csv.line();
            }

            @Override
            public int fieldCount() {
                return csv.fieldCount();
            }

            @Override
            public byte[] bytes() {
                return csv.bytes();
            }

            @Override
            public int start(int field) {
                return csv.start(field);
            }

            @Override
            public int end(int field) {
                return csv.end(field);
            }

            @Override
            public String problem() {
                return csv.problem();
            }

            @Override
            public long bytesRead() {
                return csv.bytesRead();
            }

            @Override
            public void close() throws IOException {
                csv.close();
            }
        };
        try (PrefetchingSource ahead = new PrefetchingSource(failing)) {
            assertThatThrownBy(() -> {
                while (ahead.next()) {
                    assertThat(ahead.fieldCount()).isEqualTo(1);
                }
            }).isInstanceOf(OutOfMemoryError.class);
        }
    }
}
