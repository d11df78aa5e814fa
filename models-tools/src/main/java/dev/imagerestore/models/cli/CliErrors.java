package dev.imagerestore.models.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the command lines answer errors: in one or two lines on standard error, never with a stack
 * trace. A usage error (a bad option value, a missing folder, an option that does not apply) prints
 * the message and where to find the options, and exits with {@value #USAGE}; so does an
 * {@link IllegalArgumentException} whose message names an option (starts with {@code --}), which is
 * how the commands' value checks report. Anything else is a failed run: its message and root cause
 * on one line, exit code {@value #RUN_FAILED}.
 */
public final class CliErrors {

    /** Exit code of a run that failed as a whole. */
    public static final int RUN_FAILED = 1;
    /** Exit code of a usage error. */
    public static final int USAGE = 2;

    private CliErrors() {}

    /** Installs the handlers on {@code cli} and its subcommands; returns {@code cli}. */
    public static CommandLine configure(CommandLine cli) {
        return cli.setParameterExceptionHandler(CliErrors::onUsageError)
                .setExecutionExceptionHandler(CliErrors::onExecutionError)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    private static int onUsageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + oneLine(e.getMessage()));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return USAGE;
    }

    private static int onExecutionError(Exception e, CommandLine command, ParseResult parsed) {
        if (e instanceof IllegalArgumentException
                && e.getMessage() != null
                && e.getMessage().startsWith("--")) {
            return onUsageError(
                    new ParameterException(command, e.getMessage(), e),
                    parsed.originalArgs().toArray(String[]::new));
        }
        PrintWriter err = command.getErr();
        err.println("error: " + describe(e));
        err.flush();
        return RUN_FAILED;
    }

    /** The message of {@code e} and, when it does not already say it, its root cause's, on one line. */
    public static String describe(Throwable e) {
        Throwable root = rootCause(e);
        String outer = message(e);
        return root == e || outer.contains(message(root))
                ? outer
                : outer + "; cause: " + root.getClass().getSimpleName() + ": " + message(root);
    }

    /** The innermost cause of {@code e} ({@code e} itself when it has none). */
    public static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String message(Throwable e) {
        String text = e.getMessage();
        return text == null || text.isBlank() ? e.getClass().getSimpleName() : oneLine(text);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
