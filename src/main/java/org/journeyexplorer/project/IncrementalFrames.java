package org.journeyexplorer.project;

import org.journeyexplorer.analysis.BuiltFrame;
import org.journeyexplorer.analysis.FrameBuilder;
import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.domain.EventColumns;
import org.journeyexplorer.store.AppendedRows;

/**
 * Brings a frame up to date after a stream batch was appended to its events.
 */
final class IncrementalFrames {
    private IncrementalFrames() {
    }

    /** The frame of {@code columns} (the frame's events plus {@code rows}) under the frame's rule. */
    static BuiltFrame append(BuiltFrame frame, EventColumns columns, AppendedRows rows) {
        return FrameBuilder.build(columns, frame.identity().stitched(), frame.rule(), TaskContext.NONE);
    }
}
