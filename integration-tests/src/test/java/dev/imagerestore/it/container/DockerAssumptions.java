package dev.imagerestore.it.container;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;

/**
 * Skips container tests, with a message that says what to do, where they cannot run: no Docker engine
 * reachable, or the test image not built. Never fails a build that has no Docker.
 */
final class DockerAssumptions {

    /** System property naming the image the containers run (default {@value #DEFAULT_IMAGE}). */
    static final String IMAGE_PROPERTY = "imagerestore.test.image";

    static final String DEFAULT_IMAGE = "image-restoration:test";

    private DockerAssumptions() {}

    /** The test image's name. */
    static String image() {
        return System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
    }

    /** Skips the calling test unless a Docker engine answers and {@link #image()} exists in it. */
    static void assumeDockerAndTestImage() {
        boolean engine;
        try {
            engine = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            engine = false;
        }
        assumeTrue(
                engine,
                "no Docker engine reachable: container tests skipped. Start dockerd (with Debian's 20.10"
                        + " engine also export DOCKER_API_VERSION=1.41 TESTCONTAINERS_RYUK_DISABLED=true"
                        + " TESTCONTAINERS_TINYIMAGE_CONTAINER_IMAGE=image-restoration/debian-jre17:bookworm), see docs/deployment.md");
        boolean present;
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image()).exec();
            present = true;
        } catch (NotFoundException e) {
            present = false;
        }
        assumeTrue(
                present,
                "test image " + image() + " not found in the Docker engine: container tests skipped."
                        + " Build it with docker/test-image/build.sh (after mvn -B package -DskipTests)");
    }
}
