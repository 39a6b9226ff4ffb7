package org.journeyexplorer.project;

import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.store.ImportRecord;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The file was imported into this project before (same size and content hash, {@link ImportService#contentHash}). The UI asks whether to import it again; the
 * CLI refuses unless {@code --force}.
 */
public final class DuplicateImportException extends UserFacingException {
    private final transient ImportRecord previous;

    public DuplicateImportException(String fileName, ImportRecord previous) {
        super(fileName + " was already imported into this project on "
                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault())
                .format(previous.started())
                + " as " + previous.fileName() + " (" + previous.rowsImported() + " events)."
                + " Importing it again would count its events twice.");
        this.previous = previous;
    }

    /** The earlier import of the same content. */
    public ImportRecord previous() {
        return previous;
    }
}
