package dev.ticketrush.server.pages;

import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages' addresses: HTML for a good one, the contract's JSON error for a bad one, never a 500. */
class PageAddressTest extends ServerTest {

    PageAddressTest(TestServices services) {
        super(services);
    }

    @Test
    void bothPagesAreHtmlThatLoadsNothingFromTheNetwork() {
        long concert = http.setupConcert(1)[0];
        for (String path : new String[] {"/", "/wait?concertId=" + concert + "&userId=7"}) {
            HttpResponse<String> page = http.get(path);
            assertEquals(200, page.statusCode(), path);
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
            assertTrue(page.body().contains("EventSource"), path);
            assertFalse(page.body().contains("http://") || page.body().contains("https://"), path + " names no other host");
        }
    }

    @Test
    void aWaitingPageForABadOrUnknownAddressIsA4xxWithTheContractBody() {
        long concert = http.setupConcert(1)[0];
        assertRefused(http.get("/wait?userId=7"), 400);
        assertRefused(http.get("/wait?concertId=abc&userId=7"), 400);
        assertRefused(http.get("/wait?concertId=" + concert + "&userId=-1"), 400);
        assertRefused(http.get("/wait?concertId=" + (concert + 1000) + "&userId=7"), 404);
    }

    private static void assertRefused(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"timestamp\":") && response.body().contains("\"status\":" + status), response.body());
    }
}
