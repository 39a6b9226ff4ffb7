package org.journeyexplorer.predict.portable;

/**
 * One predicted next step.
 *
 * @param type        event type index, or {@link #END} when the prediction is that the case / session ends
 * @param name        the event type name, or "(leaves)" for the end
 * @param probability model probability
 */
public record NextStep(int type, String name, double probability) {
    /** Type index used for "the case / session ends here". */
    public static final int END = -1;
    /** Display name of the end. */
    public static final String END_NAME = "(leaves)";

    public boolean isEnd() {
        return type == END;
    }
}
