package org.journeyexplorer.core;

/**
 * A failure with a message a person can act on ("This file is not an event file: …", "The project is open in
 * another Journey Explorer window"). The UI and the CLI show {@link #getMessage()} as is, never a stack trace.
 */
public class UserFacingException extends RuntimeException {
    public UserFacingException(String message) {
        super(message);
    }

    public UserFacingException(String message, Throwable cause) {
        super(message, cause);
    }
}
