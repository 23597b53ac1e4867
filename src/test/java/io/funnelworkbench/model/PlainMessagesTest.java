package io.funnelworkbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainMessagesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "IO Exception: \"/x/p.mv.db\" [90028-240]|IO Exception: \"/x/p.mv.db\"",
        "Table \"T\" not found; SQL statement:\\nSELECT 1 [42102-240]|Table \"T\" not found",
        "String value length (20000001) exceeds the maximum allowed (20000000, from"
            + " `StreamReadConstraints.getMaxStringLength()`)"
            + "|String value length (20000001) exceeds the maximum allowed (20000000)",
        "Unexpected character ('x' (code 120)) at [Source: REDACTED; line: 1, column: 2]"
            + "|Unexpected character ('x' (code 120))",
        "java.io.IOException: -2147483648|-2147483648",
        "General error: \"Capacity: 82500499 [2.4.240/3] [2.4.240/3]\" [50000-240]"
            + "|General error: \"Capacity: 82500499\"",
    })
    void keepsWhatAUserCanRead(String message, String plain) {
        assertThat(PlainMessages.clean(message.replace("\\n", "\n"))).isEqualTo(plain);
    }

    @Test
    void findsRunningOutOfMemoryWrappedInAStorageError() {
        Exception wrapped = new SQLException("General error", new IllegalStateException("Capacity",
                new OutOfMemoryError("Capacity: 82500499")));
        assertThat(PlainMessages.isOutOfMemory(wrapped)).isTrue();
        assertThat(PlainMessages.isOutOfMemory(new SQLException("Table not found"))).isFalse();
    }
}
