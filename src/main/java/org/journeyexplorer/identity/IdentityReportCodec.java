package org.journeyexplorer.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link IdentityReport} as bytes, kept beside a stored frame order so a reopened frame reports what stitching did
 * without reading the events and resolving them again (every field and every list entry, so the report read back
 * equals the one written). A null id stays null.
 */
public final class IdentityReportCodec {
    /** "JEI1". */
    private static final int MAGIC = 0x4A454931;
    private static final JoinRule[] RULES = JoinRule.values();

    private IdentityReportCodec() {
    }

    /** The report as bytes ({@link #decode} reads them). */
    public static byte[] encode(IdentityReport r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeBoolean(r.stitched());
            for (int v : new int[]{r.events(), r.persons(), r.userIds(), r.anonymousIds(), r.mergedAnonymousIds(),
                    r.multiDevicePersons(), r.conflictCount(), r.joined().signIn(), r.joined().email(),
                    r.joined().phone(), r.joined().probable(), r.unlinkedIds(), r.accountMergeCount(),
                    r.keyConflictCount()}) {
                out.writeInt(v);
            }
            out.writeInt(r.conflicts().size());
            for (IdentityConflict c : r.conflicts()) {
                text(out, c.anonymousId());
                text(out, c.keptUserId());
                text(out, c.otherUserId());
                out.writeLong(c.firstSeenMicros());
            }
            out.writeInt(r.accountMerges().size());
            for (AccountMerge m : r.accountMerges()) {
                out.writeByte(m.rule().ordinal());
                text(out, m.userId());
                text(out, m.joinedUserId());
                out.writeLong(m.firstSeenMicros());
            }
            out.writeInt(r.keyConflicts().size());
            for (KeyConflict k : r.keyConflicts()) {
                out.writeByte(k.rule().ordinal());
                text(out, k.id());
                text(out, k.idPerson());
                text(out, k.keyPerson());
                out.writeLong(k.firstSeenMicros());
            }
            out.writeInt(r.probableLinks().size());
            for (ProbableLink l : r.probableLinks()) {
                text(out, l.anonymousId());
                text(out, l.linkedTo());
                out.writeDouble(l.score());
                out.writeInt(l.signals().size());
                for (String s : l.signals()) {
                    text(out, s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by an in-memory stream
        }
        return bytes.toByteArray();
    }

    /** What {@link #encode} wrote; fails with {@link IllegalArgumentException} on bytes it did not write. */
    public static IdentityReport decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (bytes.length < 4 || in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a stored identity report");
            }
            boolean stitched = in.readBoolean();
            int[] v = new int[14];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readInt();
            }
            int n = count(in, bytes.length);
            List<IdentityConflict> conflicts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                conflicts.add(new IdentityConflict(text(in), text(in), text(in), in.readLong()));
            }
            n = count(in, bytes.length);
            List<AccountMerge> merges = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                merges.add(new AccountMerge(rule(in), text(in), text(in), in.readLong()));
            }
            n = count(in, bytes.length);
            List<KeyConflict> keyConflicts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                keyConflicts.add(new KeyConflict(rule(in), text(in), text(in), text(in), in.readLong()));
            }
            n = count(in, bytes.length);
            List<ProbableLink> links = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String anonymous = text(in);
                String linkedTo = text(in);
                double score = in.readDouble();
                int k = count(in, bytes.length);
                List<String> signals = new ArrayList<>(k);
                for (int j = 0; j < k; j++) {
                    signals.add(text(in));
                }
                links.add(new ProbableLink(anonymous, linkedTo, score, signals));
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("the stored identity report is inconsistent");
            }
            return new IdentityReport(stitched, v[0], v[1], v[2], v[3], v[4], v[5], v[6], conflicts,
                    new IdentityReport.JoinCounts(v[7], v[8], v[9], v[10]), v[11], v[12], merges, v[13],
                    keyConflicts, links);
        } catch (IOException e) {
            throw new IllegalArgumentException("the stored identity report is cut short", e);
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > in.available()) {
            throw new IllegalArgumentException("the stored identity report is inconsistent");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    /** A list's length, refused when the bytes could not hold that many entries. */
    private static int count(DataInputStream in, int size) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > size) {
            throw new IllegalArgumentException("the stored identity report is inconsistent");
        }
        return n;
    }

    private static JoinRule rule(DataInputStream in) throws IOException {
        int r = in.readUnsignedByte();
        if (r >= RULES.length) {
            throw new IllegalArgumentException("the stored identity report is inconsistent");
        }
        return RULES[r];
    }
}
