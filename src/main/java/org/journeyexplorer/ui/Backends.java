package org.journeyexplorer.ui;

import org.journeyexplorer.ui.project.StoreBackend;

import java.nio.file.Path;

/** Creates the {@link ProjectBackend} the app runs on. */
final class Backends {
    /** The backend {@link #openAhead} made, until the app takes it ({@link #create}). */
    private static StoreBackend early;

    private Backends() {
    }

    /**
     * Makes the app's backend now and starts opening {@code project} with it (the frame under the app's first frame
     * options) and its first chart ({@link FirstChart}), while the JavaFX toolkit starts and the window is built:
     * neither needs the project. Once the project is open it reads the tab of its last view
     * ({@link FirstChart#openedAhead}), so the window can be built on that tab.
     */
    static synchronized void openAhead(java.util.function.Supplier<Path> project) {
        if (early == null) {
            StoreBackend b = new StoreBackend();
            b.openAhead(project, FrameOptions.DEFAULT, () -> FirstChart.openedAhead(b), f -> FirstChart.computeAhead(b, f));
            early = b;
        }
    }

    static synchronized ProjectBackend create() {
        StoreBackend b = early;
        early = null;
        return b != null ? b : new StoreBackend();
    }
}
