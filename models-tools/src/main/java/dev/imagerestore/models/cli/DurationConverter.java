package dev.imagerestore.models.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option the way people write it: a number and a unit ({@code 500ms}, {@code 5s},
 * {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 1d}) or ISO-8601 ({@code PT5S}, {@code PT0.05S}).
 * A bare number is refused, since its unit would be a guess.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern HUMAN = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** The duration {@code value} stands for; throws TypeConversionException naming the accepted forms. */
    public static Duration parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = HUMAN.matcher(text);
        if (m.matches()) {
            double millis = Double.parseDouble(m.group(1)) * unitMillis(m.group(2));
            return Duration.ofNanos(Math.round(millis * 1e6));
        }
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration; write a number and a unit "
                    + "(500ms, 5s, 2m, 1h) or ISO-8601 (PT5S)");
        }
    }

    private static double unitMillis(String unit) {
        return switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
    }
}
