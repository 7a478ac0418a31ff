package dev.ticketrush.server.testing;

import dev.ticketrush.server.ServerLite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;

/** A test class with one server-lite on the test services, started before its tests and stopped after. */
@ExtendWith(TestServices.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerTest {

    protected final TestServices services;
    protected ServerLite server;
    protected HttpCalls http;

    protected ServerTest(TestServices services) {
        this.services = services;
    }

    @BeforeAll
    protected void startServer() {
        server = new ServerLite(services.serverConfig().build()).start();
        http = new HttpCalls(server.baseUrl());
    }

    @AfterAll
    protected void stopServer() {
        server.close();
    }

    protected long sqlNumber(String sql) throws SQLException {
        return services.sqlNumber(sql);
    }
}
