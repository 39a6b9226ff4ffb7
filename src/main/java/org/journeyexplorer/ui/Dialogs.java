package org.journeyexplorer.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.journeyexplorer.core.UserFacingException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/** Message dialogs with the app's styling. Errors show a message a person can act on, never a stack trace. */
public final class Dialogs {
    private Dialogs() {
    }

    /** The message shown for a failure. */
    public static String messageOf(Throwable t) {
        Throwable c = t;
        while (c != null) {
            if (c instanceof UserFacingException) {
                return c.getMessage();
            }
            if (c instanceof NoSuchFileException e) {
                return "File not found: " + e.getFile();
            }
            if (c instanceof AccessDeniedException e) {
                return "Not allowed to access " + e.getFile();
            }
            c = c.getCause();
        }
        Throwable root = t instanceof UncheckedIOException u ? u.getCause() : t;
        if (root instanceof IOException) {
            return "Could not read or write a file: " + root.getMessage();
        }
        if (root instanceof OutOfMemoryError) {
            return "Not enough memory for this operation. Start Journey Explorer with more memory (-Xmx).";
        }
        String m = root.getMessage();
        return "Something went wrong (" + root.getClass().getSimpleName() + ")" + (m == null ? "." : ": " + m);
    }

    public static void showError(Window owner, String header, Throwable t) {
        t.printStackTrace(); // for the log only; the user sees the message
        Alert a = new Alert(Alert.AlertType.ERROR, messageOf(t), ButtonType.OK);
        a.initOwner(owner);
        Theme.style(a.getDialogPane());
        a.setHeaderText(header);
        a.setTitle("Journey Explorer");
        a.getDialogPane().setMinWidth(460);
        a.show();
    }

    public static boolean confirm(Window owner, String header, String text, String okLabel) {
        ButtonType ok = new ButtonType(okLabel, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ok, ButtonType.CANCEL);
        a.initOwner(owner);
        Theme.style(a.getDialogPane());
        a.setHeaderText(header);
        a.setTitle("Journey Explorer");
        Optional<ButtonType> r = a.showAndWait();
        return r.isPresent() && r.get() == ok;
    }
}
