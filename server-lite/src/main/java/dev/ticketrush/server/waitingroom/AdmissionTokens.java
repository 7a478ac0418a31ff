package dev.ticketrush.server.waitingroom;

import dev.ticketrush.server.infra.Database;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Admission tokens: {@code v1.<userId>.<concertId>.<expiry epoch s>.<HMAC-SHA256>}, signed with a key every instance
 * of the deployment shares (kept in PostgreSQL), so any instance verifies any other's token without asking Redis.
 */
public final class AdmissionTokens {

    /** A verified token's claims. */
    public record Claims(long userId, long concertId, long expiresAtSeconds) {
    }

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;

    AdmissionTokens(byte[] secret, Clock clock) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.clock = clock;
    }

    /** The deployment's tokens: the first server to ask draws the key, every later one reads it. */
    public static AdmissionTokens of(Database db, Clock clock) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String drawn = HexFormat.of().formatHex(random);
        String secret = db.inTransaction(c -> {
            try (PreparedStatement set = c.prepareStatement("UPDATE deployment SET admission_secret = ? WHERE admission_secret IS NULL")) {
                set.setString(1, drawn);
                set.executeUpdate();
            }
            try (PreparedStatement read = c.prepareStatement("SELECT admission_secret FROM deployment"); ResultSet rows = read.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        });
        return new AdmissionTokens(HexFormat.of().parseHex(secret), clock);
    }

    public String issue(long userId, long concertId, long ttlSeconds) {
        String claims = "v1." + userId + "." + concertId + "." + (clock.instant().getEpochSecond() + ttlSeconds);
        return claims + "." + signature(claims);
    }

    /** The token's claims, or a {@link NotAdmitted} saying what is wrong with it: malformed, forged, or expired. */
    public Claims verify(String token) {
        if (token == null || token.isBlank()) throw new NotAdmitted("No Admission-Token: it comes with the ACTIVE status");
        int lastDot = token.lastIndexOf('.');
        String claims = lastDot < 0 ? "" : token.substring(0, lastDot);
        String[] parts = claims.split("\\.");
        if (parts.length != 4 || !parts[0].equals("v1")) throw new NotAdmitted("Malformed Admission-Token");
        byte[] presented = token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(presented, signature(claims).getBytes(StandardCharsets.US_ASCII))) throw new NotAdmitted("Forged Admission-Token");
        try {
            Claims verified = new Claims(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
            if (verified.expiresAtSeconds() <= clock.instant().getEpochSecond()) throw new NotAdmitted("Expired Admission-Token");
            return verified;
        } catch (NumberFormatException e) {
            throw new NotAdmitted("Malformed Admission-Token");
        }
    }

    private String signature(String claims) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(claims.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
