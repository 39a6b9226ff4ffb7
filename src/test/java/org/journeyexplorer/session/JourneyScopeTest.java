package org.journeyexplorer.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JourneyScopeTest {

    @Test
    void processLogsAreRecognisedByTheirCaseColumnOrByBeingXes() {
        assertTrue(JourneyScope.looksLikeCaseLog("DELIMITED", "CaseID", null));            // helpdesk.csv
        assertTrue(JourneyScope.looksLikeCaseLog("DELIMITED", "case:concept:name", null)); // pm4py exports
        assertTrue(JourneyScope.looksLikeCaseLog("XES", "case:concept:name", null));
        assertTrue(JourneyScope.looksLikeCaseLog("XES", null, null));
        assertTrue(JourneyScope.looksLikeCaseLog("DELIMITED", "ticket_id", null));
    }

    @Test
    void clickstreamsAreNot() {
        assertFalse(JourneyScope.looksLikeCaseLog("DELIMITED", "user_id", "anonymous_id"));
        assertFalse(JourneyScope.looksLikeCaseLog("DELIMITED", "user_id", null));
        assertFalse(JourneyScope.looksLikeCaseLog("DELIMITED", "session_id", null)); // Diginetica: web sessions
        // a device id beside a case-like column is a clickstream with a "case" property, not a process log
        assertFalse(JourneyScope.looksLikeCaseLog("DELIMITED", "case_id", "device_id"));
        assertFalse(JourneyScope.looksLikeCaseLog(null, null, null));
    }

    @Test
    void aCaseIsOneJourneyWhateverTheGap() {
        SessionRule r = JourneyScope.CASE.rule(SessionRule.DEFAULT_TIMEOUT_MICROS);
        assertTrue(r.isWholeCase());
        assertEquals(SessionRule.wholeCase(), r);
        SessionRule s = JourneyScope.SESSION.rule(90_000_000L);
        assertFalse(s.isWholeCase());
        assertEquals(90_000_000L, s.timeoutMicros());
    }

    @Test
    void parsesWhatTheCommandLineAccepts() {
        assertEquals(JourneyScope.CASE, JourneyScope.parse("case"));
        assertEquals(JourneyScope.CASE, JourneyScope.parse(" Cases "));
        assertEquals(JourneyScope.SESSION, JourneyScope.parse("sessions"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JourneyScope.parse("visit"));
        assertEquals("A journey is a case or a session, not \"visit\".", e.getMessage());
    }
}
