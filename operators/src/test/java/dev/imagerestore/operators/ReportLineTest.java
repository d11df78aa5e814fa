package dev.imagerestore.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReportLineTest {

    @Test
    void restoredImageLineHasTheDocumentedKeysInOrder() {
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("decode", 12L);
        timings.put("inference", 900L);
        timings.put("encode", 30L);
        RestoredImage image = new RestoredImage(
                "a/b.png",
                "a/b.png",
                OutputFormat.PNG,
                new byte[4],
                640,
                480,
                16,
                "denoise",
                OptionalDouble.of(0.05),
                timings);

        assertThat(ReportLine.restored(image).toJson())
                .isEqualTo(
                        "{\"status\":\"ok\",\"input\":\"a/b.png\","
                                + "\"output\":\"a/b.png\",\"task\":\"denoise\",\"width\":640,\"height\":480,\"bitDepth\":16,"
                                + "\"format\":\"png\",\"noiseLevel\":0.05,\"timingsMs\":{\"decode\":12,\"inference\":900,\"encode\":30}}");
    }

    @Test
    void blindRestorationAddsItsMeasuresAndTheSavedMaskAfterTheMaskedFraction() {
        RestoredImage image = new RestoredImage(
                        "a/b.png",
                        "a/b.png",
                        OutputFormat.PNG,
                        new byte[4],
                        640,
                        480,
                        8,
                        "restore",
                        OptionalDouble.empty(),
                        Map.of())
                .withMaskedFraction(0.125)
                .withRestorationMeasures(OptionalDouble.of(2.5), OptionalDouble.of(0.75))
                .withSideFile(new SideFile("a/b.mask.png", new byte[2]));

        assertThat(ReportLine.restored(image).toJson())
                .contains("\"noiseLevel\":null,\"maskedFraction\":0.125,"
                        + "\"rmsChange\":2.5,\"maskConfidence\":0.75,\"maskOutput\":\"a/b.mask.png\",\"timingsMs\":{}");
        assertThatThrownBy(() -> image.withRestorationMeasures(OptionalDouble.of(1), OptionalDouble.of(1.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maskConfidence must be in [0, 1], got 1.5");
    }

    @Test
    void missingNoiseLevelIsNull() {
        RestoredImage image = new RestoredImage(
                "x.gif", "x.png", OutputFormat.PNG, new byte[1], 1, 1, 8, "copy", OptionalDouble.empty(), Map.of());

        assertThat(ReportLine.restored(image).toJson()).contains("\"noiseLevel\":null,\"timingsMs\":{}");
    }

    @Test
    void failureLineNamesFileStageAndReasonAndEscapesIt() {
        ReportLine line = ReportLine.failed(new DeadLetter("c \"1\".jpg", PipelineStage.DECODE, "bad <data>\nhere"));

        assertThat(line.isFailure()).isTrue();
        assertThat(line.toJson())
                .isEqualTo("{\"status\":\"failed\",\"input\":\"c \\\"1\\\".jpg\",\"stage\":\"decode\","
                        + "\"reason\":\"bad <data>\\nhere\"}");
        assertThat(ReportLine.parse(line.toJson())).isEqualTo(line);
    }

    @Test
    void skippedLineHasTheFailureShapeWithItsOwnStatusAndEveryLineTakesTheRunIdLast() {
        ReportLine line =
                ReportLine.failed(DeadLetter.skipped("x.webp", PipelineStage.SOURCE, "not an image extension"));

        assertThat(line.isSkipped()).isTrue();
        assertThat(line.isFailure()).isFalse();
        assertThat(line.withRun("r1").toJson())
                .isEqualTo("{\"status\":\"skipped\",\"input\":\"x.webp\","
                        + "\"stage\":\"source\",\"reason\":\"not an image extension\",\"run\":\"r1\"}");
        assertThat(ReportLine.parse(line.withRun("r1").toJson()).status()).isEqualTo("skipped");
    }

    @Test
    void parseRejectsWhatIsNotAReportLine() {
        assertThatThrownBy(() -> ReportLine.parse("[1,2]")).hasMessageContaining("must be an object with a status");
        assertThatThrownBy(() -> ReportLine.parse("{\"status\":\"maybe\"}"))
                .hasMessageContaining("a report line must be an object with a status and an input");
        assertThatThrownBy(() -> ReportLine.parse("{\"status\":\"maybe\",\"input\":\"a.png\"}"))
                .hasMessage("report status must be one of [ok, failed, skipped], got 'maybe'");
    }
}
