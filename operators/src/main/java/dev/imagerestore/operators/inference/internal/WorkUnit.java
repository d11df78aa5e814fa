package dev.imagerestore.operators.inference.internal;

/**
 * What one queue entry of a {@link DeviceWorker} is: a tile, micro-batched with the tiles of any
 * record, or a whole image, run alone. Names the entries in messages and keeps a service from
 * being asked for the other kind under the same model key.
 */
public enum WorkUnit {
    TILE("tiles"),
    IMAGE("images");

    private final String plural;

    WorkUnit(String plural) {
        this.plural = plural;
    }

    /** The entries in a message: "tiles" or "images". */
    public String plural() {
        return plural;
    }
}
