package dev.ticketrush.server.pages;

import dev.ticketrush.embedded.TcpRelay;
import dev.ticketrush.server.testing.Browser;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A buyer's waiting page in a real browser: the place in line falls, the turn comes, a dropped connection comes back. */
class WaitingPageTest extends ServerTest {

    private static final By RANK = By.id("rank");
    private static final By TURN = By.id("turn");
    private static final By CONNECTION = By.id("connection");
    private static final Duration WITHIN = Duration.ofSeconds(15);

    private Browser browser;

    WaitingPageTest(TestServices services) {
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
    void theBuyerSeesTheirPlaceFallThenTheirTurn() throws Exception {
        long concert = http.setupConcert(2)[0];
        hold(concert);
        long buyer = 0;
        for (int i = 0; i < 4; i++) buyer = join(concert, "in-line-" + i);

        browser.open(server.baseUrl() + "/wait?concertId=" + concert + "&userId=" + buyer);
        browser.await(RANK, "4"::equals, WITHIN, "the fourth in line");
        assertTrue(browser.text(By.id("wait")).startsWith("about "), "an estimated wait shows");
        assertEquals("", browser.text(TURN), "no turn yet");

        admitOneEvery(concert, 600);
        List<String> ranks = new ArrayList<>(List.of("4"));
        while (browser.text(TURN).isEmpty()) {
            String rank = browser.await(RANK, seen -> !seen.equals(ranks.getLast()) || !browser.text(TURN).isEmpty(), WITHIN, "the rank moving");
            if (!browser.text(TURN).isEmpty()) break;
            ranks.add(rank);
            if (ranks.size() == 2) browser.screenshot("wait-page.png");
        }
        assertTrue(ranks.size() >= 2, "the rank moved before the turn came: " + ranks);
        for (int i = 1; i < ranks.size(); i++) {
            assertTrue(Integer.parseInt(ranks.get(i)) < Integer.parseInt(ranks.get(i - 1)), "the rank only falls: " + ranks);
        }
        assertTrue(browser.text(TURN).contains("It's your turn!"), browser.text(TURN));
        assertTrue(browser.text(TURN).contains("ACTIVE"), browser.text(TURN));
        browser.screenshot("wait-page-your-turn.png");
    }

    @Test
    void thePageReconnectsAfterTheConnectionDrops() throws Exception {
        long concert = http.setupConcert(2)[0];
        hold(concert);
        join(concert, "ahead");
        long buyer = join(concert, "behind");
        try (TcpRelay relay = new TcpRelay("127.0.0.1", server.port())) {
            browser.open("http://127.0.0.1:" + relay.port() + "/wait?concertId=" + concert + "&userId=" + buyer);
            browser.await(RANK, "2"::equals, WITHIN, "the second in line");
            browser.await(CONNECTION, "Live"::equals, WITHIN, "a live connection");

            relay.cut();
            browser.await(CONNECTION, text -> text.startsWith("Connection lost"), WITHIN, "the dropped connection");
            relay.restore();
            browser.await(CONNECTION, text -> text.startsWith("Live (reconnected"), WITHIN, "the connection back");

            admitOneEvery(concert, 100);
            browser.await(TURN, text -> text.contains("It's your turn!"), WITHIN, "the turn, told over the new connection");
        }
    }

    /** The line admits nobody for now: an hour between batches. */
    private void hold(long concert) {
        assertEquals(200, http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":100,\"admitCount\":1,\"admitIntervalMs\":3600000}").statusCode());
    }

    private void admitOneEvery(long concert, long intervalMs) {
        assertEquals(200, http.put("/api/v1/waiting-queue/config/" + concert,
                "{\"capacity\":100,\"admitCount\":1,\"admitIntervalMs\":" + intervalMs + "}").statusCode());
    }

    private long join(long concert, String name) {
        long user = http.createUser(name);
        assertEquals(200, http.post("/api/v1/waiting-queue/join", "{\"userId\":" + user + ",\"concertId\":" + concert + "}").statusCode());
        return user;
    }
}
