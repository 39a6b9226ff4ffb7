package org.journeyexplorer.domain;

import org.journeyexplorer.core.IntChunks;

import java.util.Arrays;

/**
 * The identity keys of the events: contact keys (e-mail, phone) that say two ids are the same person, and the
 * device signals (a device fingerprint or user agent + IP prefix, and the IP prefix alone) that probabilistic
 * matching weighs. In a project every value is a keyed hash (see {@code Pseudonymizer#keyHash}): the raw e-mail
 * addresses, phone numbers and IP addresses are never stored. In memory (tests, the demo generator's columns) any
 * text that is equal exactly when the keys are equal will do.
 *
 * <p>Each column holds, per event row, an index into {@link #values} or {@code -1}; a column is null when no row
 * has such a key. The dictionary is shared by the four kinds, and a value's kind is {@link #kinds}.
 *
 * @param email   e-mail key per row, or null
 * @param phone   phone key per row, or null
 * @param device  device signal per row (fingerprint, else user agent + IP prefix), or null
 * @param network network signal per row (IP prefix), or null
 * @param values  the key dictionary
 * @param kinds   kind per dictionary entry: {@link #EMAIL}, {@link #PHONE}, {@link #DEVICE} or {@link #NETWORK}
 */
public record KeyColumns(IntChunks email, IntChunks phone, IntChunks device, IntChunks network, String[] values,
                         byte[] kinds) {
    public static final byte EMAIL = 1;
    public static final byte PHONE = 2;
    public static final byte DEVICE = 3;
    public static final byte NETWORK = 4;

    /** No keys at all. */
    public static final KeyColumns NONE = dictionary(new String[0], new byte[0]);

    /** Key columns in arrays (copied into chunks; null where there is no such column). */
    public KeyColumns(int[] email, int[] phone, int[] device, int[] network, String[] values, byte[] kinds) {
        this(chunks(email), chunks(phone), chunks(device), chunks(network), values, kinds);
    }

    /** The dictionary without any column. */
    public static KeyColumns dictionary(String[] values, byte[] kinds) {
        return new KeyColumns((IntChunks) null, null, null, null, values, kinds);
    }

    private static IntChunks chunks(int[] column) {
        return column == null ? null : IntChunks.of(column);
    }

    /** Number of dictionary entries. */
    public int size() {
        return values.length;
    }

    /** Whether any row has a contact key (e-mail or phone). */
    public boolean hasContactKeys() {
        return email != null || phone != null;
    }

    /** Whether any row has a device or network signal. */
    public boolean hasSignals() {
        return device != null || network != null;
    }

    /** The column of a kind, or null. */
    public IntChunks column(byte kind) {
        return switch (kind) {
            case EMAIL -> email;
            case PHONE -> phone;
            case DEVICE -> device;
            case NETWORK -> network;
            default -> throw new IllegalArgumentException("key kind " + kind);
        };
    }

    /** Name of a kind for reports: "email", "phone", "device", "network". */
    public static String kindName(byte kind) {
        return switch (kind) {
            case EMAIL -> "email";
            case PHONE -> "phone";
            case DEVICE -> "device";
            case NETWORK -> "network";
            default -> "key";
        };
    }

    /** A column of {@code n} rows without keys, in chunks. */
    public static IntChunks emptyChunks(int n) {
        return IntChunks.filled(n, -1);
    }

    /** A column of {@code n} rows without keys, for builders that fill some rows. */
    public static int[] emptyColumn(int n) {
        int[] c = new int[n];
        Arrays.fill(c, -1);
        return c;
    }
}
