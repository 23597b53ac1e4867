package io.funnelworkbench.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON-lines readers on inline bytes. Every case runs on both readers, the one-thread {@link JsonLinesSource}
 * (previews) and the {@link ParallelJsonSource} (imports): they must agree record for record.
 */
class JsonLinesEdgeCasesTest {
    /** Each record as "line: problem" or "line: name=value ..." (columns first, then extra fields with a +). */
    private static List<String> records(String text, boolean parallel) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        JsonFields fields = new JsonFields();
        List<String> headers = JsonLinesSource.discoverHeaders(reader(bytes), fields);
        try (RecordSource source = parallel ? new ParallelJsonSource(reader(bytes), headers, fields)
                : new JsonLinesSource(reader(bytes), headers, fields)) {
            List<String> records = new ArrayList<>();
            while (source.next()) {
                records.add(describe(source));
            }
            return records;
        }
    }

    private static BufferedReader reader(byte[] bytes) {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
    }

    private static String describe(RecordSource source) {
        StringBuilder record = new StringBuilder().append(source.line()).append(':');
        if (source.problem() != null) {
            return record.append(' ').append(source.problem()).toString();
        }
        for (int i = 0; i < source.fieldCount(); i++) {
            if (source.end(i) > source.start(i)) {
                record.append(' ').append(source.headers().get(i)).append('=').append(source.text(i));
            }
        }
        source.extraFields().forEach(extra -> record.append(" +").append(extra[0]).append('=').append(extra[1]));
        return record.toString();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void blankLinesAreSkippedButCountAsLines(boolean parallel) throws IOException {
        assertThat(records("\n{\"u\":\"a\"}\n\n   \t\n{\"u\":\"b\"}\n\n", parallel))
                .containsExactly("2: u=a", "5: u=b");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void crlfLineEndingsLeaveNoCarriageReturnInAValue(boolean parallel) throws IOException {
        assertThat(records("{\"u\":\"a\",\"n\":1}\r\n{\"u\":\"b\",\"n\":2}\r\n", parallel))
                .containsExactly("1: u=a n=1", "2: u=b n=2");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aLineThatIsNotAnObjectIsOneRejectedRecord(boolean parallel) throws IOException {
        String text = "{\"u\":\"a\"}\n[1,2]\n\"text\"\n42\nnull\n{\"type\":\"x\"} \n[{\"type\":\"track\"}]\n"
                + "{\"u\":\"b\"}\n";
        assertThat(records(text, parallel)).containsExactly("1: u=a",
                "2: the line is not a JSON object",
                "3: the line is not a JSON object",
                "4: the line is not a JSON object",
                "5: the line is not a JSON object",
                "6: type=x",
                "7: the line is not a JSON object",
                "8: u=b");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTruncatedLastLineIsRejectedAndTheLinesBeforeItAreKept(boolean parallel) throws IOException {
        List<String> records = records("{\"u\":\"a\",\"e\":\"view\"}\n{\"u\":\"b\",\"e\":\"vi", parallel);
        assertThat(records).hasSize(2);
        assertThat(records.get(0)).isEqualTo("1: u=a e=view");
        assertThat(records.get(1)).startsWith("2: the line is not valid JSON: Unexpected end-of-input");
    }

    /** Beyond JsonFields.MAX_DEPTH levels a value stays JSON text; past the parser's own limit the line is refused. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void deeplyNestedValuesStayTextOrAreRefusedWithoutBreakingTheFile(boolean parallel) throws IOException {
        String eightLevels = "{\"a\":".repeat(8) + "1" + "}".repeat(8);
        String tooDeep = "[".repeat(5_000) + "]".repeat(5_000);
        String text = "{\"u\":\"a\",\"d\":" + eightLevels + "}\n{\"u\":\"b\",\"d\":" + tooDeep + "}\n{\"u\":\"c\"}\n";
        List<String> records = records(text, parallel);
        assertThat(records).hasSize(3);
        assertThat(records.get(0)).isEqualTo("1: u=a d.a.a.a.a.a.a={\"a\":{\"a\":1}}");
        assertThat(records.get(1)).startsWith("2: the line is not valid JSON: Document nesting depth (1001) exceeds");
        assertThat(records.get(2)).isEqualTo("3: u=c");
    }

    /** Numbers keep every digit the file wrote: no double rounding, no exponent notation. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hugeAndPreciseNumbersKeepTheirDigits(boolean parallel) throws IOException {
        String text = "{\"big\":123456789012345678901234567890,\"neg\":-98765432109876543210,"
                + "\"precise\":0.1000000000000000055511151231257827,\"exp\":1E+400,\"time\":1704067200.123456,"
                + "\"trailing\":2.50}\n";
        assertThat(records(text, parallel)).containsExactly("1: big=123456789012345678901234567890"
                + " neg=-98765432109876543210 precise=0.1000000000000000055511151231257827 exp=1"
                + "0".repeat(400) + " time=1704067200.123456 trailing=2.5");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void unicodeEscapesAndRawUtf8ReadAsTheSameText(boolean parallel) throws IOException {
        String text = "{\"city\":\"K\\u00f6ln\",\"face\":\"\\ud83d\\ude00\",\"tab\":\"a\\tb\",\"k\\u00e9y\":\"v\"}\n"
                + "{\"city\":\"Köln\",\"face\":\"😀\",\"tab\":\"a\\tb\",\"kéy\":\"v\"}\n";
        assertThat(records(text, parallel)).containsExactly("1: city=Köln face=😀 tab=a\tb kéy=v",
                "2: city=Köln face=😀 tab=a\tb kéy=v");
    }

    /** As most JSON readers do, the last of a repeated key wins (in a container as at the top). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRepeatedKeyKeepsItsLastValue(boolean parallel) throws IOException {
        String text = "{\"u\":\"first\",\"u\":\"last\",\"properties\":{\"plan\":\"a\",\"plan\":\"b\"}}\n";
        assertThat(records(text, parallel)).containsExactly("1: u=last plan=b");
    }

    /** Two objects on one line (a lost newline) are not one event with the second silently dropped. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void textAfterTheObjectIsRefused(boolean parallel) throws IOException {
        String text = "{\"u\":\"a\"}{\"u\":\"b\"}\n{\"type\":\"track\",\"u\":\"a\"} {\"u\":\"b\"}\n"
                + "{\"u\":\"c\"} trailing\n{\"u\":\"d\"}  \n";
        List<String> records = records(text, parallel);
        assertThat(records).hasSize(4);
        assertThat(records.get(0)).isEqualTo("1: " + JsonFields.TEXT_AFTER_OBJECT);
        assertThat(records.get(1)).isEqualTo("2: " + JsonFields.TEXT_AFTER_OBJECT);
        assertThat(records.get(2)).startsWith("3: the line is not valid JSON: Unrecognized token 'trailing'");
        assertThat(records.get(3)).isEqualTo("4: u=d");
    }
}
