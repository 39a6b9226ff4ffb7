package org.journeyexplorer.cli;

/** A malformed command line: the message says what is wrong in one line; the command exits with code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
