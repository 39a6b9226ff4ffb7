package org.journeyexplorer.ui.overview;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.journeyexplorer.analysis.CountUnit;
import org.journeyexplorer.analysis.Metrics;
import org.journeyexplorer.analysis.MetricsQuery;
import org.journeyexplorer.analysis.MetricsResult;
import org.journeyexplorer.analysis.Overview;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.ui.AppModel;
import org.journeyexplorer.ui.Feature;
import org.journeyexplorer.ui.concurrent.TaskRunner;

/**
 * Headline numbers and the three success metrics (completion rate, time to conversion, weekly journey velocity)
 * of the current selection, computed with {@link Metrics} in the background while the Overview tab is shown.
 */
public final class OverviewViewModel {
    /** How many event types the top-events chart lists. */
    static final int TOP_EVENTS = 12;

    private final AppModel model;
    private final TaskRunner runner;
    private final ObjectProperty<CountUnit> unit = new SimpleObjectProperty<>(this, "unit", CountUnit.PERSONS);
    private final ReadOnlyObjectWrapper<Data> data = new ReadOnlyObjectWrapper<>(this, "data");
    private boolean dirty = true;
    private long generation;

    /**
     * What the tab shows.
     *
     * @param overview  counts, date range, top events
     * @param metrics   the success metrics, or null when no conversion event is chosen
     */
    public record Data(Overview overview, MetricsResult metrics) {
    }

    public OverviewViewModel(AppModel model, TaskRunner runner) {
        this.model = model;
        this.runner = runner;
        model.selectionProperty().addListener((o, a, b) -> invalidate());
        model.conversionEventProperty().addListener((o, a, b) -> invalidate());
        model.selectedFeatureProperty().addListener((o, a, b) -> refreshIfShown());
        unit.addListener((o, a, b) -> invalidate());
        refreshIfShown(); // made when its tab is shown, with the project's selection there already
    }

    private void invalidate() {
        dirty = true;
        refreshIfShown();
    }

    private void refreshIfShown() {
        if (dirty && model.selectedFeatureProperty().get() == Feature.OVERVIEW) {
            refresh();
        }
    }

    /** Recomputes now. */
    public void refresh() {
        dirty = false;
        Selection sel = model.getSelection();
        if (sel == null) {
            data.set(null);
            return;
        }
        String milestone = model.conversionEventProperty().get();
        CountUnit u = unit.get();
        long gen = ++generation;
        runner.run("Computing overview", ctx -> compute(sel, milestone, u), d -> {
            if (gen == generation) {
                data.set(d);
            }
        }, model::fail);
    }

    static Data compute(Selection sel, String milestone, CountUnit unit) {
        Overview o = Metrics.overview(sel, TOP_EVENTS);
        MetricsResult m = milestone == null || sel.frame().typeIndex(milestone) < 0 ? null
                : Metrics.compute(sel, MetricsQuery.of(milestone, unit));
        return new Data(o, m);
    }

    public ReadOnlyObjectProperty<Data> dataProperty() {
        return data.getReadOnlyProperty();
    }

    public ObjectProperty<CountUnit> unitProperty() {
        return unit;
    }

    public AppModel model() {
        return model;
    }

    public TaskRunner runner() {
        return runner;
    }
}
