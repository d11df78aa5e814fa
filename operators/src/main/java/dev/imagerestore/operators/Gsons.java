package dev.imagerestore.operators;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The module's Gson instance: compact, nulls kept, no HTML escaping. Gson is thread-safe. */
final class Gsons {

    static final Gson COMPACT =
            new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private Gsons() {}
}
