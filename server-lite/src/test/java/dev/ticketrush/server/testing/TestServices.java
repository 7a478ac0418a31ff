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
public final class TestServices implements ExtensionContext.Store.CloseableResource {

    private static final int TEST_REDIS_DB = 9;

    private final EmbeddedStack stack;
    private final String dbUrl;
    private final String redisUrl;

    private TestServices() {
        Map<String, String> env = System.getenv();
        String baseDb = env.getOrDefault("TICKETRUSH_DB_URL", FreePort.isListening("127.0.0.1", 5432) ? ServerConfig.LOCAL_DB_URL : null);
        String redis = env.getOrDefault("TICKETRUSH_REDIS_URL", FreePort.isListening("127.0.0.1", 6379) ? ServerConfig.LOCAL_REDIS_URL : null);
        String kafka = env.get("TICKETRUSH_KAFKA_BOOTSTRAP");
        this.stack = new EmbeddedStack(baseDb, redis, kafka);
        this.dbUrl = freshDatabase(stack.endpoints().dbUrl());
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
        return new ServerConfig(0, dbUrl, dbUser(), "", 32, redisUrl, kafkaBootstrap());
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

    private void flushRedis() {
        URI uri = URI.create(redisUrl);
        try (var jedis = new redis.clients.jedis.Jedis(uri.getHost(), uri.getPort())) {
            jedis.select(TEST_REDIS_DB);
            jedis.flushDB();
        }
    }

    private String freshDatabase(String baseUrl) {
        String name = "ticketrush_test_" + System.currentTimeMillis() + "_" + ProcessHandle.current().pid();
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

    @Override
    public void close() {
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
