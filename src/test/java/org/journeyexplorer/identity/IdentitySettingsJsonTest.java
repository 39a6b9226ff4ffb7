package org.journeyexplorer.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdentitySettingsJsonTest {

    @Test
    void savedSettingsReadBackAsTheyWere() {
        IdentitySettings s = new IdentitySettings(true, false, true, true, 0.65, 45, Set.of("u9", "anon-3", "x\"y"));
        IdentitySettings back = IdentitySettingsJson.parse(IdentitySettingsJson.toJson(s));
        assertEquals(s, back);
        assertEquals(IdentitySettings.DEFAULT, IdentitySettingsJson.parse(IdentitySettingsJson.toJson(
                IdentitySettings.DEFAULT)));
    }

    @Test
    void missingOddOrUnreadableFieldsKeepTheirDefaults() throws Exception {
        IdentitySettings d = IdentitySettings.DEFAULT;
        assertEquals(d, IdentitySettingsJson.parse("{}"));
        assertEquals(d, IdentitySettingsJson.parse("not json"));
        assertEquals(d, IdentitySettingsJson.parse("[1, 2]"));
        assertEquals(d, IdentitySettingsJson.parse("{\"threshold\": 1.5, \"windowMinutes\": 0}"));
        assertEquals(d, IdentitySettingsJson.parse("{\"probabilistic\": {\"a\": [1]}, \"unlinked\": \"u1\"}"));
        // what the mapper read before: later fields and unknown members, numbers as text, the last of a repeat
        String json = "{\"future\": {\"x\": [1, {\"y\": 2}]}, \"emailJoinsAccounts\": false,"
                + " \"threshold\": \"0.5\", \"windowMinutes\": 12.7, \"unlinked\": [\"b\", 7, null, \"a\"],"
                + " \"phoneJoinsAccounts\": true, \"phoneJoinsAccounts\": false, \"probabilistic\": 1}";
        IdentitySettings s = IdentitySettingsJson.parse(json);
        assertEquals(new IdentitySettings(true, false, false, true, 0.5, 12, Set.of("a", "b", "7", "null")), s);
        // and the mapper's tree of the same text agrees
        var o = new ObjectMapper().readTree(json);
        assertEquals(o.path("emailJoinsAccounts").asBoolean(true), s.emailJoinsAccounts());
        assertEquals(o.path("phoneJoinsAccounts").asBoolean(true), s.phoneJoinsAccounts());
        assertEquals(o.path("probabilistic").asBoolean(false), s.probabilistic());
        assertEquals(o.path("threshold").asDouble(0.8), s.threshold());
        assertEquals(o.path("windowMinutes").asInt(30), s.windowMinutes());
    }
}
