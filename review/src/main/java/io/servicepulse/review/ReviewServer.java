// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.servicepulse.review.auth.Account;
import io.servicepulse.review.auth.CsrfTokens;
import io.servicepulse.review.auth.Login;
import io.servicepulse.review.auth.LoginRateLimiter;
import io.servicepulse.review.auth.Sessions;
import io.servicepulse.review.store.ReviewStore;
import io.servicepulse.review.web.Forms;
import io.servicepulse.review.web.HttpError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP wiring of the console on Javalin: sessions (cookie HttpOnly, SameSite=Strict), CSRF
 * check of every POST, login, and one route per page or form of {@link ReviewConsole}.
 */
public final class ReviewServer implements AutoCloseable {

  static final String COOKIE = "sp_session";
  private static final Logger LOG = LoggerFactory.getLogger(ReviewServer.class);
  private static final Set<String> PUBLIC_PATHS = Set.of("/login", "/console.css", "/health");
  private static final String SESSION = "session";
  private static final Map<String, String> NOTICES =
      Map.of("saved", "已保存 Verdict saved", "appealed", "已提交申诉 Appeal filed");

  private final ReviewSettings settings;
  private final ReviewConsole console;
  private final Sessions sessions;
  private final Login login;
  private final String css;
  private Javalin app;

  public ReviewServer(ReviewStore store, ReviewSettings settings, Clock clock) {
    this.settings = settings;
    this.console = new ReviewConsole(store, settings, clock);
    this.sessions = new Sessions(settings.sessionIdle(), clock);
    this.login =
        new Login(
            store::account,
            new LoginRateLimiter(settings.loginMaxFailures(), settings.loginWindow(), clock),
            new LoginRateLimiter(settings.loginMaxFailures() * 6, settings.loginWindow(), clock));
    this.css = resource("console.css");
  }

  /** Starts listening; returns the port. */
  public int start() {
    app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.http.maxRequestSize = 64 * 1024L;
            });
    app.before(this::securityHeaders);
    app.before(this::authenticate);
    app.exception(HttpError.class, this::renderError);
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
          renderError(new HttpError(500, "服务器错误 Server error"), ctx);
        });
    app.get("/health", ctx -> ctx.result("ok"));
    app.get("/console.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(css));
    app.get("/", ctx -> ctx.redirect("/queue"));
    app.get("/login", this::loginPage);
    app.post("/login", this::login);
    app.post("/logout", this::logout);
    app.get("/queue", ctx -> html(ctx, console.queue(account(ctx), csrf(ctx), queryParams(ctx))));
    app.get(
        "/message/{id}",
        ctx ->
            html(
                ctx,
                console.message(
                    account(ctx),
                    csrf(ctx),
                    ctx.pathParam("id"),
                    NOTICES.get(String.valueOf(ctx.queryParam("notice"))),
                    "1".equals(ctx.queryParam("wide")))));
    app.post("/message/{id}/verdict", this::verdict);
    app.post(
        "/message/{id}/assign",
        ctx -> {
          console.assign(account(ctx), ctx.pathParam("id"), ctx.formParam("assignee"));
          ctx.redirect("/queue", HttpStatus.SEE_OTHER);
        });
    app.post(
        "/message/{id}/appeal",
        ctx -> {
          console.appeal(account(ctx), ctx.pathParam("id"), ctx.formParam("reason"));
          ctx.redirect(
              "/message/" + ctx.pathParam("id") + "?notice=appealed", HttpStatus.SEE_OTHER);
        });
    app.get("/appeals", ctx -> html(ctx, console.appeals(account(ctx), csrf(ctx))));
    app.post(
        "/appeals/{id}/decide",
        ctx -> {
          console.decideAppeal(
              account(ctx),
              ctx.pathParam("id"),
              ctx.formParam("outcome"),
              ctx.formParam("comment"),
              audit(ctx));
          ctx.redirect("/appeals", HttpStatus.SEE_OTHER);
        });
    app.get("/scores", ctx -> html(ctx, console.scores(account(ctx), csrf(ctx), queryParams(ctx))));
    app.get(
        "/export/false-alarms.tsv",
        ctx ->
            ctx.contentType("text/tab-separated-values; charset=utf-8")
                .header("Content-Disposition", "attachment")
                .result(console.exportFalseAlarms(account(ctx), ctx.queryParam("format"))));
    app.get("/sample", ctx -> html(ctx, console.sample(account(ctx), csrf(ctx), queryParams(ctx))));
    app.get("/precision", ctx -> html(ctx, console.precision(account(ctx), csrf(ctx))));
    app.start(settings.bind(), settings.port());
    return app.port();
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }

  private void securityHeaders(Context ctx) {
    ctx.header(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
  }

  /**
   * Finds the session; every POST must carry its CSRF token (403 otherwise); every page but the
   * public ones needs a logged-in session (GET: to the login page, POST: 403).
   */
  private void authenticate(Context ctx) {
    Sessions.Session session = sessions.find(ctx.cookie(COOKIE)).orElse(null);
    if (session != null) {
      ctx.attribute(SESSION, session);
    }
    if (ctx.method() == HandlerType.POST) {
      if (session == null
          || !CsrfTokens.matches(session.csrfToken(), ctx.formParam(CsrfTokens.FIELD))) {
        throw new HttpError(403, "表单已失效，请刷新重试 Form expired or forged (CSRF); reload and retry");
      }
    }
    if (PUBLIC_PATHS.contains(ctx.path())) {
      return;
    }
    if (session == null || session.account().isEmpty()) {
      if (ctx.method() == HandlerType.GET) {
        ctx.redirect("/login");
        ctx.skipRemainingHandlers();
        return;
      }
      throw HttpError.forbidden();
    }
  }

  private void loginPage(Context ctx) {
    Sessions.Session session = ctx.attribute(SESSION);
    if (session != null && session.account().isPresent()) {
      ctx.redirect("/queue");
      return;
    }
    if (session == null) {
      session = startSession(ctx, null);
    }
    html(ctx, console.pages().login(session.csrfToken(), null));
  }

  private void login(Context ctx) throws Exception {
    Sessions.Session before = ctx.attribute(SESSION);
    Login.Result result =
        login.attempt(ctx.formParam("username"), ctx.formParam("password"), ctx.ip());
    if (!result.ok()) {
      ctx.status(result.limited() ? 429 : 401);
      html(
          ctx,
          console
              .pages()
              .login(
                  before.csrfToken(),
                  result.limited()
                      ? "尝试次数过多，请稍后再试 Too many attempts; try again later"
                      : "用户名或密码错误 Wrong username or password"));
      return;
    }
    sessions.end(before.id());
    startSession(ctx, result.account());
    ctx.redirect("/queue", HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    Sessions.Session session = ctx.attribute(SESSION);
    sessions.end(session.id());
    ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  private void verdict(Context ctx) throws Exception {
    var input =
        Forms.verdict(
            ctx.formParam("decision"),
            ctx.formParam("severity"),
            ctx.formParam("category"),
            ctx.formParam("comment"));
    console.recordVerdict(account(ctx), ctx.pathParam("id"), input, audit(ctx));
    ctx.redirect("/message/" + ctx.pathParam("id") + "?notice=saved", HttpStatus.SEE_OTHER);
  }

  /** A fresh session (new id: no fixation across login) and its cookie. */
  private Sessions.Session startSession(Context ctx, Account account) {
    Sessions.Session session = sessions.start(account);
    ctx.header(
        "Set-Cookie",
        COOKIE
            + "="
            + session.id()
            + "; Path=/; HttpOnly; SameSite=Strict"
            + (settings.secureCookies() ? "; Secure" : ""));
    ctx.attribute(SESSION, session);
    return session;
  }

  private void renderError(HttpError error, Context ctx) {
    Sessions.Session session = ctx.attribute(SESSION);
    Account account = session == null ? null : session.account().orElse(null);
    ctx.status(error.status());
    html(
        ctx,
        console
            .pages()
            .error(
                account,
                session == null ? "" : session.csrfToken(),
                error.status(),
                error.getMessage()));
  }

  private static void html(Context ctx, String page) {
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  private static Account account(Context ctx) {
    Sessions.Session session = ctx.attribute(SESSION);
    return session.account().orElseThrow(HttpError::forbidden);
  }

  private static String csrf(Context ctx) {
    Sessions.Session session = ctx.attribute(SESSION);
    return session.csrfToken();
  }

  private static Map<String, String> queryParams(Context ctx) {
    Map<String, String> params = new java.util.HashMap<>();
    ctx.queryParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
    return params;
  }

  /** Where a decision came from, stored with it: role, client address, browser. */
  private static String audit(Context ctx) {
    Account account = account(ctx);
    String agent = String.valueOf(ctx.userAgent());
    return "role="
        + account.role().words().id()
        + "; ip="
        + ctx.ip()
        + "; ua="
        + (agent.length() > 200 ? agent.substring(0, 200) : agent);
  }

  private static String resource(String name) {
    try (InputStream in = ReviewServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
