package dev.imagerestore.models.damage.internal;

import java.util.SplittableRandom;

/**
 * What an element is drawn with: the image size, the damage layer (opacity of lost content and what
 * shows instead), the tone layer (strength and per-channel gain), the random stream of the image and a
 * fresh noise key for the element's per-pixel detail. Not thread-safe; one per render.
 */
public final class Stage {

    final int height;
    final int width;
    final Layer loss;
    final Layer tone;
    final SplittableRandom random;
    long key;

    public Stage(int height, int width, SplittableRandom random) {
        this.height = height;
        this.width = width;
        this.loss = new Layer(height, width);
        this.tone = new Layer(height, width);
        this.random = random;
    }

    /** Starts a new element: a fresh noise key from the image's stream. */
    void begin() {
        key = random.nextLong();
    }

    double diagonal() {
        return Math.hypot(height, width);
    }

    /** A uniform value in [a, b). */
    double uniform(double a, double b) {
        return a + (b - a) * random.nextDouble();
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Drops what the element drew on both layers. */
    void discard() {
        loss.clear();
        tone.clear();
    }
}
