package dev.imagerestore.job;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}, from the jar manifest. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"image-restoration " + (version == null ? "development build" : version)};
    }
}
