package org.journeyexplorer.live;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The board's rules on score messages as the scoring job writes them, without a broker. */
class ScoreBoardTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private static ScoreBoard board(int top) {
        return new ScoreBoard(KafkaSource.plain("127.0.0.1:1", "scores"), top, Duration.ofMinutes(30), s -> {
        });
    }

    private static void accept(ScoreBoard b, String json) {
        b.accept(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ranksOpenSessionsByTheirLatestScoreAndCountsTheConverted() {
        ScoreBoard b = board(2);
        accept(b, ScoreMessages.score("ann", T0, 0.10, "app_open"));
        accept(b, ScoreMessages.score("ann", T0.plusSeconds(60), 0.40, "app_open", "add_to_cart"));
        accept(b, ScoreMessages.score("bob", T0.plusSeconds(30), 0.30, "search"));
        accept(b, ScoreMessages.score("cid", T0.plusSeconds(40), 0.05, "page_view"));
        accept(b, ScoreMessages.score("dan", T0.plusSeconds(50), 1.0, "add_to_cart", "purchase"));
        // an older score of ann arriving late does not replace her newer one
        accept(b, ScoreMessages.score("ann", T0.plusSeconds(10), 0.02, "app_open", "search"));
        accept(b, "not json");
        accept(b, "{\"type\":\"session\",\"person\":\"x\"}");
        ScoreBoard.Snapshot s = b.snapshot();
        assertEquals(List.of("ann", "bob"), s.top().stream().map(ScoreBoard.Entry::person).toList());
        assertEquals(0.40, s.top().get(0).conversion());
        assertEquals(List.of("app_open", "add_to_cart"), s.top().get(0).path());
        assertEquals("add_to_cart", s.top().get(0).lastEvent());
        assertEquals(new ScoreBoard.Next(null, 0.25), s.top().get(0).next().get(1));
        assertEquals(4, s.open());
        assertEquals(1, s.converted());
        assertEquals(6, s.scores());
        assertEquals(2, s.unreadable());
        assertEquals(T0.plusSeconds(60), s.latest());
        assertNull(s.problem());
    }

    @Test
    void aPersonQuietForLongerThanTheTimeoutHasEndedTheSession() {
        ScoreBoard b = board(10);
        accept(b, ScoreMessages.score("ann", T0, 0.5, "add_to_cart"));
        accept(b, ScoreMessages.score("bob", T0.plusSeconds(60), 0.2, "search"));
        // exactly the timeout after ann's event: her session may still go on
        accept(b, ScoreMessages.score("cid", T0.plus(Duration.ofMinutes(30)), 0.1, "app_open"));
        assertEquals(List.of("ann", "bob", "cid"), b.snapshot().top().stream().map(ScoreBoard.Entry::person).toList());
        accept(b, ScoreMessages.score("cid", T0.plus(Duration.ofMinutes(30)).plusSeconds(1), 0.1, "app_open", "search"));
        assertEquals(List.of("bob", "cid"), b.snapshot().top().stream().map(ScoreBoard.Entry::person).toList());
        assertEquals(2, b.snapshot().open());
    }
}
