package org.journeyexplorer;

import org.journeyexplorer.cli.Cli;
import org.journeyexplorer.cli.ShortCommandJit;
import org.journeyexplorer.project.ProjectSession;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Single entry point of the runnable jar and the installed launcher. Without arguments, with {@code --project P},
 * or with just the path of a project file (how the desktop's file association starts it) it opens the desktop app;
 * any other arguments run a headless CLI command. The class deliberately does not extend
 * {@code javafx.application.Application}, so the shaded jar starts on the class path without a JavaFX module path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String[] guiArgs = guiArguments(args);
        if (guiArgs == null) {
            ShortCommandJit.forCommand(args[0]);
            System.exit(Cli.run(args, System.out, System.err));
        }
        org.journeyexplorer.ui.AppLauncher.launch(guiArgs);
    }

    /** The arguments for the desktop app, or null when {@code args} name a CLI command. */
    static String[] guiArguments(String[] args) {
        if (args.length == 0) {
            return args;
        }
        if (args.length % 2 == 0 && appOptionsOnly(args)) {
            return args; // --project P and / or --import FILE
        }
        if (args.length == 1 && isProjectFile(args[0])) {
            return new String[]{"--project", args[0]};
        }
        return null;
    }

    private static boolean appOptionsOnly(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].equals("--project") && !args[i].equals("--import")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isProjectFile(String arg) {
        return (arg.endsWith(ProjectSession.EXTENSION) || arg.endsWith(".jexp")) && Files.isRegularFile(
                ProjectSession.projectFile(Path.of(arg)));
    }
}
