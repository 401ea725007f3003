// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import io.servicepulse.qa.inspect.CoreNlpAnalyzer;
import io.servicepulse.qa.inspect.Lexicon;
import io.servicepulse.qa.inspect.SenderRole;
import io.servicepulse.qa.inspect.TextInspector;
import io.servicepulse.qa.inspect.TextNormalizer;
import io.servicepulse.qa.model.AbuseModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the inspector with CoreNLP on, on a mix like the chat stream: agents' quick phrases
 * repeated all day (Zipf-like), buyers' varied questions, order numbers and sizes that make many
 * texts unique, and about 2 % messages that need stage 2 (ambiguous words next to Chinese text) or
 * are plainly abusive. Not a test: it prints its figures.
 *
 * <p>Run: {@code jobs/qa/benchmark.sh [seconds] [maxThreads]}.
 */
public final class Benchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static final String[] AGENT_PHRASES = {
    "亲，在的，请问有什么可以帮您？",
    "好的亲，马上为您查询",
    "亲亲，今天下单今天发货哦",
    "抱歉让您久等了",
    "感谢您的耐心等待",
    "亲，七天无理由退换，请放心购买",
    "已经为您备注了，请放心",
    "亲，这款是现货的",
    "好的，已经帮您修改地址了",
    "亲，尺码建议参考详情页的尺码表",
    "亲，运费险已经帮您买好了",
    "这边帮您催一下快递",
    "亲，默认发中通快递哦",
    "亲，满99包邮的",
    "亲，有任何问题随时联系我们",
    "Hi, thanks for reaching out! How can I help?",
    "Your order has shipped and is on its way.",
    "Sorry for the delay, let me check that for you.",
    "You're welcome, have a great day!",
    "Please allow 3-5 business days for delivery."
  };
  private static final String[] BUYER_TEMPLATES = {
    "这件%s有%s码吗",
    "%s什么时候发货",
    "我的订单%s怎么还没到",
    "%s能便宜点吗",
    "%s是正品吗",
    "Is the %s available in %s?",
    "When will order %s arrive?",
    "%s尺码偏大还是偏小",
    "%s可以开发票吗",
    "Can I change the size of my %s to %s?"
  };
  private static final String[] PRODUCTS = {
    "外套", "连衣裙", "T恤", "运动鞋", "保温杯", "洗衣机", "面霜", "jacket", "sneakers", "kettle"
  };
  private static final String[] SIZES = {"S", "M", "L", "XL", "38", "40", "blue", "black"};

  /** Need stage 2: a word-mode term touching Chinese text, or an inflected English term. */
  private static final String[] STAGE2 = {
    "你就是个白痴客服%s", "这个不是骗子店吧%s", "你是不是有病啊%s", "卖家说我妈的衣服%s码不合适", "这个废物%s怎么处理",
    "stupid idiots lost order %s", "这个神经%s很敏感", "我也是醉了%s，你真是笨蛋", "你个废物%s", "他妈%s说这个不好"
  };

  private static final String[] PLAIN_ABUSE = {
    "傻逼客服", "操你妈", "what the fuck", "滚！", "加我微信abc%s123"
  };

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int maxThreads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    long t0 = System.nanoTime();
    TextInspector inspector = TextInspector.create(null, 10_000);
    System.out.printf("CoreNLP + lexicon loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    List<String> mix = mix(200_000, new Random(42));
    System.out.printf("heap after load: %d MB%n", usedHeapMb());
    // One pass with an empty cache: every distinct candidate costs a CoreNLP call.
    TextInspector cold =
        new TextInspector(Lexicon.load(new TextNormalizer()), CoreNlpAnalyzer.shared(null), 10_000);
    long c0 = System.nanoTime();
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < mix.size(); i++) {
      cold.inspect(mix.get(i), (i & 1) == 0 ? SenderRole.AGENT : SenderRole.BUYER);
    }
    System.out.printf(
        "first pass, empty cache, JIT cold: %,.0f msgs/s wall, %,.0f msgs per CPU-second%n",
        mix.size() / ((System.nanoTime() - c0) / 1e9),
        mix.size() / ((THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9));
    // Warm-up: JIT, CoreNLP's first calls, and the cache of repeated candidates.
    run(inspector, mix, 1, seconds, true);
    // Before/after stage 3: the same mix without the abuse classifier, then with it.
    TextInspector lexiconOnly = TextInspector.create(null, 10_000, false);
    run(lexiconOnly, mix, 1, seconds, true);
    for (int threads = 1; threads <= maxThreads; threads++) {
      System.out.print("without the model: ");
      run(lexiconOnly, mix, threads, seconds, false);
      System.out.print("with the model:    ");
      run(inspector, mix, threads, seconds, false);
    }
    modelCost(mix, seconds);
    System.out.printf(
        "stage-2 candidates %.2f %% of messages, cache hits %d of them%n",
        100.0 * inspector.stage2Candidates() / inspector.messagesInspected(),
        inspector.cacheHits());
    System.out.printf(
        "heap after runs: %d MB (max %d MB)%n",
        usedHeapMb(), Runtime.getRuntime().maxMemory() >> 20);
  }

  private static void run(
      TextInspector inspector, List<String> mix, int threads, int seconds, boolean warmup)
      throws InterruptedException {
    AtomicLong done = new AtomicLong();
    AtomicLong cpuNanos = new AtomicLong();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t * 7919;
      Thread w =
          new Thread(
              () -> {
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                long n = 0;
                int i = offset;
                while ((n & 1023) != 0 || System.nanoTime() < deadline) {
                  String text = mix.get(i++ % mix.size());
                  inspector.inspect(text, (i & 1) == 0 ? SenderRole.AGENT : SenderRole.BUYER);
                  n++;
                }
                done.addAndGet(n);
                cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
              });
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    if (!warmup) {
      double total = done.get() / (double) seconds;
      // Per CPU-second of the workers: meaningful even when other processes share the cores.
      System.out.printf(
          "%d thread(s): %,.0f msgs/s wall total, %,.0f per thread; %,.0f msgs per CPU-second%n",
          threads, total, total / threads, done.get() / (cpuNanos.get() / 1e9));
    }
  }

  /** CPU time of the classifier alone per message (normalised text precomputed). */
  private static void modelCost(List<String> mix, int seconds) {
    AbuseModel model = AbuseModel.loadDefault();
    TextNormalizer normalizer = new TextNormalizer();
    List<String> compact = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      compact.add(normalizer.normalize(mix.get(i)).compact());
    }
    double sink = 0;
    long n = 0;
    long deadline = System.nanoTime() + seconds * 500_000_000L;
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    while ((n & 1023) != 0 || System.nanoTime() < deadline) {
      sink += model.score(compact.get((int) (n % compact.size())));
      n++;
    }
    double ns = (THREADS.getCurrentThreadCpuTime() - cpu0) / (double) n;
    System.out.printf(
        "model score alone: %.2f µs per message (mean %.0f chars; checksum %.1f)%n",
        ns / 1000, compact.stream().mapToInt(String::length).average().orElse(0), sink);
  }

  static List<String> mix(int size, Random random) {
    List<String> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      double r = random.nextDouble();
      String n = Integer.toString(100000 + random.nextInt(900000));
      if (r < 0.015) {
        out.add(
            String.format(STAGE2[random.nextInt(STAGE2.length)], random.nextInt(4) == 0 ? n : ""));
      } else if (r < 0.02) {
        String t = PLAIN_ABUSE[random.nextInt(PLAIN_ABUSE.length)];
        out.add(t.contains("%s") ? String.format(t, n) : t);
      } else if (r < 0.60) {
        // Zipf-like: a few quick phrases dominate.
        int k =
            (int)
                Math.min(
                    AGENT_PHRASES.length - 1,
                    Math.floor(Math.pow(random.nextDouble(), 2.5) * AGENT_PHRASES.length));
        out.add(AGENT_PHRASES[k]);
      } else {
        String t = BUYER_TEMPLATES[random.nextInt(BUYER_TEMPLATES.length)];
        Object a =
            t.contains("order") || t.contains("订单") ? n : PRODUCTS[random.nextInt(PRODUCTS.length)];
        out.add(String.format(t, a, SIZES[random.nextInt(SIZES.length)]));
      }
    }
    return out;
  }

  private static long usedHeapMb() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return (rt.totalMemory() - rt.freeMemory()) >> 20;
  }
}
