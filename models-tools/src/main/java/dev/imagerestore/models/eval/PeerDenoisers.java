package dev.imagerestore.models.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link PeerDenoiser}s and {@link PeerInpainter}s on the class path. */
public final class PeerDenoisers {

    /** What {@code --peers} says when no implementation is on the class path. */
    public static final String MISSING = "OpenCV peers not on the class path: build them with "
            + "`mvn -pl benchmarks -am package -DskipTests` and run with "
            + "-cp benchmarks/target/benchmarks-<version>.jar added (its manifest brings benchmarks/target/lib/opencv-*.jar)";

    private PeerDenoisers() {}

    /** Every peer listed in {@code META-INF/services} visible to {@code loader}, in class-path order. */
    public static List<PeerDenoiser> load(ClassLoader loader) {
        List<PeerDenoiser> peers = new ArrayList<>();
        try {
            ServiceLoader.load(PeerDenoiser.class, loader).forEach(peers::add);
        } catch (java.util.ServiceConfigurationError e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException(
                    "a peer on the class path cannot be loaded (" + root
                            + "); put the benchmarks jar's dependencies on the class path too, e.g. OpenCV's "
                            + "org.openpnp:opencv jar from ~/.m2",
                    e);
        }
        return List.copyOf(peers);
    }

    /** Every {@link PeerInpainter} listed in {@code META-INF/services} visible to {@code loader}, in class-path order. */
    public static List<PeerInpainter> loadInpainters(ClassLoader loader) {
        List<PeerInpainter> peers = new ArrayList<>();
        ServiceLoader.load(PeerInpainter.class, loader).forEach(peers::add);
        return List.copyOf(peers);
    }
}
