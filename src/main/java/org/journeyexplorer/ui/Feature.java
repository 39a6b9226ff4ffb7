package org.journeyexplorer.ui;

/** The tabs of the main window, in order (Ctrl+1 … Ctrl+6). */
public enum Feature {
    FLOWS("Flows"), TRANSITIONS("Transitions"), PREDICTIONS("Predictions"), FUNNELS("Funnels"),
    JOURNEYS("Journeys"), OVERVIEW("Overview");

    private final String title;

    Feature(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
