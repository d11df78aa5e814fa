package dev.imagerestore.models.damage.internal;

/**
 * Draws one damage element onto a {@link Stage}'s layers, sized so that it adds roughly
 * {@code budget} pixels to the mask it feeds (less when its natural size is smaller). Draws from the
 * stage's random stream in a fixed order, so a render is a function of its seed alone.
 */
@FunctionalInterface
interface Painter {

    void paint(Stage stage, double budget);
}
