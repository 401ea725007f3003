// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review;

import io.servicepulse.review.auth.Access;
import io.servicepulse.review.auth.Account;
import io.servicepulse.review.auth.Role;
import io.servicepulse.review.conversation.ChatLine;
import io.servicepulse.review.conversation.ConversationWindow;
import io.servicepulse.review.conversation.Timeline;
import io.servicepulse.review.precision.FalseAlarmExport;
import io.servicepulse.review.precision.Precision;
import io.servicepulse.review.queue.Appeal;
import io.servicepulse.review.queue.Decision;
import io.servicepulse.review.queue.FlagRow;
import io.servicepulse.review.queue.QueueFilter;
import io.servicepulse.review.queue.QueueItem;
import io.servicepulse.review.queue.QueueItems;
import io.servicepulse.review.queue.QueuePage;
import io.servicepulse.review.queue.RelatedFlags;
import io.servicepulse.review.queue.Tab;
import io.servicepulse.review.queue.Verdict;
import io.servicepulse.review.sample.AgentRate;
import io.servicepulse.review.sample.Criterion;
import io.servicepulse.review.sample.Sampling;
import io.servicepulse.review.store.QueueQuery;
import io.servicepulse.review.store.ReviewStore;
import io.servicepulse.review.store.Tables;
import io.servicepulse.review.web.Forms;
import io.servicepulse.review.web.HttpError;
import io.servicepulse.review.web.Pages;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What each page and form does, for one logged-in account: reads through {@link ReviewStore},
 * checks {@link Access}, renders {@link Pages}. Knows nothing of HTTP beyond {@link HttpError}.
 */
public final class ReviewConsole {

  static final int QUEUE_LIMIT = 200;
  static final int RELATED_LIMIT = 10;

  /** At most this many decided items for precision, scorecard and export (people decided each). */
  static final long MAX_DECIDED = 1_000_000;

  /** A spot check draws from the newest this many flagged messages passing its filters. */
  static final long SAMPLE_POOL = 50_000;

  /** How far around a message the conversation is looked for, and the wide view's reach. */
  static final long LOOKAROUND_MS = Duration.ofDays(3).toMillis();

  private static final long ORDER_WINDOW_MS = Duration.ofDays(7).toMillis();

  private final ReviewStore store;
  private final Pages pages;
  private final ReviewSettings settings;
  private final Clock clock;

  public ReviewConsole(ReviewStore store, ReviewSettings settings, Clock clock) {
    this.store = store;
    this.pages = new Pages(settings.zone());
    this.settings = settings;
    this.clock = clock;
  }

  public Pages pages() {
    return pages;
  }

  /**
   * Every queue item {@code account} may see (an agent: only their own), computed in memory from
   * the newest flags: the reference the SQL queue ({@link QueueQuery}) is tested against.
   */
  List<QueueItem> visibleItems(Account account) throws SQLException {
    List<FlagRow> flags =
        store.flags(account.shops(), account.role() == Role.AGENT ? account.agentId() : null);
    Map<String, Verdict> latest = QueueItems.latest(store.verdicts(account.shops()));
    return QueueItems.group(flags, latest, store.assignments(account.shops())).stream()
        .filter(i -> Access.canSee(account, i.shopId(), i.agentId()))
        .toList();
  }

  public String queue(Account account, String csrf, Map<String, String> params)
      throws SQLException {
    QueueFilter filter = QueueFilter.fromParams(params);
    if (!filter.order().isEmpty()) {
      filter = filter.withOrderBuyers(store.buyersOfOrder(account.shops(), filter.order()));
    }
    int page = boundedInt(params.get("page"), 1, 1, Integer.MAX_VALUE / QUEUE_LIMIT) - 1;
    QueuePage shown = store.queuePage(scope(account), filter, settings.zone(), page, QUEUE_LIMIT);
    return pages.queue(account, csrf, shown, filter, judges(account));
  }

  /** What {@code account} may see, for the SQL queue: its shops, an agent only its own flags. */
  static QueueQuery.Scope scope(Account account) {
    return new QueueQuery.Scope(
        account.disabled() ? List.of() : List.copyOf(account.shops()),
        account.role() == Role.AGENT ? account.agentId() : null);
  }

  private List<Account> judges(Account account) throws SQLException {
    if (account.role() != Role.QA_LEAD) {
      return List.of();
    }
    return store.accounts().stream().filter(a -> a.role().judges() && !a.disabled()).toList();
  }

  /** The message's queue item; 404 if no flag has that id, 403 if the account may not see it. */
  QueueItem item(Account account, String messageId) throws SQLException {
    return found(account, messageId).item();
  }

  /** A message's item and whether all its flags were retracted by re-inspection. */
  private record Found(QueueItem item, boolean retracted) {}

  /**
   * The message's item from its current flags; if every flag was retracted (re-inspection), from
   * the retracted ones, so its page and audit trail stay reachable. 404 / 403 as {@link #item}.
   */
  private Found found(Account account, String messageId) throws SQLException {
    List<FlagRow> flags = store.flagsOfMessage(messageId);
    boolean retracted = false;
    if (flags.isEmpty()) {
      flags = store.flagsOfMessage(messageId, true);
      retracted = true;
    }
    if (flags.isEmpty()) {
      throw HttpError.notFound();
    }
    FlagRow first = flags.get(0);
    if (!Access.canSee(account, first.shopId(), first.agentId())) {
      throw HttpError.forbidden();
    }
    Map<String, Verdict> latest = QueueItems.latest(store.verdictsOfMessage(messageId));
    String assignee = store.assignee(first.shopId(), messageId);
    return new Found(
        QueueItems.group(flags, latest, Map.of(messageId, assignee)).get(0), retracted);
  }

  /** The item of a message still in the queue; 409 if re-inspection retracted its flags. */
  private QueueItem current(Account account, String messageId) throws SQLException {
    Found found = found(account, messageId);
    if (found.retracted()) {
      throw HttpError.conflict(
          "此消息的标记已被重新质检撤回 The flags of this message were retracted by re-inspection");
    }
    return found.item();
  }

  /**
   * The message page: the whole conversation around the message (or, with {@code wide}, all the
   * buyer's messages with the shop within {@link #LOOKAROUND_MS}), verdicts, appeals, related
   * flags.
   */
  public String message(Account account, String csrf, String messageId, String notice, boolean wide)
      throws SQLException {
    Found found = found(account, messageId);
    QueueItem item = found.item();
    List<ChatLine> messages =
        store.messages(
            item.shopId(),
            item.buyerId(),
            item.tsMs() - LOOKAROUND_MS,
            item.tsMs() + LOOKAROUND_MS);
    ConversationWindow window =
        wide
            ? new ConversationWindow(item.tsMs() - LOOKAROUND_MS, item.tsMs() + LOOKAROUND_MS)
            : ConversationWindow.around(messages, item.tsMs(), ConversationWindow.SESSION_GAP);
    long from = window.fromMs();
    long to = window.toMs();
    var timeline =
        Timeline.build(
            messages.stream().filter(m -> window.contains(m.tsMs())).toList(),
            store.flagsOfBuyer(item.shopId(), item.buyerId(), from, to),
            store.turns(item.shopId(), item.buyerId(), from, to),
            store.orders(
                item.shopId(),
                item.buyerId(),
                item.tsMs() - ORDER_WINDOW_MS,
                item.tsMs() + ORDER_WINDOW_MS),
            messageId);
    List<Appeal> appeals = store.appealsOfMessage(messageId);
    boolean open = !found.retracted();
    boolean canAppeal =
        open
            && Access.canAppeal(account, item.shopId(), item.agentId())
            && item.confirmed()
            && appeals.isEmpty();
    var actions =
        new Pages.MessageActions(
            open && Access.canJudge(account, item.shopId(), item.agentId()),
            open && account.role().judges(),
            canAppeal,
            !appeals.isEmpty(),
            Access.canDecideAppeal(account, item.shopId()),
            found.retracted());
    return pages.message(
        // A retracted message costs nothing: the scorecard counts current flags only.
        found.retracted() ? 0 : settings.deductions().of(item),
        account,
        csrf,
        item,
        timeline,
        store.verdictsOfMessage(messageId),
        appeals,
        related(account, item),
        actions,
        notice,
        wide);
  }

  /**
   * The latest other flagged messages of the item's agent (agent misconduct) and of its buyer with
   * the shop (both tabs), newest first, of what the account may see.
   */
  private RelatedFlags related(Account account, QueueItem item) throws SQLException {
    QueueQuery.Scope scope = scope(account);
    if (scope.shops().isEmpty()) {
      return new RelatedFlags(List.of(), List.of());
    }
    List<QueueItem> ofAgent =
        item.agentId().isEmpty()
            ? List.of()
            : store.newestItems(
                QueueQuery.of(scope)
                    .inTab(Tab.AGENT_MISCONDUCT)
                    .where("agent_id = ? AND message_id != ?", item.agentId(), item.messageId()),
                RELATED_LIMIT);
    List<QueueItem> ofBuyer =
        store.newestItems(
            QueueQuery.of(scope)
                .where(
                    "shop_id = ? AND buyer_id = ? AND message_id != ?",
                    item.shopId(),
                    item.buyerId(),
                    item.messageId()),
            RELATED_LIMIT);
    return new RelatedFlags(ofAgent, ofBuyer);
  }

  /** Records a verdict; returns it once ClickHouse has it. */
  public Verdict recordVerdict(
      Account account, String messageId, Forms.VerdictInput input, String audit)
      throws SQLException {
    QueueItem item = current(account, messageId);
    if (!Access.canJudge(account, item.shopId(), item.agentId())) {
      throw HttpError.forbidden();
    }
    Verdict verdict =
        new Verdict(
            UUID.randomUUID().toString(),
            messageId,
            item.shopId(),
            item.agentId(),
            Verdict.KIND_VERDICT,
            input.decision(),
            input.severityOverride(),
            input.categoryCorrection(),
            input.comment(),
            account.username(),
            "",
            audit,
            store.nextDecisionMs(clock.millis()));
    store.insertVerdict(verdict);
    return verdict;
  }

  public void assign(Account account, String messageId, String assigneeName) throws SQLException {
    QueueItem item = current(account, messageId);
    Account assignee =
        store
            .account(assigneeName == null ? "" : assigneeName)
            .map(s -> s.account())
            .orElseThrow(() -> HttpError.badRequest("没有此用户 No such user"));
    if (!Access.canAssign(account, item.shopId(), assignee)) {
      throw HttpError.forbidden();
    }
    store.assign(
        new Tables.Assignment(
            messageId, item.shopId(), assignee.username(), account.username(), clock.millis()));
  }

  public void appeal(Account account, String messageId, String reasonText) throws SQLException {
    QueueItem item = current(account, messageId);
    if (!Access.canAppeal(account, item.shopId(), item.agentId())) {
      throw HttpError.forbidden();
    }
    if (!item.confirmed()) {
      throw HttpError.conflict("只能申诉已确认的违规 Only confirmed flags can be appealed");
    }
    String reason = Forms.text(reasonText, true);
    Appeal appeal =
        new Appeal(
            UUID.randomUUID().toString(),
            messageId,
            item.shopId(),
            item.agentId(),
            account.username(),
            reason,
            clock.millis());
    if (!store.fileAppealOnce(appeal)) {
      throw HttpError.conflict("每条违规只能申诉一次 A flag can be appealed once");
    }
  }

  public String appeals(Account account, String csrf) throws SQLException {
    List<Verdict> decisions =
        store.verdicts(account.shops()).stream().filter(Verdict::isAppealDecision).toList();
    List<Pages.AppealLine> lines =
        store.appeals(account.shops()).stream()
            .filter(a -> Access.canSee(account, a.shopId(), a.agentId()))
            .map(
                a ->
                    new Pages.AppealLine(
                        a,
                        decisions.stream()
                            .filter(d -> d.appealId().equals(a.appealId()))
                            .reduce((x, y) -> y)
                            .orElse(null)))
            .toList();
    return pages.appeals(account, csrf, lines);
  }

  /** A QA lead upholds (confirm) or overturns (false alarm) an appeal, once. */
  public Verdict decideAppeal(
      Account account, String appealId, String outcome, String commentText, String audit)
      throws SQLException {
    Appeal appeal = store.appeal(appealId).orElseThrow(HttpError::notFound);
    if (!Access.canDecideAppeal(account, appeal.shopId())) {
      throw HttpError.forbidden();
    }
    Decision decision =
        switch (outcome == null ? "" : outcome) {
          case "uphold" -> Decision.CONFIRM;
          case "overturn" -> Decision.FALSE_ALARM;
          default -> throw HttpError.badRequest("请选择维持或撤销 Choose uphold or overturn");
        };
    String comment = Forms.text(commentText, false);
    synchronized (this) {
      List<Verdict> history = store.verdictsOfMessage(appeal.messageId());
      if (history.stream().anyMatch(v -> v.appealId().equals(appealId))) {
        throw HttpError.conflict("此申诉已裁定 This appeal is decided");
      }
      Optional<Verdict> before = history.stream().max(Verdict.CHRONOLOGICAL);
      boolean upheld = decision == Decision.CONFIRM;
      Verdict verdict =
          new Verdict(
              UUID.randomUUID().toString(),
              appeal.messageId(),
              appeal.shopId(),
              appeal.agentId(),
              Verdict.KIND_APPEAL_DECISION,
              decision,
              upheld ? before.map(Verdict::severityOverride).orElse(0) : 0,
              upheld ? before.map(Verdict::categoryCorrection).orElse("") : "",
              comment,
              account.username(),
              appealId,
              audit,
              store.nextDecisionMs(clock.millis()));
      store.insertVerdict(verdict);
      return verdict;
    }
  }

  public String scores(Account account, String csrf, Map<String, String> params)
      throws SQLException {
    QueueFilter filter = QueueFilter.fromParams(params);
    List<QueueItem> confirmed = decidedItems(account, filter, Decision.CONFIRM);
    return pages.scores(account, csrf, settings.deductions().scorecard(confirmed), filter);
  }

  /**
   * The items of the account's agent-misconduct tab passing {@code filter} whose latest decision is
   * {@code decision}: as many as people decided, read from ClickHouse without the queue's cap.
   */
  private List<QueueItem> decidedItems(Account account, QueueFilter filter, Decision decision)
      throws SQLException {
    QueueQuery.Scope scope = scope(account);
    if (scope.shops().isEmpty()) {
      return List.of();
    }
    return store.queueItems(
        QueueQuery.of(scope, filter, settings.zone())
            .inTab(Tab.AGENT_MISCONDUCT)
            .whereDecided("v_decision = ?", decision.words().id()),
        QueueQuery.NEWEST_FIRST,
        0,
        MAX_DECIDED);
  }

  /** Every reviewed item the account may see, both tabs. */
  private List<QueueItem> reviewedItems(Account account) throws SQLException {
    QueueQuery.Scope scope = scope(account);
    if (scope.shops().isEmpty()) {
      return List.of();
    }
    return store.queueItems(
        QueueQuery.of(scope).whereDecided("v_id != ''"), QueueQuery.NEWEST_FIRST, 0, MAX_DECIDED);
  }

  /** Confirmed false alarms as lexicon candidates: {@code allow} or {@code gold} lines. */
  public String exportFalseAlarms(Account account, String format) throws SQLException {
    if (!account.role().judges()) {
      throw HttpError.forbidden();
    }
    QueueQuery.Scope scope = scope(account);
    List<QueueItem> falseAlarms =
        scope.shops().isEmpty()
            ? List.of()
            : store.queueItems(
                QueueQuery.of(scope)
                    .whereDecided("v_decision = ?", Decision.FALSE_ALARM.words().id()),
                QueueQuery.NEWEST_FIRST,
                0,
                MAX_DECIDED);
    List<FlagRow> flags =
        store.flagsOfMessages(falseAlarms.stream().map(QueueItem::messageId).toList());
    Map<String, Verdict> latest = new java.util.HashMap<>();
    falseAlarms.forEach(i -> latest.put(i.messageId(), i.latest()));
    return switch (format == null ? "" : format) {
      case "allow" -> FalseAlarmExport.allowListCandidates(flags, latest);
      case "gold" -> FalseAlarmExport.goldCandidates(flags, latest);
      default -> throw HttpError.badRequest("format: allow or gold");
    };
  }

  /**
   * A spot check (抽查): N flagged messages of each agent, either of every agent (random) or of the
   * abnormal agents by conversion, refund rate or reply rate over the filter's dates.
   */
  public String sample(Account account, String csrf, Map<String, String> params)
      throws SQLException {
    if (account.role() == Role.AGENT) {
      throw HttpError.forbidden();
    }
    QueueFilter filter = QueueFilter.fromParams(params);
    Criterion criterion = Criterion.parse(params.get("by"));
    int perAgent = boundedInt(params.get("n"), 3, 1, 50);
    long seed =
        boundedInt(
            params.get("seed"), (int) LocalDate.now(clock).toEpochDay(), 0, Integer.MAX_VALUE);
    QueueQuery.Scope scope = scope(account);
    List<QueueItem> items =
        scope.shops().isEmpty()
            ? List.of()
            : store.newestItems(
                QueueQuery.of(scope, filter, settings.zone()).inTab(Tab.AGENT_MISCONDUCT),
                SAMPLE_POOL);
    List<AgentRate> abnormal = List.of();
    Set<String> agents = null;
    if (criterion != Criterion.RANDOM) {
      List<String> shops =
          account.shops().stream()
              .filter(s -> filter.shop().isEmpty() || filter.shop().equals(s))
              .toList();
      abnormal =
          Sampling.abnormal(
              store.agentRates(
                  shops,
                  criterion,
                  filter.from() == null ? LocalDate.of(1970, 1, 1) : filter.from(),
                  filter.to() == null ? LocalDate.of(2100, 1, 1) : filter.to()),
              criterion.lowIsBad());
      agents =
          abnormal.stream()
              .map(r -> Sampling.key(r.shopId(), r.agentId()))
              .collect(java.util.stream.Collectors.toSet());
    }
    return pages.sample(
        account,
        csrf,
        new Pages.SampleView(
            criterion,
            perAgent,
            seed,
            filter,
            abnormal,
            Sampling.sample(items, agents, perAgent, seed)));
  }

  private static int boundedInt(String value, int otherwise, int min, int max) {
    try {
      return value == null || value.isBlank()
          ? otherwise
          : Math.max(min, Math.min(max, Integer.parseInt(value.strip())));
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  public String precision(Account account, String csrf) throws SQLException {
    List<QueueItem> items = reviewedItems(account);
    return pages.precision(account, csrf, Precision.byRule(items), Precision.byCategory(items));
  }
}
