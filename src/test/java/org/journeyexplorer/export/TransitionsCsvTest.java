package org.journeyexplorer.export;

import org.journeyexplorer.analysis.FrameFixture;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.analysis.Transitions;
import org.journeyexplorer.chart.ChartCaption;
import org.journeyexplorer.core.TaskContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TransitionsCsvTest {

    @Test
    void oneRowPerNonZeroCellStartRowFirstEndColumnLast() {
        // sessions [b a b] 30 s then 60 s apart and [=x b] 60 s apart; "=x" is a hostile event name
        var frame = FrameFixture.frame("p1: b@0s a@30s b@90s", "p2: =x@0s b@60s");
        String csv = TransitionsCsv.asString(Transitions.compute(Selection.all(frame), TaskContext.NONE),
                new ChartCaption("T", "shop", "", ChartCaption.ALL_DATES));
        assertEquals("""
                # T
                # Project: shop
                # Dates: all dates
                # Filters: none
                from,to,count,probability,median_seconds,p90_seconds
                START,b,1,0.500000,,
                START,'=x,1,0.500000,,
                b,a,1,0.333333,30.000,30.000
                b,END,2,0.666667,,
                a,b,1,1.000000,60.000,60.000
                '=x,b,1,1.000000,60.000,60.000
                """.replace("\n", "\r\n"), csv);
    }
}
