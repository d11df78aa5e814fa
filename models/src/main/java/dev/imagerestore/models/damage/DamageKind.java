package dev.imagerestore.models.damage;

/**
 * The kinds of damage a {@link DamageGenerator} draws, as old prints show them. All but {@link #STAIN}
 * replace content (they go into the damage mask); stains only change its tone.
 */
public enum DamageKind {

    /**
     * Cracked emulsion: Voronoi-like craquelure networks over a patch, or jagged branching cracks, 1-6 px
     * wide with ragged soft edges, showing the paper (white, slightly warm) or a dark base.
     */
    CRACKS(true),

    /**
     * A fold: a long, nearly straight broken line of lost emulsion; its lighter and darker shoulders
     * change tone only and go into the stain mask.
     */
    CREASE(true),

    /**
     * A long curved scratch of drifting width (1-4 px) and strength, light, dark or grey, sometimes with
     * parallel companions.
     */
    SCRATCH(true),

    /** A large irregular piece torn away from one edge, showing torn paper and the background. */
    TEAR(true),

    /** A corner cut or torn off, showing torn paper and the background. */
    MISSING_CORNER(true),

    /** Small soft specks, light or dark. */
    DUST(true),

    /** Thin strokes: long gently curving hairs and tightly curled tufts of lint. */
    LINT_AND_HAIR(true),

    /** Foxing and stains: soft brownish blotches that darken the picture without erasing it; stain mask only. */
    STAIN(false);

    private final boolean masksContent;

    DamageKind(boolean masksContent) {
        this.masksContent = masksContent;
    }

    /** Whether this kind replaces content (damage mask) rather than only changing its tone (stain mask). */
    public boolean masksContent() {
        return masksContent;
    }
}
