// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review;

import static io.servicepulse.review.ReviewFixtures.M1;
import static io.servicepulse.review.ReviewFixtures.M2;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reviewer's workflow in a real browser (Debian's chromium + chromium-driver, headless): log
 * in, open the queue and a conversation, record a verdict, see precision change; an agent appeals,
 * a QA lead decides; an agent of another shop gets 403 for a direct URL. Screenshots go to
 * target/screenshots.
 */
class ReviewBrowserITCase extends ConsoleTestBase {

  static final String CHROMIUM = System.getProperty("review.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER =
      System.getProperty("review.chromedriver", "/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static WebDriver browser;
  private static String base;

  @BeforeAll
  static void startBrowser() throws Exception {
    assertThat(new File(CHROMIUM))
        .as("Chromium for the browser test: infra/setup.sh installs Debian's chromium")
        .exists();
    assertThat(new File(CHROMEDRIVER))
        .as("chromedriver: infra/setup.sh installs Debian's chromium-driver")
        .exists();
    base = "http://127.0.0.1:" + server.port();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void reviewerJudgesAgentAppealsLeadDecides() throws Exception {
    logIn("rev");
    assertThat(browser.findElement(By.id("queue")).getText()).contains("自己不会看吗");
    screenshot("1-queue");

    browser.findElement(By.linkText("自己不会看吗")).click();
    assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("待审 Unreviewed");
    browser.findElement(By.id("d-confirm")).click();
    new Select(browser.findElement(By.id("severity-override"))).selectByValue("2");
    browser.findElement(By.id("comment")).sendKeys("不耐烦的反问 <b>rude</b>");
    screenshot("2-verdict-form");
    browser.findElement(By.id("submit-verdict")).click();
    assertThat(browser.findElement(By.id("notice")).getText()).contains("已保存");
    assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("确认违规 Confirmed");
    assertThat(browser.findElement(By.id("history")).getText()).contains("<b>rude</b>");
    screenshot("3-conversation-after-verdict");

    browser.get(base + "/precision");
    assertThat(browser.findElement(By.id("precision-rules")).getText())
        .contains("zh.impatience.ask 1 0 0 100.0%");
    screenshot("4-precision");

    browser.get(base + "/scores");
    assertThat(browser.findElement(By.id("scores")).getText()).contains("shop-a agent-2 1 2");

    logIn("agent9");
    browser.get(base + "/message/" + M2);
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("403");

    logIn("agent2");
    assertThat(browser.findElement(By.id("queue")).getText()).contains("自己不会看吗").doesNotContain(M1);
    browser.get(base + "/message/" + M2);
    browser.findElement(By.id("reason")).sendKeys("买家问了三次同样的问题，我是在提醒他看详情页");
    browser.findElement(By.id("submit-appeal")).click();
    assertThat(browser.findElement(By.id("notice")).getText()).contains("已提交申诉");
    screenshot("5-agent-appealed");

    logIn("lead");
    browser.get(base + "/appeals");
    assertThat(browser.findElement(By.id("appeal-list")).getText()).contains("待裁定 Pending");
    new Select(browser.findElement(By.name("outcome"))).selectByValue("overturn");
    browser.findElement(By.cssSelector("#appeal-list button")).click();
    // The decision reloads the page: the list found before the reload goes stale, so look again.
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .until(b -> b.findElement(By.id("appeal-list")).getText().contains("撤销 Overturned"));
    screenshot("6-appeal-decided");
    browser.get(base + "/message/" + M2);
    assertThat(browser.findElement(By.id("status")).getText())
        .isEqualTo("误报 False alarm (申诉裁定 after appeal)");

    browser.get(base + "/sample?by=conversion&n=3");
    assertThat(browser.findElement(By.id("abnormal")).getText()).contains("agent-1");
    screenshot("7-spot-check");
  }

  private static void logIn(String username) {
    browser.manage().deleteAllCookies();
    browser.get(base + "/login");
    browser.findElement(By.id("username")).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(fixtures.passwords.get(username));
    browser.findElement(By.id("login")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(b -> b.getCurrentUrl().endsWith("/queue"));
  }

  private static void screenshot(String name) throws IOException {
    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
