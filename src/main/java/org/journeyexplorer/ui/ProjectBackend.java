package org.journeyexplorer.ui;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.ingest.ImportPlan;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the UI asks of the core about the open project, in one narrow seam so ViewModels can be tested
 * with an in-memory fake and the shell does not depend on how the store, importer and frame builder are wired.
 * Every method may block for long and is only called from background tasks, never on the FX thread. One backend
 * holds at most one open project.
 */
public interface ProjectBackend extends AutoCloseable {

    /** Opens the project at {@code project}, creating an empty one when none exists there; closes the previous. */
    ProjectInfo open(Path project, TaskContext ctx);

    /** The open project, or null. */
    ProjectInfo current();

    /** Stitches identities and sessionizes all events of the open project under {@code options}. */
    EventFrame buildFrame(FrameOptions options, TaskContext ctx);

    /**
     * Brings the frame {@link #buildFrame} last built under {@code options} up to the committed events when at least
     * {@code minRows} events were appended since (a live stream's catch-up between two refreshes); builds nothing
     * that is not cached. Returns the events it caught up on (0: none).
     */
    default int catchUp(FrameOptions options, int minRows, TaskContext ctx) {
        return 0;
    }

    /** The events of {@code frame} that pass {@code filters}. Pure: must not touch the store. */
    Selection select(EventFrame frame, FilterSettings filters, TaskContext ctx);

    /**
     * Imports a file into the open project. Unless {@code force}, a file imported before (same content hash)
     * is not imported again: the report then only says when it was ({@link ImportReport#duplicateOf()}).
     * Progress goes to {@code ctx} as bytes read of the file size.
     *
     * @param rowsRead counts rows read so far (imported or rejected), for a rows-per-second display
     */
    ImportReport importFile(ImportPlan plan, boolean force, AtomicLong rowsRead, TaskContext ctx);

    /**
     * Imports a file with privacy options (pseudonymised ids, no properties, consent filter); otherwise as
     * {@link #importFile(ImportPlan, boolean, AtomicLong, TaskContext)}. A backend without privacy support refuses
     * options it would otherwise silently ignore.
     */
    default ImportReport importFile(ImportPlan plan, org.journeyexplorer.project.ImportOptions options,
                                    AtomicLong rowsRead, TaskContext ctx) {
        if (options.pseudonymise() || !options.keepProperties() || options.consent() != null) {
            throw new UnsupportedOperationException("this backend does not support privacy import options");
        }
        return importFile(plan, options.force(), rowsRead, ctx);
    }

    /** The privacy options the open project's last import used, to preselect them; defaults when none. */
    default org.journeyexplorer.project.ImportOptions rememberedImportOptions() {
        return org.journeyexplorer.project.ImportOptions.DEFAULT;
    }

    /** The open project's imports still in it (files and streams), oldest first; empty when none is open. */
    default java.util.List<ImportEntry> imports() {
        return java.util.List.of();
    }

    /**
     * Removes one import from the open project: its events and rejected rows go in one transaction, which also
     * writes the audit entry. Rebuild the frame after.
     *
     * @return the number of events removed
     */
    default long removeImport(int importId, TaskContext ctx) {
        throw new UnsupportedOperationException("this backend cannot remove imports");
    }

    /**
     * Records in the project's audit log that the user exported a file (a chart, a table, rejected rows), with
     * how many rows or images it holds. Called from the export's background job, never on the FX thread.
     */
    default void recordExport(String what, Path file, long count) {
    }

    /** Properties (JSON object text, or null) of the events stored at {@code sourceRows}, in the order asked. */
    default String[] propertiesJson(int[] sourceRows) {
        return new String[sourceRows.length];
    }

    /** A property name and how many events have it. */
    record PropertyKey(String name, long events) {
    }

    /** A property value and how many events have it. */
    record PropertyValue(String value, long events) {
    }

    /**
     * The storage rows per property value of the open project, for segment conditions; like the filter's, values
     * compare as text. A backend without properties finds none.
     */
    default org.journeyexplorer.analysis.Filter.PropertyIndex propertyIndex() {
        return (key, value) -> new java.util.BitSet();
    }

    /** The open project's property names, most used first, for the segment editor; empty when there are none. */
    default java.util.List<PropertyKey> propertyKeys(TaskContext ctx) {
        return java.util.List.of();
    }

    /** The {@code n} most common values of a property with their event counts, most common first. */
    default java.util.List<PropertyValue> propertyValues(String key, int n, TaskContext ctx) {
        return java.util.List.of();
    }

    /**
     * Saves in the open project how its journeys are cut (whole cases or sessions) and returns the project as it
     * now is. Frames built afterwards follow {@link ProjectInfo#journey()}.
     */
    default ProjectInfo saveJourneyScope(org.journeyexplorer.session.JourneyScope scope) {
        throw new UnsupportedOperationException("this backend cannot save the journey choice");
    }

    /**
     * A setting the analyst made that is kept in the open project (saved views, the last view…), or empty.
     * Keys are short names such as {@code "views"}.
     */
    default java.util.Optional<String> userSetting(String key) {
        return java.util.Optional.empty();
    }

    /** Stores (or, for a null value, removes) a {@link #userSetting} in the open project. */
    default void putUserSetting(String key, String value) {
    }

    /** Privacy requests (deletion, access export, audit log) on the open project. */
    default org.journeyexplorer.ui.privacy.PrivacyService privacy() {
        throw new UnsupportedOperationException("this backend does not support privacy requests");
    }

    /**
     * Where a live stream's batches go: the open project, each batch with its positions in one transaction.
     * Unsupported by a backend that cannot append.
     */
    default org.journeyexplorer.live.BatchSink liveSink() {
        throw new UnsupportedOperationException("this backend cannot take a live stream");
    }

    /** The stream the open project was last connected to (settings without passwords), if any. */
    default java.util.Optional<org.journeyexplorer.live.SavedStream> savedStream() {
        return java.util.Optional.empty();
    }

    /** Saves the stream settings (which hold no password) with the open project. */
    default void saveStream(org.journeyexplorer.live.SavedStream stream) {
    }

    /** The open project's session, for features that talk to it directly (a live stream); empty in fakes. */
    default java.util.Optional<org.journeyexplorer.project.ProjectSession> session() {
        return java.util.Optional.empty();
    }

    /**
     * The identity graph of the last frame {@link #buildFrame} built (under the project's identity settings and
     * the options' stitching switch); null before the first or when the backend has none. May take seconds when
     * not {@link #identityReady} (a reopened frame works it out from the events on first use): call it off the FX
     * thread.
     */
    default IdentityInfo identity() {
        return null;
    }

    /** Whether {@link #identity} answers at once (else it works the identity graph out first). */
    default boolean identityReady() {
        return true;
    }

    /** Saves the open project's identity settings (rules, probable links, unlinked ids); rebuild the frame after. */
    default void saveIdentitySettings(org.journeyexplorer.identity.IdentitySettings settings) {
        throw new UnsupportedOperationException("this backend keeps no identity settings");
    }

    /** Closes the open project, if any. */
    @Override
    void close();
}
