package dev.imagerestore.models.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, 500",
        "5s, 5000",
        "1.5s, 1500",
        "2m, 120000",
        "1h, 3600000",
        "1d, 86400000",
        "PT5S, 5000",
        "pt0.05s, 50",
        "PT2M, 120000",
        "' 10 s ', 10000",
        "0s, 0"
    })
    void readsNumbersWithUnitsAndIsoDurations(String text, long millis) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "five seconds", "5 sec", "-5s", "P", ""})
    void anythingElseIsRefusedWithTheAcceptedForms(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + text + "' is not a duration; write a number and a unit (500ms, 5s, 2m, 1h) "
                        + "or ISO-8601 (PT5S)");
    }
}
