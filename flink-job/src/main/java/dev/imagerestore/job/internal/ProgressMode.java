package dev.imagerestore.job.internal;

/** How a local run shows its progress ({@code --progress}). */
public enum ProgressMode {
    /** {@link #TTY} on a terminal, {@link #LINES} otherwise. */
    AUTO,
    /** One line, rewritten in place every second. */
    TTY,
    /** A new line every {@link ProgressReporter#LINE_INTERVAL}, for logs and pipes. */
    LINES,
    /** No progress; the summary is still printed. */
    NONE;

    /** This mode with {@link #AUTO} resolved: {@code terminal} tells whether the output is a console. */
    public ProgressMode resolve(boolean terminal) {
        return this != AUTO ? this : terminal ? TTY : LINES;
    }
}
