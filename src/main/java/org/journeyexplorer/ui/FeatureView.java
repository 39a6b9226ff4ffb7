package org.journeyexplorer.ui;

import javafx.scene.Node;

import java.util.List;

/**
 * A tab of the main window. How a feature plugs into the shell:
 *
 * <ol>
 *   <li>Write {@code XView implements FeatureView} (and an {@code XViewModel}) in your {@code ui.x} package with a
 *       constructor {@code XView(AppModel model, TaskRunner runner)}.</li>
 *   <li>Observe {@link AppModel#selectionProperty()} (the filtered events; {@code selection.frame()} is the
 *       frame). Capture inputs on the FX thread, compute with {@code runner.run(...)}, apply results in
 *       {@code onSuccess}. Recompute lazily: only while {@link AppModel#selectedFeatureProperty()} is your tab.</li>
 *   <li>Drill down with {@link AppModel#showJourneys(org.journeyexplorer.analysis.Drilldown)}.</li>
 *   <li>Offer exports through {@link #exportActions()}; the File ▸ Export menu lists those of the selected tab.</li>
 *   <li>Register the view in {@link FeatureTabs} (one line, replacing the placeholder).</li>
 * </ol>
 */
public interface FeatureView {

    /** The node shown in the tab; created once. */
    Node getRoot();

    /** Export commands of this view for File ▸ Export, e.g. "Sankey as PNG…". Empty when there is nothing. */
    default List<ExportAction> exportActions() {
        return List.of();
    }

    /**
     * This tab's controls as text settings for saved views and back/forward, keys prefixed with the tab
     * ({@code flows.steps}); an unset control is left out. Empty for a tab with nothing to keep.
     */
    default java.util.Map<String, String> viewSettings() {
        return java.util.Map.of();
    }

    /** Sets this tab's controls from {@link #viewSettings()} text; keys of other tabs and bad values are ignored. */
    default void applyViewSettings(java.util.Map<String, String> settings) {
    }

    /** What changes {@link #viewSettings()}: each change may be a step back/forward goes through. */
    default java.util.List<javafx.beans.Observable> viewSettingsSources() {
        return java.util.List.of();
    }

    /**
     * Called once the view is made (when its tab is first shown, {@link LazyFeatureView}) and has been given the
     * settings applied while it was not: takes up what was asked of the tab meanwhile, such as the path of a
     * prediction request that switched to it. Its view model has caught up on the app's frame and selection itself.
     */
    default void catchUp() {
    }

    /**
     * A File ▸ Export entry.
     *
     * @param label  menu text, ending in "…" when it asks for a file
     * @param action runs on the FX thread; asks for the target path itself and exports in the background
     */
    record ExportAction(String label, Runnable action) {
    }
}
