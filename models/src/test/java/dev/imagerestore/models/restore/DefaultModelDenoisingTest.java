package dev.imagerestore.models.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagerestore.models.DiffusionModel;
import dev.imagerestore.models.degrade.Awgn;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.io.ModelDirectory;
import dev.imagerestore.models.runtime.TorchThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The project's default model, where the checkout has it: it must actually remove noise. */
class DefaultModelDenoisingTest {

    private static Path defaultModel() {
        return Stream.of(Path.of("zoo/denoise-small"), Path.of("models/zoo/denoise-small"))
                .filter(p -> Files.isRegularFile(p.resolve(ModelDirectory.CARD_FILE)))
                .findFirst()
                .orElse(null);
    }

    @Test
    void defaultModelLowersTheErrorOfANoisySyntheticImage() throws Exception {
        Path directory = defaultModel();
        assumeTrue(directory != null, "models/zoo/denoise-small/model-card.json is not in this checkout");
        TorchThreads.configure(1);
        FloatImage clean = SyntheticImages.textured(3, 96, 128, 21);
        try (DiffusionModel model = DiffusionModel.load(directory)) {
            Denoiser denoiser = Denoiser.builder()
                    .setModel(model)
                    .optTileSize(64)
                    .optOverlap(16)
                    .build();
            for (double sigma : new double[] {15, 25, 50}) {
                FloatImage noisy = Awgn.add(clean, sigma, (long) sigma);
                double before = DenoiserTest.mse(noisy, clean);
                assertThat(DenoiserTest.mse(denoiser.denoise(noisy, sigma), clean))
                        .as("sigma %s", sigma)
                        .isLessThan(before / 2);
            }
        }
    }
}
