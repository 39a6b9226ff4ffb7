package org.journeyexplorer.ui;

/** The tabs of the main window, in order (Ctrl+1 … Ctrl+8, View menu). */
public enum Feature {
    FLOWS("Flows"), TRANSITIONS("Transitions"), PREDICTIONS("Predictions"), FUNNELS("Funnels"),
    JOURNEYS("Journeys"), OVERVIEW("Overview"), PROCESS_MAP("Process map"), COMPARE("Compare");

    private final String title;

    Feature(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
