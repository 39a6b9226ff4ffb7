package org.journeyexplorer;

import org.journeyexplorer.cli.Cli;

/**
 * Single entry point of the runnable jar: with arguments it runs a headless CLI command, without arguments it
 * starts the desktop app. The class deliberately does not extend {@code javafx.application.Application}, so the
 * shaded jar starts on the class path without a JavaFX module path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(Cli.run(args, System.out, System.err));
        }
        org.journeyexplorer.ui.AppLauncher.launch(args);
    }
}
