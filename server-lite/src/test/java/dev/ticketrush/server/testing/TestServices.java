package dev.ticketrush.server.testing;

import dev.ticketrush.embedded.EmbeddedStack;
import dev.ticketrush.embedded.FreePort;
import dev.ticketrush.server.ServerConfig;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import redis.clients.jedis.Jedis;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real PostgreSQL, Redis and Kafka for the tests of one JVM: each from its {@code TICKETRUSH_*} URL, else the
 * machine's service on its default port, else started embedded ({@code TICKETRUSH_TEST_SERVICES=embedded} starts
 * all three embedded whatever the machine has). Tests get a fresh database and a flushed Redis database index of
 * their own, so leftovers of earlier runs never count. The machine's PostgreSQL is shared: the tests connect as a
 * role of their own whose database admits at most {@link #CONNECTION_LIMIT} connections, so a suite that used more
 * would fail here rather than starve the machine's other users.
 */
public final class TestServices implements AutoCloseable {

    public static final int CONNECTION_LIMIT = 40;
    /** Connections of each server a test starts; a few servers at once stay well under the limit. */
    public static final int SERVER_POOL = 6;
    private static final int TEST_REDIS_DB = 9;
    private static final String ROLE = "ticketrush_test";

    private final EmbeddedStack stack;
    private final String adminDbUrl;
    private final String databaseName;
    private final String dbUrl;
    private final String redisUrl;
    private final boolean sharedKafka;

    private TestServices() {
        Map<String, String> env = System.getenv();
        boolean allEmbedded = "embedded".equalsIgnoreCase(env.getOrDefault("TICKETRUSH_TEST_SERVICES", ""));
        String db = allEmbedded ? null : env.getOrDefault("TICKETRUSH_DB_URL", FreePort.isListening("127.0.0.1", 5432) ? ServerConfig.DEFAULT_DB_URL : null);
        String redis = allEmbedded ? null : env.getOrDefault("TICKETRUSH_REDIS_URL", FreePort.isListening("127.0.0.1", 6379) ? ServerConfig.DEFAULT_REDIS_URL : null);
        String kafka = allEmbedded ? null : env.get("TICKETRUSH_KAFKA_BOOTSTRAP");
        this.stack = new EmbeddedStack(db, redis, kafka);
        this.sharedKafka = kafka != null;
        this.adminDbUrl = stack.endpoints().dbUrl();
        this.databaseName = "ticketrush_test_" + System.currentTimeMillis() + "_" + ProcessHandle.current().pid();
        this.dbUrl = freshDatabase(databaseName);
        this.redisUrl = redisUrl(TEST_REDIS_DB);
        flushRedis(TEST_REDIS_DB);
    }

    /** The services of this test JVM, started on first use and stopped when the JVM's tests end. */
    public static TestServices of(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestServices.class, key -> new TestServices(), TestServices.class);
    }

    /** A server on the test database and Redis database, on a free port. */
    public ServerConfig.Builder serverConfig() {
        ServerConfig.Builder config = ServerConfig.builder().port(0).dbUrl(dbUrl).dbUser(ROLE).dbPoolSize(SERVER_POOL).redisUrl(redisUrl)
                .kafkaBootstrap(kafkaBootstrap());
        // a broker shared with other test JVMs gets a topic and group per JVM: each JVM's database is another deployment
        return sharedKafka ? config.kafkaTopic("requests-" + databaseName).kafkaGroup("group-" + databaseName) : config;
    }

    public String dbUrl() {
        return dbUrl;
    }

    public String dbUser() {
        return ROLE;
    }

    public String redisUrl() {
        return redisUrl;
    }

    /** The test Redis at another database index, flushed: for tests that need a Redis no other test touches. */
    public String freshRedisUrl(int database) {
        flushRedis(database);
        return redisUrl(database);
    }

    public String kafkaBootstrap() {
        return stack.endpoints().kafkaBootstrap();
    }

    public Connection sql() throws SQLException {
        return DriverManager.getConnection(dbUrl, ROLE, "");
    }

    /** Answers the single number a SQL query returns, read straight from the test database. */
    public long sqlNumber(String sql) throws SQLException {
        try (Connection c = sql(); var rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A Jedis connection on the test Redis database; the caller closes it. */
    public Jedis jedis() {
        URI uri = URI.create(redisUrl);
        Jedis jedis = new Jedis(uri.getHost(), uri.getPort());
        jedis.select(TEST_REDIS_DB);
        return jedis;
    }

    /** Admits buyers as an outside tool would: {@code active-user:{id}} keys with a 5 minute TTL. */
    public void admit(long... userIds) {
        try (Jedis jedis = jedis()) {
            for (long userId : userIds) jedis.setex("active-user:" + userId, 300, "1");
        }
    }

    /** Creates buyers straight in the database and answers their ids. */
    public long[] createUsers(int count) throws SQLException {
        try (Connection c = sql(); var insert = c.prepareStatement(
                "INSERT INTO app_user (username) SELECT 'buyer-' || n FROM generate_series(1, ?) AS n RETURNING id")) {
            insert.setInt(1, count);
            try (var rows = insert.executeQuery()) {
                long[] ids = new long[count];
                for (int i = 0; rows.next(); i++) ids[i] = rows.getLong(1);
                return ids;
            }
        }
    }

    /** The option's seat ids in seat order. */
    public long[] seatIds(long optionId) throws SQLException {
        try (Connection c = sql(); var query = c.prepareStatement("SELECT id FROM seat WHERE concert_option_id = ? ORDER BY id")) {
            query.setLong(1, optionId);
            try (var rows = query.executeQuery()) {
                List<Long> ids = new ArrayList<>();
                while (rows.next()) ids.add(rows.getLong(1));
                return ids.stream().mapToLong(Long::longValue).toArray();
            }
        }
    }

    /** Another fresh database on the same PostgreSQL, for tests of two deployments; dropped with the test database. */
    public String anotherDatabase(String suffix) {
        return freshDatabase(databaseName + "_" + suffix);
    }

    private String redisUrl(int database) {
        URI redis = URI.create(stack.endpoints().redisUrl());
        return "redis://" + redis.getHost() + ":" + redis.getPort() + "/" + database;
    }

    private void flushRedis(int database) {
        URI uri = URI.create(redisUrl(database));
        try (Jedis jedis = new Jedis(uri.getHost(), uri.getPort())) {
            jedis.select(database);
            jedis.flushDB();
        }
    }

    private String freshDatabase(String name) {
        try (Connection admin = DriverManager.getConnection(adminDbUrl, "postgres", ""); Statement statement = admin.createStatement()) {
            statement.execute("DO $$ BEGIN CREATE ROLE " + ROLE + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            statement.execute("CREATE DATABASE " + name + " OWNER " + ROLE + " CONNECTION LIMIT " + CONNECTION_LIMIT);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database on " + adminDbUrl + ": " + e.getMessage(), e);
        }
        // the embedded server's URL names its superuser in the query: the tests connect as their own role instead
        int query = adminDbUrl.indexOf('?');
        String withoutQuery = query < 0 ? adminDbUrl : adminDbUrl.substring(0, query);
        return withoutQuery.substring(0, withoutQuery.lastIndexOf('/') + 1) + name;
    }

    /** Drops the test databases, so runs on a developer's PostgreSQL leave nothing behind. */
    @Override
    public void close() {
        try (Connection admin = DriverManager.getConnection(adminDbUrl, "postgres", ""); Statement statement = admin.createStatement();
             var names = admin.createStatement().executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + databaseName + "%'")) {
            List<String> doomed = new ArrayList<>();
            while (names.next()) doomed.add(names.getString(1));
            for (String name : doomed) statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + databaseName + ": " + e.getMessage());
        }
        stack.close();
    }

    /** Injects {@link TestServices} into test constructors and methods. */
    public static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestServices.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return TestServices.of(context);
        }
    }
}
