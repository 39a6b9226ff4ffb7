package org.journeyexplorer.cli;

import org.journeyexplorer.core.CancelledException;
import org.journeyexplorer.core.UserFacingException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * The one error guard every command runs in: whatever goes wrong ends as one line on stderr and an exit code, never
 * a stack trace or a Java class name.
 * <ul>
 *   <li>2: the command line is malformed ({@link UsageException}: unknown option, missing or bad value);</li>
 *   <li>1: the command failed ({@link UserFacingException}'s own message; a file that cannot be read or written;
 *       anything unexpected, described without Java's names for it).</li>
 * </ul>
 */
final class Guard {
    /** Exit code of a malformed command line. */
    static final int USAGE = 2;
    /** Exit code of a command that failed or did nothing useful. */
    static final int FAILED = 1;

    /** Qualified Java names ({@code java.lang.IllegalStateException}, {@code org.h2.jdbc.JdbcSQLException}). */
    private static final Pattern JAVA_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*:?\\s*");

    private Guard() {
    }

    /** A command body: returns the exit code, throws on failure. */
    interface Body {
        int run() throws Exception;
    }

    /** Runs {@code body}, turning every failure into one line on {@code err} and its exit code. */
    static int run(String command, PrintStream err, Body body) {
        try {
            return body.run();
        } catch (UsageException e) {
            err.println(e.getMessage() + " (journey-explorer --help shows how to use " + command + ")");
            return USAGE;
        } catch (UserFacingException e) {
            err.println(oneLine(e.getMessage()));
            return FAILED;
        } catch (CancelledException e) {
            err.println(command + " was cancelled; nothing was changed.");
            return FAILED;
        } catch (IOException | UncheckedIOException e) {
            Throwable io = e instanceof UncheckedIOException u ? u.getCause() : e;
            err.println("Could not read or write a file: " + describe(io));
            return FAILED;
        } catch (OutOfMemoryError e) {
            err.println(command + " ran out of memory; give Java more (e.g. java -Xmx4g -jar …) and run it again.");
            return FAILED;
        } catch (Exception | StackOverflowError e) {
            err.println(command + " failed unexpectedly: " + describe(e) + ". Nothing more is known;"
                    + " please report it with the command you ran.");
            return FAILED;
        }
    }

    /** A throwable's message without Java class names; for messages that say nothing, what kind of failure. */
    static String describe(Throwable e) {
        String m = e.getMessage() == null ? "" : oneLine(JAVA_NAME.matcher(e.getMessage()).replaceAll("")).strip();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "there is no file " + e.getMessage();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "no permission to use " + e.getMessage();
        }
        if (!m.isEmpty()) {
            return m;
        }
        return e instanceof NullPointerException ? "a value was missing" : "an internal error";
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
