package dev.imagerestore.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagerestore.operators.inference.InferenceStage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Every operator of every job shape has a fixed uid, so that state in a checkpoint or savepoint
 * maps back to its operator after the job's code changes. Flink refuses to build the graph with
 * {@code pipeline.auto-generate-uids: false} when an operator lacks one; the test also checks that
 * the uids are the job's own, unique names.
 */
class RestoreJobUidsTest {

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "denoise",
                "inpaint",
                "inpaint,denoise",
                "depth2img",
                "restore",
                "restore --mask sidecar",
                "denoise --watch PT2S",
                "inpaint --mask auto --watch PT2S"
            })
    void everyOperatorHasAStableUid(String options) throws java.io.IOException {
        List<String> args = new ArrayList<>(List.of(
                "--input",
                work.resolve("in").toString(),
                "--output",
                work.resolve("out").toString(),
                "--task"));
        args.addAll(List.of(options.split(" ")));
        if (options.startsWith("depth2img")) {
            args.addAll(List.of("--target", "night"));
        }
        if (options.startsWith("restore --mask")) {
            // masks need a restorer trained on damage; the zoo's was trained without
            TinyRestorationModels.write(work.resolve("models"));
            args.addAll(List.of(
                    "--model",
                    TinyRestorationModels.restorer(work.resolve("models")).toString()));
        }
        RestoreCommand command = new RestoreCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args.toArray(String[]::new));

        Configuration config = new Configuration();
        config.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        RestoreJob.define(env, command.spec(config, 8));
        StreamGraph graph = env.getStreamGraph();

        List<String> uids = graph.getStreamNodes().stream()
                .map(StreamNode::getTransformationUID)
                .toList();
        // Ours are kebab-case; Flink derives the uid of a sink's committer from the sink's ("Sink Committer: x").
        assertThat(uids)
                .doesNotContainNull()
                .doesNotHaveDuplicates()
                .allSatisfy(uid -> assertThat(uid).matches("([A-Z][a-z]+ [A-Z][a-z]+: )?[a-z0-9-]+"));
        assertThat(uids)
                .contains(
                        InferenceStage.OPERATOR_UID,
                        "split-outcomes",
                        "image-source",
                        "decode",
                        "report-sink",
                        "report-recovered");
        // every run writes each file before its line; a continuous one renames at checkpoints through a sink
        assertThat(uids).contains("write-restored-files", "report-write-failures");
        if (options.contains("--watch")) {
            assertThat(uids).contains("restored-file-sink");
        } else {
            assertThat(uids).doesNotContain("restored-file-sink");
        }
        assertThat(uids)
                .as("depth2img runs in the device stage, not an operator of its own")
                .doesNotContain("depth2img");
    }
}
