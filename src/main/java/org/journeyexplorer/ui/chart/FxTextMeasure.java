package org.journeyexplorer.ui.chart;

import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.journeyexplorer.chart.TextMeasure;

/**
 * A {@link TextMeasure} with the real font, so elided labels fit what the canvas draws. Uses a detached
 * {@link Text} node, which is allowed off the FX thread; one instance per layout job (not thread-safe).
 */
public final class FxTextMeasure implements TextMeasure {
    private final Text text = new Text();

    public FxTextMeasure(Font font) {
        text.setFont(font);
    }

    @Override
    public double width(String s) {
        text.setText(s);
        return text.getLayoutBounds().getWidth();
    }
}
