package org.journeyexplorer.identity;

/** Why an id belongs to the person it was joined to: the kind of the link in the identity graph. */
public enum JoinRule {
    /** The anonymous id was first seen together with the user id (a sign-in on that device). */
    SIGN_IN("sign-in"),
    /** The ids share an e-mail key. */
    EMAIL("email"),
    /** The ids share a phone key. */
    PHONE("phone"),
    /** Probabilistic matching linked the ids with a score at or above the threshold. */
    PROBABLE("probable");

    private final String label;

    JoinRule(String label) {
        this.label = label;
    }

    /** Lower-case name for reports and JSON: "sign-in", "email", "phone", "probable". */
    public String label() {
        return label;
    }
}
