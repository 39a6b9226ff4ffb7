package org.journeyexplorer.analysis;

/**
 * An {@link EventLabeling} resolved against one frame: the label index of every event type ({@code -1} when
 * excluded) and the label names.
 */
public final class Labels {
    private final int[] ofType;
    private final String[] names;

    Labels(int[] ofType, String[] names) {
        this.ofType = ofType;
        this.names = names;
    }

    public int count() {
        return names.length;
    }

    public String name(int label) {
        return names[label];
    }

    /** Label index of an event type, or -1 when the type is excluded. */
    public int ofType(int type) {
        return ofType[type];
    }

    /** Index of a label by name, or -1. */
    public int index(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The label of every frame event, -1 where the event is outside the selection or its type is excluded. One
     * linear pass; analyses then walk plain int arrays instead of asking the selection per event.
     */
    int[] perEvent(Selection selection) {
        EventFrame f = selection.frame();
        int[] type = f.type;
        int[] lab = new int[f.size];
        if (selection.isAll()) {
            for (int i = 0; i < lab.length; i++) {
                lab[i] = ofType[type[i]];
            }
        } else {
            for (int i = 0; i < lab.length; i++) {
                lab[i] = selection.includes(i) ? ofType[type[i]] : -1;
            }
        }
        return lab;
    }
}
