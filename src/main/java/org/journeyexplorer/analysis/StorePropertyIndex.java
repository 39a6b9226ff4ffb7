package org.journeyexplorer.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.journeyexplorer.core.UserFacingException;
import org.journeyexplorer.store.ProjectStore;

import java.io.IOException;
import java.util.BitSet;

/**
 * {@link Filter.PropertyIndex} over a project's stored properties: reads the properties chunk by chunk and keeps
 * the rows whose property equals the value (compared as text, so {@code price = 45.99} matches a number or a
 * string). Rows whose JSON does not even contain the value's text are skipped without parsing.
 */
public final class StorePropertyIndex implements Filter.PropertyIndex {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProjectStore store;

    public StorePropertyIndex(ProjectStore store) {
        this.store = store;
    }

    @Override
    public BitSet rowsWith(String key, String value) {
        int total = store.events().count();
        BitSet rows = new BitSet(total);
        // a value without characters JSON escapes appears verbatim in any row that has it
        boolean verbatim = value.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\');
        int block = ProjectStore.CHUNK_ROWS;
        for (int from = 0; from < total; from += block) {
            int n = Math.min(block, total - from);
            int[] ask = new int[n];
            for (int i = 0; i < n; i++) {
                ask[i] = from + i;
            }
            String[] props = store.events().loadProperties(ask);
            for (int i = 0; i < n; i++) {
                String p = props[i];
                if (p == null || (verbatim && !p.contains(value))) {
                    continue;
                }
                try {
                    JsonNode v = JSON.readTree(p).get(key);
                    if (v != null && !v.isNull() && v.asText().equals(value)) {
                        rows.set(from + i);
                    }
                } catch (IOException e) {
                    throw new UserFacingException("The stored properties of event " + (from + i) + " are unreadable.", e);
                }
            }
        }
        return rows;
    }
}
