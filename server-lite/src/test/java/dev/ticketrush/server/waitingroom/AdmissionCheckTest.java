package dev.ticketrush.server.waitingroom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdmissionCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/reservations", "/api/reservations/v1/optimistic", "/api/reservations/users/3",
            "/api/v1/anything", "/api/v2/x", "/api/v4/queue/status"})
    void reservationAndVersionedPathsAreGuarded(String path) {
        assertTrue(AdmissionCheck.guards(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/waiting-queue/join", "/api/v1/waiting-queue/status", "/api/concerts", "/api/users/1",
            "/health", "/api/v5/x", "/api/reservationsX"})
    void waitingQueueCatalogueAndOtherPathsAreNotGuarded(String path) {
        assertFalse(AdmissionCheck.guards(path));
    }
}
