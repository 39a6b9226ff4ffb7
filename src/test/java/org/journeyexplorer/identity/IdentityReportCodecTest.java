package org.journeyexplorer.identity;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A stored identity report reads back as the report written, every field and list entry; other bytes are refused. */
class IdentityReportCodecTest {

    private static IdentityReport full() {
        return new IdentityReport(true, 1_234_567, 8_901, 345, 6_789, 12, 3, 2,
                List.of(new IdentityConflict("d1", "u1", "u2", 1_700_000_000_123_456L),
                        new IdentityConflict("dé→2", "ü", null, -5L)),
                new IdentityReport.JoinCounts(7, 1, 2, 3), 4, 2,
                List.of(new AccountMerge(JoinRule.EMAIL, "u3", "u4", 99L),
                        new AccountMerge(JoinRule.PHONE, "u5", "u6", Long.MAX_VALUE)),
                1, List.of(new KeyConflict(JoinRule.EMAIL, "d9", "u7", "u8", Long.MIN_VALUE)),
                List.of(new ProbableLink("d10", "u9", 0.8125, List.of("same device", "same network")),
                        new ProbableLink("d11", "u9", 0.1 + 0.2, List.of())));
    }

    @Test
    void aReportReadsBackAsWritten() {
        IdentityReport r = full();
        assertEquals(r, IdentityReportCodec.decode(IdentityReportCodec.encode(r)));
        IdentityReport empty = new IdentityReport(false, 0, 0, 0, 0, 0, 0, 0, List.of(),
                IdentityReport.JoinCounts.NONE, 0, 0, List.of(), 0, List.of(), List.of());
        assertEquals(empty, IdentityReportCodec.decode(IdentityReportCodec.encode(empty)));
    }

    @Test
    void bytesItDidNotWriteAreRefused() {
        byte[] good = IdentityReportCodec.encode(full());
        for (byte[] bad : List.of(new byte[0], new byte[]{1, 2, 3, 4, 5}, Arrays.copyOf(good, good.length - 1),
                Arrays.copyOf(good, good.length + 1), Arrays.copyOf(good, 40))) {
            assertThrows(IllegalArgumentException.class, () -> IdentityReportCodec.decode(bad),
                    bad.length + " bytes");
        }
    }
}
