package org.journeyexplorer.predict.portable;

/** A model file that cannot be read: its message is one line for people (what is wrong, and where). */
public final class ModelFormatException extends RuntimeException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
