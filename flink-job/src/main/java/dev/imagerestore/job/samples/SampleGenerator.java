package dev.imagerestore.job.samples;

import dev.imagerestore.models.damage.DamageGenerator;
import dev.imagerestore.models.damage.DamageKind;
import dev.imagerestore.models.damage.Damaged;
import dev.imagerestore.models.degrade.DegradationModel;
import dev.imagerestore.models.degrade.DegradationModel.Range;
import dev.imagerestore.models.degrade.Degradations;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.operators.OutputFormat;
import dev.imagerestore.operators.decode.ImageEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Makes the project's own sample inputs: procedurally drawn scenes (sky gradient, hills, sun,
 * a framed "print" with thin lines, fine value-noise texture) with scanner-like Gaussian grain of a
 * known level, written by the job's own encoder as 8-bit PNG, TIFF, JPEG, 16-bit PNG and grayscale PNG. No third-party image is
 * involved, so the samples can live in the repository. Deterministic for a given seed.
 */
public final class SampleGenerator {

    /**
     * One generated file, the grain level (sigma on the 0-255 scale; for film grain its mid-tone
     * level) that was added, and what was done to it.
     */
    public record Sample(Path file, double sigma, String degradation) {}

    private final long seed;

    public SampleGenerator(long seed) {
        this.seed = seed;
    }

    /** Writes the sample set into {@code folder} (created if needed) and returns what it wrote. */
    public List<Sample> writeAll(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("documents"));
        List<Sample> written = new ArrayList<>();
        written.add(write(folder.resolve("landscape-grain15.png"), scene(320, 240, 0), 15, 8));
        written.add(write(folder.resolve("landscape-grain25.tif"), scene(256, 192, 1), 25, 8));
        written.add(write(folder.resolve("meadow-grain10-16bit.png"), scene(240, 160, 4), 10, 16));
        written.add(write(folder.resolve("harbour-grain20.jpg"), scene(320, 224, 2), 20, 8));
        written.add(write(
                folder.resolve("documents/ledger-grain30.png"),
                ledger(288, 208, 3).toOneChannel(),
                30,
                8));
        written.add(writeFilmGrain(folder.resolve("street-filmgrain15-q75.jpg"), scene(320, 240, 5), 15, 0.75f));
        written.add(writeDamaged(folder.resolve("print-cracked-dust.png"), scene(320, 240, 6)));
        return written;
    }

    /** A generated scene with Gaussian grain of {@code sigma}/255, unclipped, 8-bit. */
    public FloatImage noisyScene(int width, int height, int variant, double sigma) {
        return addGrain(scene(width, height, variant), sigma, seed * 7919 + variant, 8);
    }

    private Sample write(Path file, FloatImage clean, double sigma, int bitDepth) throws IOException {
        FloatImage noisy =
                addGrain(clean, sigma, seed ^ file.getFileName().toString().hashCode(), bitDepth);
        String name = file.getFileName().toString();
        OutputFormat format = name.endsWith(".tif")
                ? OutputFormat.TIFF
                : name.endsWith(".jpg") ? OutputFormat.JPEG : OutputFormat.PNG;
        Files.write(file, ImageEncoder.builder().build().encode(noisy, Optional.empty(), format));
        return new Sample(file, sigma, String.format(java.util.Locale.ROOT, "grain sigma %.0f/255", sigma));
    }

    /**
     * A scan as it usually arrives: film grain of mid-tone level {@code amplitude}, correlated over
     * about 1.5 pixels and partly shared between channels, stronger in mid-tones (the project's
     * {@link Degradations} grain), then saved once as JPEG at {@code quality} with 4:2:0 chroma.
     */
    private Sample writeFilmGrain(Path file, FloatImage clean, double amplitude, float quality) throws IOException {
        DegradationModel grain = new DegradationModel(
                0,
                0,
                Range.of(0),
                Range.of(0),
                0,
                Range.of(1),
                1,
                0,
                Range.of(amplitude),
                Range.of(1.5),
                0,
                Range.of(1e-3),
                Range.of(1),
                0,
                Range.of(0),
                0,
                0,
                Range.of(95),
                0,
                1);
        FloatImage grainy =
                Degradations.of("film-grain", grain, seed).apply(clean, 0).image();
        Files.write(
                file,
                ImageEncoder.builder()
                        .optJpegQuality(quality)
                        .build()
                        .encode(grainy, Optional.empty(), OutputFormat.JPEG));
        return new Sample(
                file,
                amplitude,
                String.format(
                        java.util.Locale.ROOT,
                        "film grain %.0f/255 in mid-tones, correlated over 1.5 px, JPEG quality %.0f",
                        amplitude,
                        quality * 100));
    }

    /**
     * An old print's damage, as {@code restore --mask auto} is for: cracked emulsion, a scratch, dust,
     * lint and hairs drawn by the project's {@link DamageGenerator} (about 2-3 % of the pixels),
     * then light grain; saved as PNG.
     */
    private Sample writeDamaged(Path file, FloatImage clean) throws IOException {
        Damaged damaged = DamageGenerator.builder()
                .setSeed(seed)
                .optKinds(DamageKind.CRACKS, DamageKind.SCRATCH, DamageKind.DUST, DamageKind.LINT_AND_HAIR)
                .optCoverage(0.02, 0.03)
                .build()
                .render(clean, 6);
        FloatImage grainy = addGrain(
                damaged.image(), 5, seed ^ file.getFileName().toString().hashCode(), 8);
        Files.write(file, ImageEncoder.builder().build().encode(grainy, Optional.empty(), OutputFormat.PNG));
        return new Sample(
                file,
                5,
                String.format(
                        java.util.Locale.ROOT,
                        "cracks, a scratch, dust, lint and hairs over %.1f %% of the pixels, grain sigma 5/255",
                        100 * damaged.coverage()));
    }

    private static FloatImage addGrain(FloatImage clean, double sigma, long noiseSeed, int bitDepth) {
        SplittableRandom random = new SplittableRandom(noiseSeed);
        float[] samples = clean.toArray();
        for (int i = 0; i < samples.length; i++) {
            samples[i] += (float) (random.nextGaussian() * sigma / 255.0);
        }
        return FloatImage.wrap(clean.channels(), clean.height(), clean.width(), bitDepth, samples);
    }

    /** A landscape: sky gradient, sun disc, two hill lines, textured ground. */
    FloatImage scene(int width, int height, int variant) {
        SplittableRandom random = new SplittableRandom(seed * 31 + variant);
        ValueNoise texture = new ValueNoise(random.nextLong(), 8);
        double sunX = width * (0.2 + 0.6 * random.nextDouble());
        double sunY = height * (0.15 + 0.15 * random.nextDouble());
        double sunR = height * 0.08;
        double phase = random.nextDouble() * Math.PI * 2;
        float[] out = new float[3 * width * height];
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double hill1 = height * (0.55 + 0.08 * Math.sin(x * 0.021 + phase));
                double hill2 = height * (0.68 + 0.05 * Math.sin(x * 0.047 + 2 * phase));
                double[] rgb;
                if (y > hill2) {
                    double t = texture.at(x, y);
                    rgb = new double[] {0.25 + 0.2 * t, 0.35 + 0.25 * t, 0.15 + 0.1 * t};
                } else if (y > hill1) {
                    double t = texture.at(x * 0.5, y * 0.5);
                    rgb = new double[] {0.3 + 0.1 * t, 0.45 + 0.15 * t, 0.3 + 0.1 * t};
                } else {
                    double g = (double) y / hill1;
                    rgb = new double[] {0.45 + 0.3 * g, 0.6 + 0.25 * g, 0.9 - 0.1 * g};
                    double d = Math.hypot(x - sunX, y - sunY);
                    if (d < sunR) {
                        rgb = new double[] {1.0, 0.92, 0.6};
                    }
                }
                for (int c = 0; c < 3; c++) {
                    out[c * plane + y * width + x] = (float) Math.min(1, Math.max(0, rgb[c]));
                }
            }
        }
        return FloatImage.wrap(3, height, width, 8, out);
    }

    /** A ruled ledger page: paper tone with fibres, ruled lines, pen strokes. */
    FloatImage ledger(int width, int height, int variant) {
        SplittableRandom random = new SplittableRandom(seed * 131 + variant);
        ValueNoise fibres = new ValueNoise(random.nextLong(), 3);
        float[] out = new float[3 * width * height];
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 0.86 + 0.06 * fibres.at(x, y);
                if (y % 18 == 0) {
                    v = 0.55;
                }
                if (x == 36 || x == 37) {
                    v = 0.6;
                }
                double stroke = Math.sin(x * 0.35 + (y / 18) * 1.7) * Math.sin(x * 0.05);
                if (y % 18 > 6 && y % 18 < 13 && x > 44 && x < width - 20 && stroke > 0.55) {
                    v = 0.15;
                }
                for (int c = 0; c < 3; c++) {
                    out[c * plane + y * width + x] = (float) (v - 0.02 * c);
                }
            }
        }
        return FloatImage.wrap(3, height, width, 8, out);
    }
}
