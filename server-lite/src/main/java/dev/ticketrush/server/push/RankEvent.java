package dev.ticketrush.server.push;

/** The data of RANK_UPDATE and ACTIVE frames, field order as the contract shows it. */
public record RankEvent(long userId, long concertId, String status, long rank, long activeTtlSeconds, String timestamp) {
}
