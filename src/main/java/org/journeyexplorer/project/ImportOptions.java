package org.journeyexplorer.project;

import org.journeyexplorer.ingest.KeyNormaliser;

/**
 * How to import a file.
 *
 * @param force          import even when the same content was imported before
 * @param pseudonymise   store keyed pseudonyms instead of person and anonymous ids (see {@link org.journeyexplorer.store.Pseudonymizer});
 *                       rejected rows are then kept without their raw text, which would show the ids
 * @param keepProperties keep the other columns as event properties; false stores none (they may hold
 *                       personal data such as e-mail or IP addresses that pseudonymising ids does not cover)
 * @param consent        when not null, only events of persons with consent are stored (see {@link ConsentRule});
 *                       rejected rows are then kept without their raw text, as their person is unknown
 * @param keys           how e-mail addresses and phone numbers are normalised before they are hashed
 */
public record ImportOptions(boolean force, boolean pseudonymise, boolean keepProperties, ConsentRule consent,
                            KeyNormaliser.Options keys) {
    /** Refuse duplicates, keep ids and properties. */
    public static final ImportOptions DEFAULT = new ImportOptions(false, false, true, null);

    public ImportOptions {
        if (keys == null) {
            keys = KeyNormaliser.Options.DEFAULT;
        }
    }

    /** With the default key normalisation. */
    public ImportOptions(boolean force, boolean pseudonymise, boolean keepProperties, ConsentRule consent) {
        this(force, pseudonymise, keepProperties, consent, KeyNormaliser.Options.DEFAULT);
    }

    /** Without a consent filter. */
    public ImportOptions(boolean force, boolean pseudonymise, boolean keepProperties) {
        this(force, pseudonymise, keepProperties, null);
    }

    public ImportOptions withForce(boolean f) {
        return new ImportOptions(f, pseudonymise, keepProperties, consent, keys);
    }

    public ImportOptions withPseudonymise(boolean p) {
        return new ImportOptions(force, p, keepProperties, consent, keys);
    }

    public ImportOptions withKeepProperties(boolean k) {
        return new ImportOptions(force, pseudonymise, k, consent, keys);
    }

    public ImportOptions withConsent(ConsentRule c) {
        return new ImportOptions(force, pseudonymise, keepProperties, c, keys);
    }

    public ImportOptions withKeys(KeyNormaliser.Options k) {
        return new ImportOptions(force, pseudonymise, keepProperties, consent, k);
    }
}
