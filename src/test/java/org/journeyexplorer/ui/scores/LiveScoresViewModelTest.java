package org.journeyexplorer.ui.scores;

import org.journeyexplorer.ui.concurrent.CurrentThreadTaskRunner;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The live scores view model without a window or a broker: settings checked before connecting, suggestions. */
class LiveScoresViewModelTest {
    private final LiveScoresViewModel vm = new LiveScoresViewModel(new CurrentThreadTaskRunner(), Runnable::run,
            ZoneOffset.UTC);

    @Test
    void wrongSettingsAreOneLineAndNothingConnects() {
        vm.bootstrapProperty().set("localhost");
        vm.connect();
        assertEquals("'localhost' is not host:port (e.g. localhost:9092).", vm.statusProperty().get());
        vm.bootstrapProperty().set("localhost:9092");
        vm.topicProperty().set("scores with spaces");
        vm.connect();
        assertEquals("'scores with spaces' is not a Kafka topic name (letters, digits, '.', '_' and '-').",
                vm.statusProperty().get());
        assertFalse(vm.connectedProperty().get());
        assertFalse(vm.connectingProperty().get());
    }

    @Test
    void theProjectsStreamClusterIsSuggestedUnlessTheUserTypedOne() {
        vm.suggestBootstrap("kafka-1:9092,kafka-2:9092");
        assertEquals("kafka-1:9092,kafka-2:9092", vm.bootstrapProperty().get());
        vm.bootstrapProperty().set("mine:9092");
        vm.suggestBootstrap("kafka-1:9092");
        assertEquals("mine:9092", vm.bootstrapProperty().get());
    }
}
