package org.journeyexplorer.ui.scores;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.journeyexplorer.live.KafkaTestBroker;
import org.journeyexplorer.live.ScoreMessages;
import org.journeyexplorer.ui.AppFxTestBase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "Likely to convert" window against a real broker: opened from View, it connects to a scores topic written
 * as the scoring job writes it, ranks the open sessions by their chance to convert (the converted one counted, not
 * listed), shows the selected person's journey, keeps up with new scores, and says so in one line when the topic
 * does not exist.
 */
class LiveScoresFxTest extends AppFxTestBase {

    private static void send(KafkaTestBroker broker, String topic, List<String> values) {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(broker.producerConfig(),
                new StringSerializer(), new StringSerializer())) {
            for (String v : values) {
                p.send(new ProducerRecord<>(topic, v));
            }
            p.flush();
        }
    }

    /** Replaces a text field's text as a user would: click, select all, type. */
    private void type(String field, String text) {
        clickOn(field).push(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.A).write(text);
    }

    private void waitForStatus(String start) throws Exception {
        try {
            waitFor(60, "status " + start, () -> lookup("#scores-status").queryAs(Label.class).getText()
                    .startsWith(start));
        } catch (AssertionError e) {
            throw new AssertionError("status: " + onFx(() -> lookup("#scores-status").queryAs(Label.class)
                    .getText()) + ", expected it to start with: " + start, e);
        }
    }

    @Test
    void followsTheScoresTopicAndRanksWhoIsLikelyToConvert() throws Exception {
        KafkaTestBroker broker = KafkaTestBroker.shared();
        String topic = broker.newTopic("fx-scores", 2);
        Instant t = Instant.parse("2026-12-05T10:00:00Z");
        send(broker, topic, List.of(
                ScoreMessages.score("ann", t, 0.12, "app_open"),
                ScoreMessages.score("ann", t.plusSeconds(60), 0.47, "app_open", "view_item", "add_to_cart"),
                ScoreMessages.score("bob", t.plusSeconds(20), 0.31, "search", "view_item"),
                ScoreMessages.score("dan", t.plusSeconds(30), 1.0, "add_to_cart", "purchase")));

        clickOn("View").clickOn("#menu-live-scores");
        waitFor(30, "window open", () -> lookup("#live-scores").tryQuery().isPresent());
        // a topic that does not exist: one line saying so, not connected
        type("#scores-bootstrap", broker.bootstrap());
        type("#scores-topic", "no-such-topic");
        clickOn("#scores-connect");
        waitForStatus("There is no topic 'no-such-topic' at " + broker.bootstrap());

        type("#scores-topic", topic);
        clickOn("#scores-connect");
        TableView<LiveScoresViewModel.Row> table = lookup("#scores-table").queryTableView();
        waitFor(60, "two persons listed", () -> table.getItems().size() == 2);
        assertEquals(List.of("ann", "bob"), onFx(() -> table.getItems().stream()
                .map(LiveScoresViewModel.Row::person).toList()));
        assertEquals(0.47, onFx(() -> table.getItems().get(0).conversion()));
        String status = onFx(() -> lookup("#scores-status").queryAs(Label.class).getText());
        assertTrue(status.startsWith("3 open sessions, 1 of them converted already; 4 scores read"), status);

        // the rows' cells are made on the pulse after the items change
        waitFor(10, "bob's row drawn", () -> from(table).lookup("bob").tryQuery().isPresent());
        clickOn(from(table).lookup("bob").queryLabeled());
        waitFor(10, "journey shown", () -> lookup("#scores-journey").queryAs(Label.class).getText()
                .equals("Journey of bob (2 events): search → view_item"));
        assertEquals("Likely next: purchase 50.0 % · (leaves) 25.0 %",
                onFx(() -> lookup("#scores-next").queryAs(Label.class).getText()));

        // a new score moves bob ahead; he stays selected
        send(broker, topic, List.of(ScoreMessages.score("bob", t.plusSeconds(90), 0.66, "search", "view_item",
                "add_to_cart")));
        waitFor(60, "bob first", () -> table.getItems().get(0).person().equals("bob"));
        waitFor(10, "bob still selected", () -> lookup("#scores-journey").queryAs(Label.class).getText()
                .equals("Journey of bob (3 events): search → view_item → add_to_cart"));

        clickOn("#scores-connect"); // Disconnect
        waitForStatus("Disconnected.");
        javafx.stage.Window w = window("Likely to convert — live scores");
        onFx(() -> {
            ((javafx.stage.Stage) w).close();
            return null;
        });
    }
}
