package dev.ticketrush.cli.swarm;

import java.util.Set;
import java.util.SplittableRandom;

/** Which seat a buyer goes for, given the seats the swarm already knows to be taken. */
public enum SeatPattern {
    /** Everyone wants the front row: one of the first few seats not known taken. */
    HOT {
        @Override
        long pick(int buyer, long[] seats, Set<Long> taken, SplittableRandom random) {
            long[] front = new long[FRONT_ROW];
            int found = 0;
            for (int i = 0; i < seats.length && found < FRONT_ROW; i++) {
                if (!taken.contains(seats[i])) front[found++] = seats[i];
            }
            return found == 0 ? NONE : front[random.nextInt(found)];
        }
    },
    /** Each buyer its own seat: buyer i starts at seat i and walks on. */
    SPREAD {
        @Override
        long pick(int buyer, long[] seats, Set<Long> taken, SplittableRandom random) {
            for (int k = 0; k < seats.length; k++) {
                long seat = seats[(buyer + k) % seats.length];
                if (!taken.contains(seat)) return seat;
            }
            return NONE;
        }
    },
    /** Any seat not known taken, uniformly. */
    RANDOM {
        @Override
        long pick(int buyer, long[] seats, Set<Long> taken, SplittableRandom random) {
            for (int tries = 0; tries < 32; tries++) {
                long seat = seats[random.nextInt(seats.length)];
                if (!taken.contains(seat)) return seat;
            }
            return SPREAD.pick(random.nextInt(seats.length), seats, taken, random);
        }
    };

    public static final long NONE = -1;
    static final int FRONT_ROW = 3;

    /** The seat to try next, or {@link #NONE} when every seat is known taken. */
    abstract long pick(int buyer, long[] seats, Set<Long> taken, SplittableRandom random);
}
