package dev.ticketrush.server.asyncsale;

import dev.ticketrush.server.infra.Database;
import dev.ticketrush.server.infra.Outage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settles a run of one lane's requests in one transaction: the ids already settled read at once, each sale in
 * turn, every row written in one batch, one commit. Requests of a seat share a lane and run in order, so they
 * never wait for each other's locks. Anything unusual (a row another delivery wrote first, a lock timeout, a unique
 * violation) rolls the whole run back, and its requests are settled one at a time, each in its own transaction.
 */
final class BatchSettlement {

    /** One accepted request, as the worker read it from Kafka. */
    record Pending(long requestId, SaleRequest request, LocalDateTime acceptedAt) {
    }

    private final Database db;
    private final SaleRequests oneAtATime;
    private final AsyncSaleWorker.Sales sales;

    BatchSettlement(Database db, SaleRequests oneAtATime, AsyncSaleWorker.Sales sales) {
        this.db = db;
        this.oneAtATime = oneAtATime;
        this.sales = sales;
    }

    /** The outcome of every request of the run, in order: its sale or refusal, or the row it already had. */
    List<SaleOutcome> settle(List<Pending> run) {
        try {
            return db.inTransaction(c -> settleTogether(c, run));
        } catch (RuntimeException e) {
            if (Outage.dependencyOf(e).isPresent()) throw e;
            List<SaleOutcome> outcomes = new ArrayList<>(run.size());
            for (Pending p : run) outcomes.add(oneAtATime.settle(p.requestId(), p.request(), p.acceptedAt(), sales.of(p.request().lockType())));
            return outcomes;
        }
    }

    private List<SaleOutcome> settleTogether(Connection c, List<Pending> run) throws SQLException {
        Map<Long, SaleOutcome> settled = alreadySettled(c, run);
        List<SaleOutcome> outcomes = new ArrayList<>(run.size());
        List<Pending> written = new ArrayList<>();
        List<SaleOutcome> fresh = new ArrayList<>();
        for (Pending p : run) {
            SaleOutcome known = settled.get(p.requestId());
            if (known == null) {
                known = SaleRequests.sellOrRecordRefusal(c, p.requestId(), p.request(), sales.of(p.request().lockType()));
                settled.put(p.requestId(), known);
                written.add(p);
                fresh.add(known);
            }
            outcomes.add(known);
        }
        writeRows(c, written, fresh);
        return outcomes;
    }

    private static Map<Long, SaleOutcome> alreadySettled(Connection c, List<Pending> run) throws SQLException {
        Map<Long, SaleOutcome> settled = new HashMap<>();
        Array ids = c.createArrayOf("bigint", run.stream().map(Pending::requestId).toArray());
        try (PreparedStatement query = c.prepareStatement(SaleRequests.OUTCOME_COLUMNS + "WHERE id = ANY (?)")) {
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    SaleOutcome outcome = SaleRequests.outcomeOf(rows);
                    settled.put(outcome.requestId(), outcome);
                }
            }
        }
        return settled;
    }

    /** Every new row in one round trip; a row another delivery wrote meanwhile fails the run, which then goes one at a time. */
    private static void writeRows(Connection c, List<Pending> written, List<SaleOutcome> outcomes) throws SQLException {
        if (written.isEmpty()) return;
        try (PreparedStatement insert = c.prepareStatement(SaleRequests.INSERT_ROW)) {
            for (int i = 0; i < written.size(); i++) {
                SaleRequests.bindRow(insert, outcomes.get(i), written.get(i).request().lockType(), written.get(i).acceptedAt());
                insert.addBatch();
            }
            for (int count : insert.executeBatch()) {
                if (count != 1) throw new IllegalStateException("a request of this run was settled elsewhere meanwhile");
            }
        }
    }
}
