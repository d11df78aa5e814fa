package dev.imagerestore.operators.inference;

import java.util.List;
import java.util.Objects;

/**
 * A record's work items and the plan its {@link WorkAdapter} assembles their results by. Immutable
 * (the list is copied; the plan is the adapter's and may be null when it needs none).
 */
public record PlannedWork<P, W>(P plan, List<W> items) {

    public PlannedWork {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /** One whole-image item with its plan. */
    public static <P, W> PlannedWork<P, W> single(P plan, W item) {
        return new PlannedWork<>(plan, List.of(Objects.requireNonNull(item, "item")));
    }
}
