package dev.imagerestore.models.damage.internal;

/**
 * What shows where content is lost, as RGB in [0, 1]: the paper base of a print (white, slightly warm
 * and yellowed), a dark base (the blackened gelatin or a dark mount showing through), a grey scuff, and
 * the background a scanner sees beyond a torn or missing piece (its white or black lid, grey, card).
 */
final class Tones {

    private Tones() {}

    /** Paper white: 0.84-0.99, blue 0.02-0.09 below red, green in between. */
    static double[] paper(Stage s) {
        double v = s.uniform(0.84, 0.99);
        double warm = s.uniform(0.02, 0.09);
        return new double[] {v, v - 0.4 * warm, v - warm};
    }

    /** A dark base: 0.03-0.25, a little warm. */
    static double[] dark(Stage s) {
        double v = s.uniform(0.03, 0.25);
        return new double[] {v + 0.015, v, v - 0.015};
    }

    /** Light or dark with the given chance of light. */
    static double[] lightOrDark(Stage s, double light) {
        return s.chance(light) ? paper(s) : dark(s);
    }

    /** A grey between the paper and the picture: 0.55-0.78. */
    static double[] scuff(Stage s) {
        double v = s.uniform(0.55, 0.78);
        return new double[] {v, v, v - 0.02};
    }

    /** The scanner's view beyond the print: white lid, black lid, grey or brown card. */
    static double[] background(Stage s) {
        double pick = s.random.nextDouble();
        if (pick < 0.4) {
            double v = s.uniform(0.9, 1.0);
            return new double[] {v, v, v};
        }
        if (pick < 0.7) {
            double v = s.uniform(0.0, 0.08);
            return new double[] {v, v, v};
        }
        if (pick < 0.85) {
            double v = s.uniform(0.35, 0.6);
            return new double[] {v, v, v};
        }
        double v = s.uniform(0.35, 0.6);
        return new double[] {v + 0.1, v, v - 0.12};
    }
}
