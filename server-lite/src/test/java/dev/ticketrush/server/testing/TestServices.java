package dev.ticketrush.server.testing;

import dev.ticketrush.embedded.EmbeddedStack;
import dev.ticketrush.embedded.FreePort;
import dev.ticketrush.embedded.LocalRedis;
import dev.ticketrush.server.ServerConfig;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

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
    public static final int WORKER_POOL = 3;
    /** The machine's Redis database indexes a test JVM may take; each JVM takes a free one, so parallel builds never share. */
    private static final int FIRST_TEST_DB = 9;
    private static final int LAST_TEST_DB = 15;
    /** Marks a database index as taken by a test JVM; outside Ticket-Rush's key patterns, so servers never mistake it for state. */
    private static final String TEST_LOCK = "test-jvm-lock";
    /** Longer than any test run; a JVM that died without letting go frees its database after this. */
    private static final long LOCK_MS = 3_600_000;
    private static final String ROLE = "ticketrush_test";

    private final EmbeddedStack stack;
    private final String adminDbUrl;
    private final String databaseName;
    private final String dbUrl;
    private final String redisUrl;
    private final int testDb;
    private final boolean sharedKafka;
    private LocalRedis privateRedis;

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
        this.testDb = takeFreeDatabase();
        this.redisUrl = redisUrl(testDb);
    }

    /** The services of this test JVM, started on first use and stopped when the JVM's tests end. */
    public static TestServices of(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestServices.class, key -> new TestServices(), TestServices.class);
    }

    /** A server on the test database and Redis database, on a free port. */
    public ServerConfig.Builder serverConfig() {
        ServerConfig.Builder config = ServerConfig.builder().port(0).dbUrl(dbUrl).dbUser(ROLE).dbPoolSize(SERVER_POOL).workerPoolSize(WORKER_POOL).redisUrl(redisUrl)
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

    /**
     * A database of a Redis only this JVM uses (embedded, started on first use), flushed: for tests of deployments,
     * which need Redis databases of their own that a parallel build cannot touch.
     */
    public String privateRedisUrl(int database) {
        try (Jedis jedis = privateJedis(database)) {
            jedis.flushDB();
        }
        return privateRedis.url() + "/" + database;
    }

    /** A connection to one database of this JVM's private Redis, as it is; the caller closes it. */
    public synchronized Jedis privateJedis(int database) {
        if (privateRedis == null) {
            try {
                privateRedis = new LocalRedis(Files.createTempDirectory("ticketrush-test-redis"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        URI uri = URI.create(privateRedis.url());
        Jedis jedis = new Jedis(uri.getHost(), uri.getPort());
        jedis.select(database);
        return jedis;
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
        jedis.select(testDb);
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

    /** The first test database index no other test JVM holds, flushed and marked as this JVM's. */
    private int takeFreeDatabase() {
        URI uri = URI.create(stack.endpoints().redisUrl());
        String me = Long.toString(ProcessHandle.current().pid());
        try (Jedis jedis = new Jedis(uri.getHost(), uri.getPort())) {
            for (int database = FIRST_TEST_DB; database <= LAST_TEST_DB; database++) {
                jedis.select(database);
                if (jedis.set(TEST_LOCK, me, SetParams.setParams().nx().px(LOCK_MS)) == null) continue;
                jedis.flushDB();
                if (jedis.set(TEST_LOCK, me, SetParams.setParams().nx().px(LOCK_MS)) != null) return database;
            }
        }
        throw new IllegalStateException("every test Redis database " + FIRST_TEST_DB + ".." + LAST_TEST_DB + " of " + uri + " is taken by another test run");
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
        URI uri = URI.create(redisUrl);
        try (Jedis jedis = new Jedis(uri.getHost(), uri.getPort())) {
            jedis.select(testDb);
            jedis.del(TEST_LOCK);
        }
        if (privateRedis != null) {
            try {
                privateRedis.close();
            } catch (IOException e) {
                System.err.println("could not stop the private test Redis: " + e.getMessage());
            }
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
