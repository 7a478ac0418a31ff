package dev.ticketrush.server.pages;

import dev.ticketrush.server.testing.Browser;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The operator page in a real browser: its numbers move as buyers line up, are admitted and buy. */
class OperatorPageTest extends ServerTest {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    private Browser browser;

    OperatorPageTest(TestServices services) {
        super(services);
    }

    @BeforeAll
    void startBrowser() throws IOException {
        browser = Browser.start();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) browser.close();
    }

    @Test
    void operatorPageShowsTheQueueShrinkAsBuyersAreAdmitted() throws Exception {
        long[] ids = http.setupConcert(10);
        long concert = ids[0];
        assertEquals(200, http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":100,\"admitCount\":5,\"admitIntervalMs\":3600000}").statusCode());
        browser.open(server.baseUrl() + "/");
        browser.await(field(concert, "available"), "10"::equals, WITHIN, "the new concert's seats");

        long[] buyers = new long[6];
        for (int i = 0; i < buyers.length; i++) {
            buyers[i] = http.createUser("operator-watched-" + i);
            http.post("/api/v1/waiting-queue/join", "{\"userId\":" + buyers[i] + ",\"concertId\":" + concert + "}");
        }
        browser.await(field(concert, "waiting"), "6"::equals, WITHIN, "six in line");
        assertEquals("7200 s", browser.text(field(concert, "estimatedWaitSecondsForLast")), "two batches of five an hour apart");
        browser.await(By.id("requests-per-second"), rate -> !rate.isEmpty() && !rate.equals("–") && Double.parseDouble(rate) > 0, WITHIN,
                "the requests just made");

        assertEquals(200, http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":100,\"admitCount\":2,\"admitIntervalMs\":1000}").statusCode());
        browser.await(field(concert, "waiting"), waiting -> shown(waiting) < 6 && shown(waiting) > 0, WITHIN, "the line shrinking");
        browser.await(field(concert, "active"), active -> shown(active) > 0, WITHIN, "active buyers");
        assertEquals("2", browser.text(field(concert, "admissionsPerSecond")));
        browser.screenshot("operator-page.png");
        browser.await(field(concert, "waiting"), "0"::equals, WITHIN, "the line empty");
        browser.await(field(concert, "admittedTotal"), "6"::equals, WITHIN, "all six admitted");

        long seat = services.seatIds(ids[1])[0];
        assertEquals(200, http.postAs(buyers[0], "/api/reservations/v1/optimistic", "{\"userId\":" + buyers[0] + ",\"seatId\":" + seat + "}").statusCode());
        browser.await(field(concert, "sold"), "1"::equals, WITHIN, "the seat sold");
        assertEquals("9", browser.text(field(concert, "available")));
        assertEquals("0", browser.text(By.id("errors")), "no server errors");
    }

    /** A count the page shows, or -1 while its row is being redrawn (the cell reads empty then). */
    private static int shown(String text) {
        return text.matches("\\d+") ? Integer.parseInt(text) : -1;
    }

    private static By field(long concert, String name) {
        return By.cssSelector("tr[data-concert='" + concert + "'] td[data-field='" + name + "']");
    }
}
