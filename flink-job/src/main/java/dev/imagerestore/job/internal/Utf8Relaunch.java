package dev.imagerestore.job.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Starts the command line again under a UTF-8 locale when the JVM cannot name non-ASCII files.
 *
 * <p>Java 17 takes its file name encoding ({@code sun.jnu.encoding}) from the locale when it starts
 * and ignores {@code -Dsun.jnu.encoding=...} on the command line ({@code -Dfile.encoding=UTF-8}
 * changes the default charset of file <em>contents</em> only). Under {@code LANG=C} or no locale at
 * all, as in many containers and cron jobs, it is ASCII, and a file named {@code été.png} cannot be
 * opened by its name. What works is a UTF-8 locale in the environment ({@code LC_ALL=C.UTF-8})
 * before the JVM starts, so when the CLI was started with {@code java -jar} or {@code java -cp ...
 * <main class>} and the encoding is not UTF-8, it starts the same java with the same JVM options and
 * arguments under {@code LC_ALL=C.UTF-8}, forwards its input and output, and returns its exit code.
 * The arguments travel as the bytes the shell gave ({@code /proc/self/cmdline}) in a java launcher
 * argument file, since this JVM has already decoded them lossily and would encode them so again.
 * The marker variable {@value #MARKER} keeps it from starting itself twice (where the system has no
 * C.UTF-8 locale the second JVM goes on, and names it cannot represent are reported as skipped).
 * Under another launcher ({@code flink run}) the JVM is left alone.
 */
public final class Utf8Relaunch {

    /** Set in the environment of the relaunched JVM. */
    public static final String MARKER = "IMAGE_RESTORATION_UTF8_RELAUNCH";

    private Utf8Relaunch() {}

    /**
     * Runs {@code mainClass} with {@code args} in a UTF-8 JVM and returns its exit code, or empty when
     * this JVM already names files in UTF-8, was relaunched already, or was not started by java's own
     * launcher with {@code mainClass} (then the caller runs here).
     */
    public static OptionalInt ifNeeded(String mainClass, String[] args) throws IOException, InterruptedException {
        if (namesFilesInUtf8() || System.getenv(MARKER) != null) {
            return OptionalInt.empty();
        }
        Optional<String> java = ProcessHandle.current().info().command();
        Optional<List<String>> command = command(mainClass);
        if (java.isEmpty() || command.isEmpty()) {
            return OptionalInt.empty();
        }
        Path argumentFile = Files.createTempFile("image-restoration-args", ".txt");
        try {
            Files.write(argumentFile, argumentFile(command.get(), rawArguments(args)));
            ProcessBuilder builder = new ProcessBuilder(java.get(), "@" + argumentFile).inheritIO();
            builder.environment().put("LC_ALL", "C.UTF-8");
            builder.environment().put(MARKER, "1");
            Process child = builder.start();
            Thread stopChild = new Thread(child::destroy, "stop relaunched cli");
            Runtime.getRuntime().addShutdownHook(stopChild);
            int exitCode = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopChild);
            return OptionalInt.of(exitCode);
        } finally {
            Files.deleteIfExists(argumentFile);
        }
    }

    /** The application arguments as the bytes this process was given, or their UTF-8 form where that is unknown. */
    private static List<byte[]> rawArguments(String[] args) {
        List<byte[]> tokens = new ArrayList<>();
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            int start = 0;
            for (int i = 0; i < cmdline.length; i++) {
                if (cmdline[i] == 0) {
                    tokens.add(Arrays.copyOfRange(cmdline, start, i));
                    start = i + 1;
                }
            }
        } catch (IOException | UnsupportedOperationException notLinux) {
            tokens.clear();
        }
        if (tokens.size() < args.length) {
            return Arrays.stream(args)
                    .map(a -> a.getBytes(StandardCharsets.UTF_8))
                    .toList();
        }
        return tokens.subList(tokens.size() - args.length, tokens.size());
    }

    /** A java launcher argument file: every argument double-quoted, with '\\', '"' and line breaks escaped. */
    static byte[] argumentFile(List<String> launcherArguments, List<byte[]> applicationArguments) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (String argument : launcherArguments) {
            quoted(file, argument.getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] argument : applicationArguments) {
            quoted(file, argument);
        }
        return file.toByteArray();
    }

    private static void quoted(ByteArrayOutputStream file, byte[] argument) {
        file.write('"');
        for (byte b : argument) {
            switch (b) {
                case '\\', '"' -> {
                    file.write('\\');
                    file.write(b);
                }
                case '\n' -> file.writeBytes(new byte[] {'\\', 'n'});
                case '\r' -> file.writeBytes(new byte[] {'\\', 'r'});
                default -> file.write(b);
            }
        }
        file.write('"');
        file.write('\n');
    }

    /** Whether this JVM's file name encoding is UTF-8. */
    public static boolean namesFilesInUtf8() {
        String encoding = System.getProperty("sun.jnu.encoding", "");
        return Charset.isSupported(encoding) && Charset.forName(encoding).equals(StandardCharsets.UTF_8);
    }

    /**
     * The launcher arguments (JVM options, then the class path and main class, or the jar) that start
     * this JVM again the way it was started, or empty for another launcher.
     */
    static Optional<List<String>> command(String mainClass) {
        String launched = System.getProperty("sun.java.command", "").split(" ", 2)[0];
        String classPath = System.getProperty("java.class.path", "");
        List<String> command =
                new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (launched.equals(mainClass)) {
            command.addAll(List.of("-cp", classPath, mainClass));
        } else if (launched.endsWith(".jar") && launched.equals(classPath)) {
            command.addAll(List.of("-jar", launched));
        } else {
            return Optional.empty();
        }
        return Optional.of(command);
    }
}
