package org.journeyexplorer.ui;

import org.journeyexplorer.analysis.EventFrame;
import org.journeyexplorer.analysis.Selection;
import org.journeyexplorer.core.TaskContext;

import java.util.BitSet;

/** Turns the panel's {@link FilterSettings} into a {@link Selection} of a frame in one pass. */
public final class Selections {
    private Selections() {
    }

    public static Selection apply(EventFrame f, FilterSettings s, TaskContext ctx) {
        if (s.isEmpty()) {
            return Selection.all(f);
        }
        long from = s.from() == null ? Long.MIN_VALUE
                : s.from().atStartOfDay(s.zone()).toInstant().toEpochMilli() * 1000L;
        long to = s.to() == null ? Long.MAX_VALUE
                : s.to().plusDays(1).atStartOfDay(s.zone()).toInstant().toEpochMilli() * 1000L;
        boolean[] hidden = new boolean[f.typeCount()];
        for (String name : s.hiddenTypes()) {
            int t = f.typeIndex(name);
            if (t >= 0) {
                hidden[t] = true;
            }
        }
        BitSet in = new BitSet(f.size);
        for (int i = 0; i < f.size; i++) {
            if ((i & 0xFFFFF) == 0) {
                ctx.checkCancelled();
            }
            long t = f.time[i];
            if (t >= from && t < to && !hidden[f.type[i]]) {
                in.set(i);
            }
        }
        return Selection.of(f, in);
    }
}
