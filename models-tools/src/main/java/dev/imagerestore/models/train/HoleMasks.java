package dev.imagerestore.models.train;

import dev.imagerestore.models.damage.DamageGenerator;
import dev.imagerestore.models.image.FloatImage;
import dev.imagerestore.models.inpaint.Mask;
import dev.imagerestore.models.inpaint.SyntheticDamage;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The holes a fill network learns to fill, as users draw them and as the detector finds them: in
 * equal shares, a rectangle (sides from 1/12 to 2/3 of the crop, any aspect), strokes (polylines 1-5
 * px wide covering 2-10 % of the crop, {@link SyntheticDamage#scratches}) and the mask of rendered
 * damage (cracks, creases, scratches, tears, corners, dust, hairs: {@link DamageGenerator}), whose
 * pixels are discarded. Seeded by the crop's id; stateless.
 */
public final class HoleMasks {

    private final DamageGenerator damage;

    /** Holes whose third share comes from {@code damage}'s masks. */
    public HoleMasks(DamageGenerator damage) {
        this.damage = Objects.requireNonNull(damage, "damage");
    }

    /** The hole of crop {@code id}, {@code side} pixels square; never empty. */
    public Mask draw(int side, long id) {
        SplittableRandom random = new SplittableRandom(id * 0x9E3779B97F4A7C15L + 0x1F3D5B79L);
        int kind = random.nextInt(3);
        Mask mask;
        if (kind == 0) {
            int h = between(random, side / 12, side * 2 / 3);
            int w = between(random, side / 12, side * 2 / 3);
            mask = Mask.box(side, side, random.nextInt(side - h + 1), random.nextInt(side - w + 1), h, w);
        } else if (kind == 1) {
            mask = SyntheticDamage.scratches(side, side, 0.02 + 0.08 * random.nextDouble(), random.nextLong());
        } else {
            mask = damage.render(FloatImage.wrap(1, side, side, 8, new float[side * side]), random.nextLong())
                    .mask();
        }
        return mask.isEmpty()
                ? Mask.box(side, side, side / 3, side / 3, Math.max(1, side / 6), Math.max(1, side / 6))
                : mask;
    }

    private static int between(SplittableRandom random, int low, int high) {
        int lo = Math.max(1, low);
        return lo + random.nextInt(Math.max(1, high - lo + 1));
    }

    @Override
    public String toString() {
        return "HoleMasks[rectangles, strokes, " + damage + "]";
    }
}
