package dev.ticketrush.server.testing;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The no-double-sale invariants, checked with SQL against the tables themselves. */
public final class SaleInvariants {

    private final TestServices services;

    public SaleInvariants(TestServices services) {
        this.services = services;
    }

    /** Exactly {@code sold} seats of the option are RESERVED, each held by exactly one live reservation, and no free seat is held. */
    public void assertSoldExactlyOnce(long optionId, long sold) throws SQLException {
        String optionSeats = "(SELECT id FROM seat WHERE concert_option_id = " + optionId + ")";
        assertEquals(sold, number("SELECT count(*) FROM seat WHERE concert_option_id = " + optionId + " AND status = 'RESERVED'"), "seats RESERVED");
        assertEquals(sold, number("SELECT count(*) FROM reservation WHERE cancelled_at IS NULL AND seat_id IN " + optionSeats), "live reservations");
        assertEquals(0, number("SELECT count(*) FROM (SELECT seat_id FROM reservation WHERE cancelled_at IS NULL AND seat_id IN "
                + optionSeats + " GROUP BY seat_id HAVING count(*) > 1) AS doubles"), "seats held twice");
        assertEquals(0, number("SELECT count(*) FROM seat s WHERE s.concert_option_id = " + optionId + " AND s.status = 'RESERVED' "
                + "AND NOT EXISTS (SELECT 1 FROM reservation r WHERE r.seat_id = s.id AND r.cancelled_at IS NULL)"), "RESERVED seats without a holder");
        assertEquals(0, number("SELECT count(*) FROM seat s WHERE s.concert_option_id = " + optionId + " AND s.status = 'AVAILABLE' "
                + "AND EXISTS (SELECT 1 FROM reservation r WHERE r.seat_id = s.id AND r.cancelled_at IS NULL)"), "AVAILABLE seats with a holder");
    }

    private long number(String sql) throws SQLException {
        return services.sqlNumber(sql);
    }
}
