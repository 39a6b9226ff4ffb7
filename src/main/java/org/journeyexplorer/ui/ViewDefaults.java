package org.journeyexplorer.ui;

/**
 * Marks a view model filling in its defaults from the data (a start event that is not in the newly loaded log
 * replaced by one that is, a goal chosen for a new frame): such a change is not something the analyst did, so
 * {@link ViewNavigator} corrects the current view with it instead of recording a step that Alt+Left would
 * return to. Used on the FX thread only, where every view-setting change happens.
 */
public final class ViewDefaults {
    private static int depth;

    private ViewDefaults() {
    }

    /** Runs {@code fill}, whose changes to view settings are defaults, not the analyst's steps. */
    public static void fillIn(Runnable fill) {
        depth++;
        try {
            fill.run();
        } finally {
            depth--;
        }
    }

    /** True while {@link #fillIn} runs. */
    static boolean fillingIn() {
        return depth > 0;
    }
}
