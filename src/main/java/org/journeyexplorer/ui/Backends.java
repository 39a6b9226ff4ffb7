package org.journeyexplorer.ui;

import org.journeyexplorer.ui.project.StoreBackend;

/** Creates the {@link ProjectBackend} the app runs on. */
final class Backends {
    private Backends() {
    }

    static ProjectBackend create() {
        return new StoreBackend();
    }
}
