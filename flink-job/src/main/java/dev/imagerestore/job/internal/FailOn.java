package dev.imagerestore.job.internal;

/** When a finished run exits non-zero for the images that failed in it ({@code --fail-on}). */
public enum FailOn {
    /** Exit 0 whatever failed; the summary and the report still say what. */
    NONE,
    /** Exit {@value #SOME_FAILED} when at least one image failed. */
    FAILED;

    /** Exit code of a run that finished with images that failed. */
    public static final int SOME_FAILED = 3;

    /** The exit code of a finished run in which {@code failed} images failed. */
    public int exitCode(long failed) {
        return this == FAILED && failed > 0 ? SOME_FAILED : 0;
    }
}
