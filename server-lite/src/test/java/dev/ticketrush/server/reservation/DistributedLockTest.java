package dev.ticketrush.server.reservation;

import dev.ticketrush.server.infra.Database;
import dev.ticketrush.server.infra.RedisConnection;
import dev.ticketrush.server.infra.RedisKeys;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class DistributedLockTest extends ServerTest {

    private final SaleInvariants invariants;

    DistributedLockTest(TestServices services) {
        super(services);
        this.invariants = new SaleInvariants(services);
    }

    /** The original released the lock before its transaction committed: the next holder could read the seat still free. */
    @Test
    void lockIsHeldUntilTheSaleHasCommitted() throws Exception {
        long optionId = http.setupConcert(1)[1];
        long seat = services.seatIds(optionId)[0];
        long user = services.createUsers(1)[0];
        String lockKey = RedisKeys.seatLock(seat);
        List<String> seenWhenSaleReturned = new ArrayList<>();
        try (Database db = new Database(services.dbUrl(), services.dbUser(), "", 2); var jedis = services.jedis()) {
            RedissonClient redis = RedisConnection.open(services.redisUrl());
            try {
                Reserver committedSale = new TransactionalReserver(db, new OptimisticSale(10), 0);
                Reserver observedSale = (userId, seatId) -> {
                    Reservation sold = committedSale.reserve(userId, seatId);
                    try {
                        seenWhenSaleReturned.add(services.sqlNumber("SELECT count(*) FROM seat WHERE status = 'RESERVED' AND id = " + seatId)
                                + " sold, lock " + (jedis.exists(lockKey) ? "held" : "free"));
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    return sold;
                };
                new DistributedLockReserver(redis, db, observedSale, Duration.ofSeconds(10)).reserve(user, seat);
            } finally {
                redis.shutdown();
            }
            assertEquals(List.of("1 sold, lock held"), seenWhenSaleReturned, "another connection sees the sale committed while the lock is still held");
            assertFalse(jedis.exists(lockKey), "released after the commit");
        }
        invariants.assertSoldExactlyOnce(optionId, 1);
    }
}
