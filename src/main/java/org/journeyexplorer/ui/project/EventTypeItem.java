package org.journeyexplorer.ui.project;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** An event type in the filter list: its name, how often it occurs, and whether it is shown. */
public final class EventTypeItem {
    private final String name;
    private final long count;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);

    public EventTypeItem(String name, long count) {
        this.name = name;
        this.count = count;
    }

    public String getName() {
        return name;
    }

    public long getCount() {
        return count;
    }

    public BooleanProperty shownProperty() {
        return shown;
    }

    public boolean isShown() {
        return shown.get();
    }

    public void setShown(boolean b) {
        shown.set(b);
    }
}
