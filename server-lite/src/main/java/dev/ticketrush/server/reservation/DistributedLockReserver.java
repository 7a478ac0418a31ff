package dev.ticketrush.server.reservation;

import dev.ticketrush.server.infra.Database;
import dev.ticketrush.server.infra.RedisKeys;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.ticketrush.server.reservation.SeatLedger.readSeat;
import static dev.ticketrush.server.reservation.SeatLedger.requireAvailable;

/**
 * v3: the Redisson lock {@code lock:seat:{seatId}} around a guarded sale. The lock is released only
 * after the sale's transaction has committed, so the next holder always sees the seat sold.
 */
public final class DistributedLockReserver implements Reserver {

    private final RedissonClient redis;
    private final Database db;
    private final Reserver sale;
    private final Duration lockWait;

    /** @param sale the transactional sale run under the lock; it must have committed when it returns */
    public DistributedLockReserver(RedissonClient redis, Database db, Reserver sale, Duration lockWait) {
        this.redis = redis;
        this.db = db;
        this.sale = sale;
        this.lockWait = lockWait;
    }

    @Override
    public Reservation reserve(long userId, long seatId) {
        // A seat already sold is refused without queueing for its lock.
        db.read(c -> requireAvailable(readSeat(c, seatId, false)));
        RLock lock = redis.getLock(RedisKeys.seatLock(seatId));
        if (!acquire(lock)) throw new LostRace(seatId, "lock wait over " + lockWait.toSeconds() + " s");
        try {
            return sale.reserve(userId, seatId);
        } finally {
            lock.unlock();
        }
    }

    private boolean acquire(RLock lock) {
        try {
            return lock.tryLock(lockWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
