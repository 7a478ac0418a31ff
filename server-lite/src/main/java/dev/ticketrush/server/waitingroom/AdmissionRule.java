package dev.ticketrush.server.waitingroom;

import java.util.Locale;

/** What a reservation must show about the buyer it acts for. */
public enum AdmissionRule {
    /** The original's rule: a User-Id header, when sent, must name an admitted buyer, the buyer of the body. */
    CONTRACT,
    /** A User-Id header is required, must name the body's buyer, and that buyer must be admitted. */
    STRICT,
    /** As STRICT, proven by the Admission-Token the server signed when the buyer became ACTIVE, for the seat's concert. */
    SIGNED;

    public static AdmissionRule parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("admission must be one of contract, strict, signed; got '" + text + "'");
        }
    }
}
