package dev.ticketrush.server.asyncsale;

/** What a v4/v5 client asks about: one request by its id, or the latest request of a (user, seat) pair. */
public sealed interface StatusSubject {

    String key();

    static StatusSubject request(long requestId) {
        return new Request(requestId);
    }

    static StatusSubject pair(long userId, long seatId) {
        return new Pair(userId, seatId);
    }

    record Request(long requestId) implements StatusSubject {
        @Override
        public String key() {
            return "r:" + requestId;
        }
    }

    record Pair(long userId, long seatId) implements StatusSubject {
        @Override
        public String key() {
            return "p:" + userId + ":" + seatId;
        }
    }
}
