package org.journeyexplorer.ui;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Back and forward through the views the analyst went through, as a browser does: a new view after going back
 * drops the forward ones. A tab filling in its defaults is not a step ({@link ViewState#onlyFillsIn}).
 */
public final class ViewHistory {
    /** Steps kept; older ones are forgotten. */
    static final int LIMIT = 100;

    private final Deque<ViewState> back = new ArrayDeque<>();
    private final Deque<ViewState> forward = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper(this, "canGoBack");
    private final ReadOnlyBooleanWrapper canGoForward = new ReadOnlyBooleanWrapper(this, "canGoForward");
    private ViewState current;

    /** Forgets every step; {@code state} (may be null) is where the analyst is now. */
    public void reset(ViewState state) {
        back.clear();
        forward.clear();
        current = state;
        update();
    }

    /** The analyst is now at {@code state}. */
    public void record(ViewState state) {
        if (current == null || state.onlyFillsIn(current)) {
            current = state;
            return;
        }
        if (state.equals(current)) {
            return;
        }
        back.push(current);
        while (back.size() > LIMIT) {
            back.removeLast();
        }
        forward.clear();
        current = state;
        update();
    }

    /** Corrects where the analyst is without making a step (after a view was applied and settled). */
    public void settle(ViewState state) {
        current = state;
    }

    /** Steps back; the view to show, or empty at the start. */
    public Optional<ViewState> goBack() {
        if (back.isEmpty()) {
            return Optional.empty();
        }
        forward.push(current);
        current = back.pop();
        update();
        return Optional.of(current);
    }

    /** Steps forward again; the view to show, or empty when nothing is ahead. */
    public Optional<ViewState> goForward() {
        if (forward.isEmpty()) {
            return Optional.empty();
        }
        back.push(current);
        current = forward.pop();
        update();
        return Optional.of(current);
    }

    public ViewState current() {
        return current;
    }

    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoForwardProperty() {
        return canGoForward.getReadOnlyProperty();
    }

    private void update() {
        canGoBack.set(!back.isEmpty());
        canGoForward.set(!forward.isEmpty());
    }

    /** Back steps (newest first), where the analyst is, and forward steps: for diagnostics. */
    @Override
    public String toString() {
        return "back " + back + ", current " + current + ", forward " + forward;
    }
}
