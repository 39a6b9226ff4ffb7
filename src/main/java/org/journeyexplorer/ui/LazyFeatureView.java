package org.journeyexplorer.ui;

import javafx.beans.Observable;
import javafx.beans.property.SimpleLongProperty;
import javafx.scene.Node;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A tab's view made when the tab is first shown (or asked for), not with the window. Making the seven views not
 * shown, with their view models and canvases, took 35–50 ms of the FX thread while the window was built, and their
 * view models then followed every frame the project opened with (the Predictions tab counted the 5 M events' types
 * on the FX thread to pick its goal) though nobody looked (issue 16). Until the view is made, settings applied to it
 * (a saved view, back/forward, the project's last view) are kept and reported as its settings, and applied to it
 * once it is made; a view model made late catches up on what the app's model holds by then (its frame, selection,
 * drill-down, prediction request), as it does for a project opened after it.
 */
final class LazyFeatureView implements FeatureView {
    private final String prefix;
    private final Supplier<FeatureView> factory;
    /** Counts changes of the made view's settings; what {@link ViewNavigator} listens to. */
    private final SimpleLongProperty settingsChanges = new SimpleLongProperty();
    private FeatureView view;
    private Map<String, String> pending = Map.of();

    LazyFeatureView(Feature feature, Supplier<FeatureView> factory) {
        this.prefix = settingsPrefix(feature);
        this.factory = factory;
    }

    /** The prefix of a tab's view settings: {@code flows.}, {@code processmap.} … */
    static String settingsPrefix(Feature f) {
        return f.name().replace("_", "").toLowerCase(java.util.Locale.ROOT) + ".";
    }

    /** True once the view is made. */
    boolean isBuilt() {
        return view != null;
    }

    /** The view, made now if it was not yet (on the FX thread). */
    FeatureView get() {
        if (view == null) {
            FeatureView v = factory.get();
            view = v;
            if (!pending.isEmpty()) {
                v.applyViewSettings(pending);
            }
            pending = Map.of();
            v.viewSettingsSources().forEach(o -> o.addListener(x -> settingsChanges.set(settingsChanges.get() + 1)));
            v.catchUp();
        }
        return view;
    }

    @Override
    public Node getRoot() {
        return get().getRoot();
    }

    @Override
    public List<ExportAction> exportActions() {
        return get().exportActions();
    }

    @Override
    public Map<String, String> viewSettings() {
        if (view != null) {
            return view.viewSettings();
        }
        Map<String, String> m = new java.util.HashMap<>();
        pending.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k, v);
            }
        });
        return m;
    }

    @Override
    public void applyViewSettings(Map<String, String> settings) {
        if (view != null) {
            view.applyViewSettings(settings);
        } else {
            // the settings applied are whole views (captured, saved, the last one), each with every key of this
            // tab that was set when it was captured: the newest stands for the tab
            pending = new java.util.HashMap<>(settings);
        }
    }

    @Override
    public List<Observable> viewSettingsSources() {
        return List.of(settingsChanges);
    }
}
