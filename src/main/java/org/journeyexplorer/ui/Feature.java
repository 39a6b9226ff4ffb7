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

    /** The tab a name such as "processmap", "process-map", "Process map" or "PROCESS_MAP" stands for, if any. */
    public static java.util.Optional<Feature> named(String name) {
        String key = name == null ? "" : name.replaceAll("[-_ ]", "").toUpperCase(java.util.Locale.ROOT);
        return java.util.Arrays.stream(values()).filter(f -> f.name().replace("_", "").equals(key)).findFirst();
    }
}
