package dev.imagerestore.models.sampler;

/** The check every scheduler config makes of its step count. */
final class Steps {

    /** The most strides any scheduler takes, far above the length of any schedule in use. */
    static final int MAX = 10_000;

    private Steps() {}

    static int check(int steps) {
        if (steps < 1 || steps > MAX) {
            throw new IllegalArgumentException("a sampler needs between 1 and " + MAX + " steps, got " + steps);
        }
        return steps;
    }
}
