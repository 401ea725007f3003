// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import io.servicepulse.qa.inspect.CandidateMatcher.Hits;
import io.servicepulse.qa.inspect.CandidateMatcher.TermHit;
import io.servicepulse.qa.model.AbuseModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quality inspector: normalise, stage 1 (Aho–Corasick over the lexicon), stage 2 (CoreNLP words
 * and lemmas) only for ambiguous candidates, then negation/quote mitigation, privacy masking and
 * the sender-role policy.
 *
 * <p>Thread-safe. Build one per task (or per JVM) in a Flink {@code open()}: {@code new
 * TextInspector(Lexicon.load(...), CoreNlpAnalyzer.shared(modelRoot), cacheSize)} or {@link
 * #create(String, int)}, then call {@link #inspect(String, SenderRole)} per message.
 */
public final class TextInspector {
  public static final String INSPECTOR_VERSION = "1.2.0";

  /** Inflection endings worth a lemma check (idiots, bitches, cocks); others are new words. */
  private static final Set<String> INFLECTIONS = Set.of("s", "es", "ed", "d", "ing", "er", "ers");

  private static final Pattern EN_REFUSAL =
      Pattern.compile(
          "(can['’]?t|cannot|not allowed|not able|unable|don['’]?t|do not|never|prohibited|against"
              + " (the |our )?(policy|rules))\\b[^.!?]*$");
  private static final List<String> ZH_REFUSALS =
      List.of(
          "不能", "不可以", "不允许", "禁止", "无法", "不要", "不支持", "不方便", "没法", "不会", "不得", "严禁", "不可", "不让",
          "别");
  private static final int REFUSAL_WINDOW = 10;

  private final TextNormalizer normalizer;
  private final Lexicon lexicon;
  private final CandidateMatcher matcher;
  private final WordAnalyzer analyzer;
  private final ModelStage modelStage;
  private final LatinAbbreviations abbreviations;
  private final BusinessNumbers businessNumbers;
  private final BoundedCache<List<CompactFlag>> cache;
  private final String version;
  private final LongAdder messages = new LongAdder();
  private final LongAdder candidates = new LongAdder();

  /** A flag in compact offsets, before the role policy: what the cache keeps. */
  private record CompactFlag(
      String ruleId,
      Category category,
      int severity,
      String language,
      int begin,
      int end,
      Mitigation mitigation) {}

  /** Something stage 2 must confirm. */
  private record Pending(
      String ruleId,
      Category category,
      int severity,
      String language,
      int begin,
      int end,
      boolean latin,
      String term) {}

  public TextInspector(Lexicon lexicon, WordAnalyzer analyzer, int cacheSize) {
    this(lexicon, analyzer, null, cacheSize, List.of());
  }

  /**
   * {@code shopHotlines}: the shop's own service numbers in any format; giving them out is not a
   * privacy leak (toll-free numbers never are).
   */
  public TextInspector(
      Lexicon lexicon, WordAnalyzer analyzer, int cacheSize, Collection<String> shopHotlines) {
    this(lexicon, analyzer, null, cacheSize, shopHotlines);
  }

  /** With stage 3, the abuse classifier ({@code model} null: lexicon stages only). */
  public TextInspector(Lexicon lexicon, WordAnalyzer analyzer, AbuseModel model, int cacheSize) {
    this(lexicon, analyzer, model, cacheSize, List.of());
  }

  /** The shop's hotlines as above, and stage 3 ({@code model} null: lexicon stages only). */
  public TextInspector(
      Lexicon lexicon,
      WordAnalyzer analyzer,
      AbuseModel model,
      int cacheSize,
      Collection<String> shopHotlines) {
    this.modelStage = model == null ? null : new ModelStage(model, lexicon);
    this.normalizer = new TextNormalizer();
    this.businessNumbers = new BusinessNumbers(shopHotlines);
    this.lexicon = lexicon;
    this.matcher = new CandidateMatcher(lexicon);
    this.analyzer = analyzer;
    this.abbreviations = new LatinAbbreviations(lexicon);
    this.cache = new BoundedCache<>(cacheSize);
    this.version =
        "qa-inspector/"
            + INSPECTOR_VERSION
            + "+lexicon/"
            + lexicon.version()
            + (model == null ? "" : "+model/" + model.version());
  }

  /** The inspector with the shipped lexicon, abuse model and the JVM-wide CoreNLP pipelines. */
  public static TextInspector create(String modelRoot, int cacheSize) {
    return create(modelRoot, cacheSize, List.of());
  }

  /**
   * As {@link #create(String, int)}, with the shop's hotlines (option {@code qa.shop-hotlines}).
   */
  public static TextInspector create(
      String modelRoot, int cacheSize, Collection<String> shopHotlines) {
    return new TextInspector(
        Lexicon.load(new TextNormalizer()),
        CoreNlpAnalyzer.shared(modelRoot),
        AbuseModel.loadDefault(),
        cacheSize,
        shopHotlines);
  }

  /** As {@link #create(String, int)}, with or without stage 3 (the abuse classifier). */
  public static TextInspector create(String modelRoot, int cacheSize, boolean abuseModel) {
    return new TextInspector(
        Lexicon.load(new TextNormalizer()),
        CoreNlpAnalyzer.shared(modelRoot),
        abuseModel ? AbuseModel.loadDefault() : null,
        cacheSize,
        List.of());
  }

  /** Stored with every flag: changes whenever the code or the lexicon changes. */
  public String version() {
    return version;
  }

  public InspectionResult inspect(String text, SenderRole role) {
    messages.increment();
    if (text == null || text.isEmpty() || role == SenderRole.SYSTEM) {
      return new InspectionResult(List.of(), text == null ? "" : text, version);
    }
    NormalizedText nt = normalizer.normalize(text);
    List<CompactFlag> compactFlags = compactFlags(nt);
    List<PrivacyDetector.Span> privacy = PrivacyDetector.find(nt.folded(), businessNumbers);
    String language = hasHan(nt.compact()) ? "zh" : "en";

    List<Flag> flags = new ArrayList<>(compactFlags.size() + privacy.size());
    for (CompactFlag f : compactFlags) {
      if (role.inspects(f.category())) {
        int start = nt.originalStart(f.begin());
        int end = nt.originalEnd(f.end());
        flags.add(
            new Flag(
                f.category(),
                f.severity(),
                f.ruleId(),
                start,
                end,
                text.substring(start, end),
                f.language(),
                f.mitigation()));
      }
    }
    if (role.inspects(Category.PRIVACY_LEAK)) {
      for (PrivacyDetector.Span s : privacy) {
        if (s.flag()) {
          flags.add(
              new Flag(
                  Category.PRIVACY_LEAK,
                  s.severity(),
                  s.ruleId(),
                  s.start(),
                  s.end(),
                  text.substring(s.start(), s.end()),
                  language,
                  Mitigation.NONE));
        }
      }
    }
    Flag modelFlag = modelStage == null ? null : modelStage.flag(nt, role, flags);
    if (modelFlag != null) {
      flags.add(modelFlag);
    }
    return new InspectionResult(tidy(flags), PrivacyDetector.mask(text, privacy), version);
  }

  /** Messages inspected, and how many needed stage 2 (before the cache). */
  public long messagesInspected() {
    return messages.sum();
  }

  public long stage2Candidates() {
    return candidates.sum();
  }

  public long cacheHits() {
    return cache.hits();
  }

  private List<CompactFlag> compactFlags(NormalizedText nt) {
    String compact = nt.compact();
    Hits hits = matcher.scan(compact);
    if (hits.terms().isEmpty() && hits.triggered().isEmpty()) {
      return List.of();
    }
    List<CompactFlag> accepted = new ArrayList<>();
    List<Pending> pending = new ArrayList<>();
    // Signed initials are not in the compact text (fillers dropped): part of the cache key.
    int signature = hasAbbreviation(hits) ? Signature.start(nt.folded()) : -1;
    String key = signature < 0 ? compact : compact + '\u0000' + signature;
    if (hasLatinInsult(hits)) {
      // ProperName reads the original's capitals ("Clown Cafe" vs "clown cafe"): part of the key.
      key = key + '\u0001' + nt.original();
    }
    stage1Terms(nt, signature, hits, accepted, pending);
    stage1Patterns(compact, hits, accepted, pending);
    if (!pending.isEmpty()) {
      candidates.increment();
      List<CompactFlag> cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
      stage2(compact, pending, accepted);
    }
    List<CompactFlag> result = new ArrayList<>(accepted.size());
    for (CompactFlag f : accepted) {
      Mitigation m =
          f.category().isAbuse()
              ? Mitigations.of(nt, f.begin(), f.end(), f.language())
              : Mitigation.NONE;
      int severity = m == Mitigation.NONE ? f.severity() : Math.max(1, f.severity() - 1);
      result.add(
          new CompactFlag(f.ruleId(), f.category(), severity, f.language(), f.begin(), f.end(), m));
    }
    if (!pending.isEmpty()) {
      cache.put(key, List.copyOf(result));
    }
    return result;
  }

  private void stage1Terms(
      NormalizedText nt,
      int signature,
      Hits hits,
      List<CompactFlag> accepted,
      List<Pending> pending) {
    String compact = nt.compact();
    for (TermHit hit : hits.terms()) {
      LexiconTerm term = hit.term();
      int b = hit.begin();
      int e = hit.end();
      if (hits.insideAllowWord(b, e)
          || (term.surface().charAt(0) == '日' && DayWord.at(compact, b))
          || MothersPossessive.covers(compact, b, e)) {
        continue;
      }
      boolean abbreviation = LatinAbbreviations.is(term);
      if (abbreviation
          && (!abbreviations.inChineseContext(compact)
              || (signature >= 0 && nt.originalStart(b) >= signature))) {
        continue;
      }
      if ((abbreviation || (term.latin() && term.mode() == MatchMode.WORD))
          && ProductCode.contains(compact, b, e)) {
        continue;
      }
      CompactFlag flag =
          new CompactFlag(
              term.ruleId(), term.category(), term.severity(), term.language(), b, e, null);
      if (term.mode() == MatchMode.ANY) {
        accepted.add(flag);
      } else if (term.latin()) {
        boolean startsWord = b == 0 || !TextNormalizer.isLatinOrDigit(compact.charAt(b - 1));
        int wordEnd = e;
        while (wordEnd < compact.length()
            && TextNormalizer.isLatinOrDigit(compact.charAt(wordEnd))) {
          wordEnd++;
        }
        if (!startsWord
            || (term.category() == Category.INSULT && ProperName.at(nt, b, e, wordEnd))) {
          continue;
        }
        if (wordEnd == e) {
          accepted.add(flag);
        } else if (isInflection(compact, e, wordEnd)) {
          pending.add(pending(flag, true, term.surface()));
        }
      } else if (openOnBothSides(compact, b, e)) {
        accepted.add(flag);
      } else {
        pending.add(pending(flag, false, term.surface()));
      }
    }
  }

  private static boolean hasLatinInsult(Hits hits) {
    for (TermHit hit : hits.terms()) {
      if (hit.term().latin() && hit.term().category() == Category.INSULT) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasAbbreviation(Hits hits) {
    for (TermHit hit : hits.terms()) {
      if (LatinAbbreviations.is(hit.term())) {
        return true;
      }
    }
    return false;
  }

  private void stage1Patterns(
      String compact, Hits hits, List<CompactFlag> accepted, List<Pending> pending) {
    for (PatternRule rule : hits.triggered()) {
      Matcher m = rule.regex().matcher(compact);
      while (m.find()) {
        int b = m.start();
        int e = m.end();
        if (b == e || hits.insideAllowWord(b, e)) {
          continue;
        }
        if (rule.mode() == MatchMode.SOLICIT && refused(compact, b, rule.language())) {
          continue;
        }
        CompactFlag flag =
            new CompactFlag(
                rule.ruleId(), rule.category(), rule.severity(), rule.language(), b, e, null);
        if (rule.mode() == MatchMode.WORD && !openOnBothSides(compact, b, e)) {
          pending.add(pending(flag, false, null));
        } else {
          accepted.add(flag);
        }
        break;
      }
    }
  }

  private void stage2(String compact, List<Pending> pending, List<CompactFlag> accepted) {
    List<Token> words = null;
    List<Token> lemmas = null;
    for (Pending p : pending) {
      CompactFlag flag =
          new CompactFlag(
              p.ruleId(), p.category(), p.severity(), p.language(), p.begin(), p.end(), null);
      if (p.latin()) {
        lemmas = lemmas == null ? analyzer.lemmatize(compact) : lemmas;
        for (Token t : lemmas) {
          if (t.begin() == p.begin()
              && (p.term().equals(t.lemma()) || doubledParticiple(p.term(), t))) {
            accepted.add(flag);
            break;
          }
        }
      } else {
        words = words == null ? analyzer.segment(compact) : words;
        if (alignsWithWords(words, p.begin(), p.end())) {
          accepted.add(flag);
        }
      }
    }
  }

  /** The rest of a Latin word after a term: idiots, bitches; or a doubled consonant, shitting. */
  private static boolean isInflection(String compact, int termEnd, int wordEnd) {
    String rest = compact.substring(termEnd, wordEnd);
    return INFLECTIONS.contains(rest)
        || (rest.length() > 1
            && rest.charAt(0) == compact.charAt(termEnd - 1)
            && "aeiou".indexOf(rest.charAt(0)) < 0
            && INFLECTIONS.contains(rest.substring(1)));
  }

  /**
   * "this shitting app": the term's participle with its last consonant doubled, which the tagger
   * read as an adjective (lemma = the word itself). Only that exact form: "titter" is no "tit".
   */
  private static boolean doubledParticiple(String term, Token t) {
    String word = t.word().toLowerCase(Locale.ROOT);
    return word.equals(t.lemma())
        && word.length() == term.length() + 4
        && word.startsWith(term)
        && word.endsWith("ing")
        && word.charAt(term.length()) == term.charAt(term.length() - 1)
        && "aeiou".indexOf(term.charAt(term.length() - 1)) < 0;
  }

  private static Pending pending(CompactFlag f, boolean latin, String term) {
    return new Pending(
        f.ruleId(), f.category(), f.severity(), f.language(), f.begin(), f.end(), latin, term);
  }

  /** A Chinese match must start and end on CoreNLP word boundaries: 垃圾|袋 is not 垃圾. */
  private static boolean alignsWithWords(List<Token> words, int begin, int end) {
    boolean startOk = false;
    boolean endOk = false;
    for (Token t : words) {
      startOk |= t.begin() == begin;
      endOk |= t.end() == end;
    }
    return startOk && endOk;
  }

  /** No Han char touches the span, so no longer Chinese word can contain it. */
  private static boolean openOnBothSides(String compact, int b, int e) {
    return (b == 0 || !TextNormalizer.isHan(compact.charAt(b - 1)))
        && (e == compact.length() || !TextNormalizer.isHan(compact.charAt(e)));
  }

  private static boolean refused(String compact, int begin, String language) {
    String before = compact.substring(Math.max(0, begin - 3 * REFUSAL_WINDOW), begin);
    if (EN_REFUSAL.matcher(before).find()) {
      return true;
    }
    String near = compact.substring(Math.max(0, begin - REFUSAL_WINDOW), begin);
    for (String refusal : ZH_REFUSALS) {
      if (near.contains(refusal)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One flag per rule id (the job's idempotency key is message id + rule id), and no flag whose
   * span lies inside another flag of the same category, or of another abuse category (他妈的 already
   * covers 妈的; 河南人都是骗子 is discrimination, not also an insult).
   */
  private static List<Flag> tidy(List<Flag> flags) {
    flags.sort(
        Comparator.comparingInt(Flag::start)
            .thenComparing(Comparator.comparingInt(Flag::end).reversed()));
    List<Flag> out = new ArrayList<>(flags.size());
    Set<String> rules = new HashSet<>();
    for (Flag f : flags) {
      boolean inside = false;
      for (Flag kept : out) {
        inside |=
            (kept.category() == f.category()
                    || (kept.category().isAbuse() && f.category().isAbuse()))
                && kept.start() <= f.start()
                && f.end() <= kept.end();
      }
      if (!inside && rules.add(f.ruleId())) {
        out.add(f);
      }
    }
    return List.copyOf(out);
  }

  static boolean hasHan(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (TextNormalizer.isHan(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  Lexicon lexicon() {
    return lexicon;
  }
}
