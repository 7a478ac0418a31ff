package dev.ticketrush.server.user;

import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsersApiTest extends ServerTest {

    UsersApiTest(TestServices services) {
        super(services);
    }

    @Test
    void createdUserCanBeReadBackAndDeleted() {
        HttpResponse<String> created = http.post("/api/users", "{\"username\":\"alice\"}");
        assertEquals(200, created.statusCode());
        assertTrue(created.body().matches("\\{\"id\":\\d+,\"username\":\"alice\"}"), created.body());
        long id = http.createUser("bob");
        assertEquals("{\"id\":" + id + ",\"username\":\"bob\"}", http.get("/api/users/" + id).body());
        assertEquals(204, http.delete("/api/users/" + id).statusCode());
        assertEquals(404, http.get("/api/users/" + id).statusCode());
    }

    @Test
    void aNameIsStoredAlikeWhetherSentPlainEscapedOrAsUtf8() {
        // plain ASCII bodies skip the UTF-8 and escape checks; the others take them: both must read the same
        assertEquals("{\"username\":\"chloe\"}", nameOf(http.post("/api/users", "{\"username\":\"chloe\"}").body()));
        assertEquals("{\"username\":\"chloe\"}", nameOf(http.post("/api/users", "{\"username\":\"chlo\\u0065\"}").body()));
        assertEquals("{\"username\":\"chlo\u00e9\"}", nameOf(http.post("/api/users", "{\"username\":\"chlo\u00e9\"}").body()));
        assertEquals("{\"username\":\"chlo\u00e9\"}", nameOf(http.post("/api/users", "{\"username\":\"chlo\\u00e9\"}").body()));
    }

    @Test
    void aRepeatedFieldTakesItsLastValue() {
        assertEquals("{\"username\":\"b\"}", nameOf(http.post("/api/users", "{\"username\":\"a\",\"username\":\"b\"}").body()));
    }

    private static String nameOf(String created) {
        return created.replaceFirst("\\{\"id\":\\d+,", "{");
    }

    @Test
    void badUserInputIsRefusedWith4xx() {
        assertEquals(400, http.post("/api/users", "{}").statusCode());
        assertEquals(400, http.post("/api/users", "{\"username\":\"\"}").statusCode());
        assertEquals(400, http.post("/api/users", "{\"username\":").statusCode());
        assertEquals(400, http.post("/api/users", "{\"username\":\"" + "x".repeat(101) + "\"}").statusCode());
        assertEquals(404, http.get("/api/users/99999999").statusCode());
        assertEquals(404, http.delete("/api/users/99999999").statusCode());
        assertEquals(400, http.get("/api/users/not-a-number").statusCode());
    }
}
