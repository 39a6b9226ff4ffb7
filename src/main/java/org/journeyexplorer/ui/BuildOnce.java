package org.journeyexplorer.ui;

/**
 * A view's build, run the first time its root is asked for: {@link MainWindow} puts a tab's view into the window
 * when the tab is first shown, and the CSS and layout of views never looked at took most of the FX thread's time
 * while the window opened (issue 14). FX thread only.
 */
public final class BuildOnce {
    private Runnable build;

    public BuildOnce(Runnable build) {
        this.build = build;
    }

    /** Builds, unless that was done already. */
    public void ensure() {
        Runnable b = build;
        if (b != null) {
            build = null;
            b.run();
        }
    }
}
