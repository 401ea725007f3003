// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.store;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.review.auth.Account;
import io.servicepulse.review.auth.Role;
import io.servicepulse.review.conversation.ChatLine;
import io.servicepulse.review.conversation.OrderLine;
import io.servicepulse.review.conversation.TurnTime;
import io.servicepulse.review.queue.Appeal;
import io.servicepulse.review.queue.Decision;
import io.servicepulse.review.queue.FlagRow;
import io.servicepulse.review.queue.QueueFilter;
import io.servicepulse.review.queue.QueueItem;
import io.servicepulse.review.queue.QueuePage;
import io.servicepulse.review.queue.Verdict;
import io.servicepulse.review.sample.AgentRate;
import io.servicepulse.review.sample.Criterion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every read and write of the console, each a prepared statement with bound parameters. Reads of
 * replacing tables use FINAL. Connections are opened per call (the native protocol is cheap).
 */
public final class ReviewStore {

  /** At most this many flags are read for one queue page (the newest go first when cut). */
  static final int MAX_FLAGS = 20_000;

  private static final String FLAG_COLUMNS =
      "message_id, rule_id, shop_id, team_id, agent_id, buyer_id, conversation_id, sender_role,"
          + " ts_ms, category, severity, span_start, span_end, matched_text, masked_text,"
          + " inspector_version, language";
  private static final String VERDICT_COLUMNS = String.join(", ", Tables.QA_VERDICTS.columnNames());
  private static final String APPEAL_COLUMNS = String.join(", ", Tables.QA_APPEALS.columnNames());

  private final ClickHouseConnectionFactory connections;
  private long lastDecisionMs;

  public ReviewStore(ClickHouseConnectionFactory connections) {
    this.connections = connections;
  }

  // ---- flags -------------------------------------------------------------------------------

  /**
   * Current flags of {@code shops}, only {@code agentId}'s if not null, newest first, capped: the
   * in-memory reference of the SQL queue ({@link QueueQuery}).
   */
  public List<FlagRow> flags(Collection<String> shops, String agentId) throws SQLException {
    return ofShops(
        "SELECT " + FLAG_COLUMNS + " FROM qa_flags FINAL",
        shops,
        " AND retracted = 0"
            + (agentId == null ? "" : " AND agent_id = ?")
            + " ORDER BY ts_ms DESC, message_id, rule_id LIMIT "
            + MAX_FLAGS,
        agentId == null ? List.of() : List.of(agentId),
        ReviewStore::flag);
  }

  /** The current flags of one message (tombstones left out). */
  public List<FlagRow> flagsOfMessage(String messageId) throws SQLException {
    return flagsOfMessage(messageId, false);
  }

  /**
   * The flags of one message: the current ones, or ({@code retracted}) those re-inspection
   * retracted (tombstones).
   */
  public List<FlagRow> flagsOfMessage(String messageId, boolean retracted) throws SQLException {
    return query(
        "SELECT "
            + FLAG_COLUMNS
            + " FROM qa_flags FINAL WHERE message_id = ? AND retracted = ? ORDER BY rule_id",
        List.of(messageId, retracted ? 1L : 0L),
        ReviewStore::flag);
  }

  /** The current flags of the messages {@code messageIds}, read 1 000 ids at a time. */
  public List<FlagRow> flagsOfMessages(List<String> messageIds) throws SQLException {
    List<FlagRow> flags = new ArrayList<>();
    for (int i = 0; i < messageIds.size(); i += 1_000) {
      List<String> ids = messageIds.subList(i, Math.min(messageIds.size(), i + 1_000));
      flags.addAll(
          query(
              "SELECT "
                  + FLAG_COLUMNS
                  + " FROM qa_flags FINAL WHERE message_id IN ("
                  + marks(ids.size())
                  + ") AND retracted = 0 ORDER BY ts_ms DESC, message_id, rule_id",
              ids,
              ReviewStore::flag));
    }
    return flags;
  }

  public List<FlagRow> flagsOfBuyer(String shopId, String buyerId, long fromMs, long toMs)
      throws SQLException {
    return query(
        "SELECT "
            + FLAG_COLUMNS
            + " FROM qa_flags FINAL WHERE shop_id = ? AND buyer_id = ? AND ts_ms >= ?"
            + " AND ts_ms <= ? AND retracted = 0 ORDER BY ts_ms, rule_id",
        List.of(shopId, buyerId, fromMs, toMs),
        ReviewStore::flag);
  }

  private static FlagRow flag(ResultSet rs) throws SQLException {
    return new FlagRow(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getLong(9),
        rs.getString(10),
        rs.getInt(11),
        rs.getInt(12),
        rs.getInt(13),
        rs.getString(14),
        rs.getString(15),
        rs.getString(16),
        rs.getString(17));
  }

  // ---- the queue in SQL --------------------------------------------------------------------

  /**
   * One page of the queue ({@link QueueQuery}): the tab's items passing the filter in queue order,
   * {@code pageSize} from item {@code page * pageSize}, and the counts of what the filters hide.
   */
  public QueuePage queuePage(
      QueueQuery.Scope scope, QueueFilter filter, ZoneId zone, int page, int pageSize)
      throws SQLException {
    if (scope.shops().isEmpty()) {
      return new QueuePage(List.of(), 0, 0, 0, 0, 0, pageSize);
    }
    List<Long> counts =
        sql(
                QueueQuery.of(scope, filter, zone).counts(filter.tab()),
                rs -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
            .get(0);
    int tabTotal = counts.get(0).intValue();
    int matching = counts.get(1).intValue();
    long offset = (long) page * pageSize;
    List<QueueItem> shown =
        queueItems(
            QueueQuery.of(scope, filter, zone).inTab(filter.tab()),
            QueueQuery.QUEUE_ORDER,
            offset,
            pageSize);
    return new QueuePage(
        shown,
        tabTotal - matching,
        (int) Math.max(0, matching - offset - shown.size()),
        tabTotal,
        counts.get(2).intValue(),
        page,
        pageSize);
  }

  /** The items of {@code query} in {@code order}, at most {@code limit} from {@code offset}. */
  public List<QueueItem> queueItems(QueueQuery query, String order, long offset, long limit)
      throws SQLException {
    return sql(query.items(order, offset, limit), ReviewStore::queueItem);
  }

  /** The newest {@code limit} items of {@code query}. */
  public List<QueueItem> newestItems(QueueQuery query, long limit) throws SQLException {
    return queueItems(query, QueueQuery.NEWEST_FIRST, 0, limit);
  }

  private <T> List<T> sql(QueueQuery.Sql sql, RowReader<T> reader) throws SQLException {
    return query(sql.text(), sql.params(), reader);
  }

  /** "b,a" → [a, b]: a message's categories or rules, as {@code QueueItems.group} orders them. */
  private static List<String> sorted(String commaSeparated) {
    return List.copyOf(new java.util.TreeSet<>(List.of(commaSeparated.split(","))));
  }

  private static QueueItem queueItem(ResultSet rs) throws SQLException {
    String messageId = rs.getString(1);
    String shopId = rs.getString(2);
    String agentId = rs.getString(4);
    String verdictId = rs.getString(12);
    Verdict latest =
        verdictId.isEmpty()
            ? null
            : new Verdict(
                verdictId,
                messageId,
                shopId,
                agentId,
                rs.getString(13),
                Decision.parse(rs.getString(14)).orElse(Decision.UNSURE),
                rs.getInt(15),
                rs.getString(16),
                rs.getString(17),
                rs.getString(18),
                rs.getString(19),
                rs.getString(20),
                rs.getLong(21));
    return new QueueItem(
        messageId,
        shopId,
        rs.getString(3),
        agentId,
        rs.getString(5),
        rs.getString(6),
        rs.getLong(7),
        rs.getInt(8),
        sorted(rs.getString(9)),
        sorted(rs.getString(10)),
        rs.getString(11),
        latest,
        rs.getString(22));
  }

  // ---- conversation ------------------------------------------------------------------------

  public List<ChatLine> messages(String shopId, String buyerId, long fromMs, long toMs)
      throws SQLException {
    return query(
        "SELECT event_id, sender_role, agent_id, text, ts_ms FROM messages FINAL"
            + " WHERE shop_id = ? AND buyer_id = ? AND ts_ms >= ? AND ts_ms <= ?"
            + " ORDER BY ts_ms, event_id LIMIT 2000",
        List.of(shopId, buyerId, fromMs, toMs),
        rs ->
            new ChatLine(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
  }

  public List<TurnTime> turns(String shopId, String buyerId, long fromMs, long toMs)
      throws SQLException {
    return query(
        "SELECT turn_id, agent_id, response_ms, answered FROM turns FINAL"
            + " WHERE shop_id = ? AND buyer_id = ? AND turn_start_ms >= ? AND turn_start_ms <= ?"
            + " AND deleted = 0",
        List.of(shopId, buyerId, fromMs, toMs),
        rs -> new TurnTime(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4) == 1));
  }

  public List<OrderLine> orders(String shopId, String buyerId, long fromMs, long toMs)
      throws SQLException {
    return query(
        "SELECT order_id, status, amount, currency, refund_reason, ts_ms FROM orders FINAL"
            + " WHERE shop_id = ? AND buyer_id = ? AND ts_ms >= ? AND ts_ms <= ?"
            + " ORDER BY ts_ms, event_id",
        List.of(shopId, buyerId, fromMs, toMs),
        rs ->
            new OrderLine(
                rs.getString(1),
                rs.getString(2),
                rs.getBigDecimal(3),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6)));
  }

  /** The buyers of order {@code orderId} in {@code shops} (an order id is unique per shop). */
  public Set<String> buyersOfOrder(Collection<String> shops, String orderId) throws SQLException {
    return new java.util.TreeSet<>(
        ofShops(
            "SELECT DISTINCT buyer_id FROM orders",
            shops,
            " AND order_id = ?",
            List.of(orderId),
            rs -> rs.getString(1)));
  }

  /**
   * Each agent's rate for {@code criterion} over shop-local days [from, to]: conversion (paid
   * within validity / inquiring buyers), refund rate (refunded / paid owned orders), reply rate
   * (conversations with a human answer / conversations).
   */
  public List<AgentRate> agentRates(
      Collection<String> shops, Criterion criterion, LocalDate from, LocalDate to)
      throws SQLException {
    String sums =
        switch (criterion) {
          case LOW_CONVERSION ->
              "sum(paid_in_validity_buyers), sum(inquiring_buyers) FROM agent_conversion_daily";
          case HIGH_REFUND ->
              "sum(refunded_orders), sum(owner_paid_orders) FROM agent_conversion_daily";
          case LOW_REPLY ->
              "sum(conversations_with_human_answer), sum(conversations) FROM service_minute";
          case RANDOM -> throw new IllegalArgumentException("random sampling has no rate");
        };
    return ofShops(
        "SELECT shop_id, agent_id, " + sums + " FINAL",
        shops,
        " AND agent_id != '' AND day >= toDate(?) AND day <= toDate(?) GROUP BY shop_id, agent_id",
        List.of(from.toString(), to.toString()),
        rs -> new AgentRate(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
  }

  /** {shop, agent} of every agent with flags on their own messages, most flags first. */
  public List<String[]> flaggedAgents() throws SQLException {
    return query(
        "SELECT shop_id, agent_id, count() AS n FROM qa_flags FINAL WHERE sender_role != 'BUYER'"
            + " AND agent_id != '' AND retracted = 0 GROUP BY shop_id, agent_id ORDER BY n DESC, shop_id, agent_id",
        List.of(),
        rs -> new String[] {rs.getString(1), rs.getString(2)});
  }

  // ---- verdicts ----------------------------------------------------------------------------

  public List<Verdict> verdicts(Collection<String> shops) throws SQLException {
    return ofShops(
        "SELECT " + VERDICT_COLUMNS + " FROM qa_verdicts FINAL",
        shops,
        " ORDER BY decided_ms, verdict_id",
        List.of(),
        ReviewStore::verdict);
  }

  /** Every decision on one message, oldest first: the audit trail. */
  public List<Verdict> verdictsOfMessage(String messageId) throws SQLException {
    return query(
        "SELECT "
            + VERDICT_COLUMNS
            + " FROM qa_verdicts FINAL WHERE message_id = ? ORDER BY decided_ms, verdict_id",
        List.of(messageId),
        ReviewStore::verdict);
  }

  private static Verdict verdict(ResultSet rs) throws SQLException {
    return new Verdict(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        Decision.parse(rs.getString(6)).orElse(Decision.UNSURE),
        rs.getInt(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        rs.getLong(13));
  }

  /**
   * A decision time later than any this console gave before, so two verdicts on one message never
   * tie and the later click wins.
   */
  public synchronized long nextDecisionMs(long nowMs) {
    lastDecisionMs = Math.max(nowMs, lastDecisionMs + 1);
    return lastDecisionMs;
  }

  /** Writes one verdict; returns once ClickHouse has acknowledged it. */
  public void insertVerdict(Verdict verdict) throws SQLException {
    try (Connection connection = connections.open()) {
      Tables.QA_VERDICTS.insert(connection, verdict);
    }
  }

  // ---- appeals -----------------------------------------------------------------------------

  public List<Appeal> appeals(Collection<String> shops) throws SQLException {
    return ofShops(
        "SELECT " + APPEAL_COLUMNS + " FROM qa_appeals FINAL",
        shops,
        " ORDER BY filed_ms",
        List.of(),
        ReviewStore::appeal);
  }

  public List<Appeal> appealsOfMessage(String messageId) throws SQLException {
    return query(
        "SELECT "
            + APPEAL_COLUMNS
            + " FROM qa_appeals FINAL WHERE message_id = ? ORDER BY filed_ms",
        List.of(messageId),
        ReviewStore::appeal);
  }

  public Optional<Appeal> appeal(String appealId) throws SQLException {
    return query(
            "SELECT " + APPEAL_COLUMNS + " FROM qa_appeals FINAL WHERE appeal_id = ?",
            List.of(appealId),
            ReviewStore::appeal)
        .stream()
        .findFirst();
  }

  private static Appeal appeal(ResultSet rs) throws SQLException {
    return new Appeal(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getLong(7));
  }

  /**
   * Files {@code appeal} unless its message has one already; true if filed. Serialized in this
   * console, which is the only writer of appeals.
   */
  public synchronized boolean fileAppealOnce(Appeal appeal) throws SQLException {
    if (!appealsOfMessage(appeal.messageId()).isEmpty()) {
      return false;
    }
    try (Connection connection = connections.open()) {
      Tables.QA_APPEALS.insert(connection, appeal);
    }
    return true;
  }

  // ---- assignments -------------------------------------------------------------------------

  /** message id → assignee, of {@code shops}; unassigned messages are absent. */
  public Map<String, String> assignments(Collection<String> shops) throws SQLException {
    Map<String, String> assignees = new LinkedHashMap<>();
    for (List<String> row :
        ofShops(
            "SELECT message_id, assignee FROM qa_assignments FINAL",
            shops,
            " AND assignee != ''",
            List.of(),
            rs -> List.of(rs.getString(1), rs.getString(2)))) {
      assignees.put(row.get(0), row.get(1));
    }
    return assignees;
  }

  /** Who message {@code messageId} of {@code shopId} is assigned to; '' if nobody. */
  public String assignee(String shopId, String messageId) throws SQLException {
    return query(
            "SELECT assignee FROM qa_assignments FINAL WHERE shop_id = ? AND message_id = ?",
            List.of(shopId, messageId),
            rs -> rs.getString(1))
        .stream()
        .findFirst()
        .orElse("");
  }

  public void assign(Tables.Assignment assignment) throws SQLException {
    try (Connection connection = connections.open()) {
      Tables.QA_ASSIGNMENTS.insert(connection, assignment);
    }
  }

  // ---- accounts ----------------------------------------------------------------------------

  public Optional<StoredAccount> account(String username) throws SQLException {
    return query(
            "SELECT username, password_hash, role, shops, agent_id, disabled, version"
                + " FROM review_users FINAL WHERE username = ?",
            List.of(username),
            ReviewStore::storedAccount)
        .stream()
        .findFirst();
  }

  public List<Account> accounts() throws SQLException {
    return query(
            "SELECT username, password_hash, role, shops, agent_id, disabled, version"
                + " FROM review_users FINAL ORDER BY username",
            List.of(),
            ReviewStore::storedAccount)
        .stream()
        .map(StoredAccount::account)
        .toList();
  }

  public void saveAccount(StoredAccount account) throws SQLException {
    try (Connection connection = connections.open()) {
      Tables.REVIEW_USERS.insert(connection, account);
    }
  }

  private static StoredAccount storedAccount(ResultSet rs) throws SQLException {
    return new StoredAccount(
        new Account(
            rs.getString(1),
            Role.parse(rs.getString(3)),
            Account.parseShops(rs.getString(4)),
            rs.getString(5),
            rs.getInt(6) == 1),
        rs.getString(2),
        rs.getLong(7));
  }

  // ---- plumbing ----------------------------------------------------------------------------

  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, List<?> params, RowReader<T> reader) throws SQLException {
    try (Connection connection = connections.open();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        Object param = params.get(i);
        if (param instanceof Long value) {
          statement.setLong(i + 1, value);
        } else {
          statement.setString(i + 1, (String) param);
        }
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.add(reader.read(rs));
        }
      }
      return rows;
    }
  }

  /**
   * {@code select} of the rows of {@code shops} ({@code WHERE shop_id IN (...)}), then {@code rest}
   * with its {@code restParams}; no rows for no shops.
   */
  private <T> List<T> ofShops(
      String select,
      Collection<String> shops,
      String rest,
      List<String> restParams,
      RowReader<T> reader)
      throws SQLException {
    if (shops.isEmpty()) {
      return List.of();
    }
    List<Object> params = new ArrayList<>(shops);
    params.addAll(restParams);
    return query(select + " WHERE shop_id IN (" + marks(shops.size()) + ")" + rest, params, reader);
  }

  private static String marks(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
