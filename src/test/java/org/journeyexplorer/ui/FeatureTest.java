package org.journeyexplorer.ui;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tab names as -Dje.tab takes them. */
class FeatureTest {
    @Test
    void namesWithOrWithoutSeparatorsFindTheirTabAndOthersNone() {
        assertEquals(Optional.of(Feature.PROCESS_MAP), Feature.named("processmap"));
        assertEquals(Optional.of(Feature.PROCESS_MAP), Feature.named("process-map"));
        assertEquals(Optional.of(Feature.PROCESS_MAP), Feature.named("Process map"));
        assertEquals(Optional.of(Feature.PROCESS_MAP), Feature.named("PROCESS_MAP"));
        assertEquals(Optional.of(Feature.FLOWS), Feature.named("flows"));
        assertEquals(Optional.empty(), Feature.named("sankey"));
        assertEquals(Optional.empty(), Feature.named(""));
        assertEquals(Optional.empty(), Feature.named(null));
    }
}
