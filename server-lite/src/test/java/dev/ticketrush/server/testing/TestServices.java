package dev.ticketrush.server.testing;

import dev.ticketrush.server.config.ServerConfig;
import dev.ticketrush.server.infra.EmbeddedStack;
import dev.ticketrush.server.infra.FreePort;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Real PostgreSQL, Redis and Kafka for the tests of one JVM: each from its {@code TICKETRUSH_*} URL,
 * else the machine's service on its default port, else started embedded. Tests get a fresh
 * database and a flushed Redis database index of their own, so leftovers of earlier runs never count.
 */
public final class TestServices implements AutoCloseable {

    private static final int TEST_REDIS_DB = 9;

    private final EmbeddedStack stack;
    private final String baseDbUrl;
    private final String databaseName;
    private final String dbUrl;
    private final String redisUrl;

    private TestServices() {
        Map<String, String> env = System.getenv();
        String baseDb = env.getOrDefault("TICKETRUSH_DB_URL", FreePort.isListening("127.0.0.1", 5432) ? ServerConfig.LOCAL_DB_URL : null);
        String redis = env.getOrDefault("TICKETRUSH_REDIS_URL", FreePort.isListening("127.0.0.1", 6379) ? ServerConfig.LOCAL_REDIS_URL : null);
        String kafka = env.get("TICKETRUSH_KAFKA_BOOTSTRAP");
        this.stack = new EmbeddedStack(baseDb, redis, kafka);
        this.baseDbUrl = stack.endpoints().dbUrl();
        this.databaseName = "ticketrush_test_" + System.currentTimeMillis() + "_" + ProcessHandle.current().pid();
        this.dbUrl = freshDatabase(baseDbUrl, databaseName);
        URI redisUri = URI.create(stack.endpoints().redisUrl());
        this.redisUrl = "redis://" + redisUri.getHost() + ":" + redisUri.getPort() + "/" + TEST_REDIS_DB;
        flushRedis();
    }

    /** The services of this test JVM, started on first use and stopped when the JVM's tests end. */
    public static TestServices of(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestServices.class, key -> new TestServices(), TestServices.class);
    }

    public ServerConfig serverConfig() {
        return new ServerConfig(0, dbUrl, dbUser(), "", 32, redisUrl, kafkaBootstrap(), 0, null);
    }

    public String dbUrl() {
        return dbUrl;
    }

    public String dbUser() {
        return "postgres";
    }

    public String redisUrl() {
        return redisUrl;
    }

    public String kafkaBootstrap() {
        return stack.endpoints().kafkaBootstrap();
    }

    public Connection sql() throws SQLException {
        return DriverManager.getConnection(dbUrl, dbUser(), "");
    }

    /** Answers the single number a SQL query returns, read straight from the test database. */
    public long sqlNumber(String sql) throws SQLException {
        try (Connection c = sql(); var rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A Jedis connection on the test Redis database; the caller closes it. */
    public redis.clients.jedis.Jedis jedis() {
        URI uri = URI.create(redisUrl);
        var jedis = new redis.clients.jedis.Jedis(uri.getHost(), uri.getPort());
        jedis.select(TEST_REDIS_DB);
        return jedis;
    }

    /** Admits buyers as the waiting room would: {@code active-user:{id}} keys with a 5 minute TTL. */
    public void admit(long... userIds) {
        try (var jedis = jedis()) {
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
                java.util.List<Long> ids = new java.util.ArrayList<>();
                while (rows.next()) ids.add(rows.getLong(1));
                return ids.stream().mapToLong(Long::longValue).toArray();
            }
        }
    }

    private void flushRedis() {
        try (var jedis = jedis()) {
            jedis.flushDB();
        }
    }

    private static String freshDatabase(String baseUrl, String name) {
        try (Connection admin = DriverManager.getConnection(baseUrl, "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database on " + baseUrl + ": " + e.getMessage(), e);
        }
        int query = baseUrl.indexOf('?');
        String withoutQuery = query < 0 ? baseUrl : baseUrl.substring(0, query);
        String params = query < 0 ? "" : baseUrl.substring(query);
        return withoutQuery.substring(0, withoutQuery.lastIndexOf('/') + 1) + name + params;
    }

    /** Drops the test database, so runs on a developer's PostgreSQL leave nothing behind. */
    @Override
    public void close() {
        try (Connection admin = DriverManager.getConnection(baseDbUrl, "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
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
