package org.journeyexplorer.ui.export;

import org.journeyexplorer.analysis.FilterSettings;
import org.journeyexplorer.chart.ChartCaption;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An exported chart names every filter it was drawn under, the property condition included. */
class ChartExportsCaptionTest {
    @Test
    void theCaptionNamesDatesThePropertyConditionAndHiddenEvents() {
        FilterSettings f = FilterSettings.NONE.withRange(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 31))
                .withProperty("plan", "pro").withHidden(Set.of("open", "close"));
        ChartCaption c = ChartExports.caption("Transitions", null, f);
        assertEquals(List.of("Transitions", "Dates: 2024-01-01 – 2024-03-31",
                "Filters: plan = pro; hidden events: close, open"), c.lines());
        assertEquals(List.of("Flows", "Dates: all dates", "Filters: none"),
                ChartExports.caption("Flows", null, FilterSettings.NONE).lines());
    }
}
