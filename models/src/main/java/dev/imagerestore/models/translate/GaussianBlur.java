package dev.imagerestore.models.translate;

/** Separable Gaussian blur of one plane with clamped (replicated) edges, radius ceil(3 sigma). Stateless. */
final class GaussianBlur {

    private GaussianBlur() {}

    static float[] blur(float[] plane, int height, int width, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        float[] rows = new float[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int sx = Math.max(0, Math.min(width - 1, x + k));
                    acc += kernel[k + radius] * plane[y * width + sx];
                }
                rows[y * width + x] = acc;
            }
        }
        float[] out = new float[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int sy = Math.max(0, Math.min(height - 1, y + k));
                    acc += kernel[k + radius] * rows[sy * width + x];
                }
                out[y * width + x] = acc;
            }
        }
        return out;
    }
}
