package dev.ticketrush.server.user;

import dev.ticketrush.server.infra.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Buyers in PostgreSQL. */
public final class UserStore {

    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    public User create(String username) {
        return db.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO app_user (username) VALUES (?) RETURNING id")) {
                insert.setString(1, username);
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    return new User(rows.getLong(1), username);
                }
            }
        });
    }

    public Optional<User> find(long userId) {
        return db.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT id, username FROM app_user WHERE id = ?")) {
                query.setLong(1, userId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(new User(rows.getLong(1), rows.getString(2))) : Optional.empty();
                }
            }
        });
    }

    public User get(long userId) {
        return find(userId).orElseThrow(() -> new UnknownUser(userId));
    }

    /** Deletes the user; the seats of their live reservations become AVAILABLE again in the same transaction. */
    public void delete(long userId) {
        int deleted = db.inTransaction(c -> {
            try (PreparedStatement release = c.prepareStatement(
                    "UPDATE seat SET status = 'AVAILABLE', version = version + 1 WHERE id IN "
                            + "(SELECT seat_id FROM reservation WHERE user_id = ? AND cancelled_at IS NULL)")) {
                release.setLong(1, userId);
                release.executeUpdate();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM app_user WHERE id = ?")) {
                delete.setLong(1, userId);
                return delete.executeUpdate();
            }
        });
        if (deleted == 0) throw new UnknownUser(userId);
    }
}
