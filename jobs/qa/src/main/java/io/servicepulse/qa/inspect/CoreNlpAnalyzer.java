// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Stage 2: Stanford CoreNLP word segmentation (Chinese) and tokens + lemmas (English).
 *
 * <p>Building the two pipelines loads ~0.6 GB of models and takes seconds, so there is one instance
 * per JVM ({@link #shared(String)}); {@link StanfordCoreNLP#annotate} is safe to call from several
 * threads with these annotators.
 */
public final class CoreNlpAnalyzer implements WordAnalyzer {
  private static final String SEGMENTER_DIR = "edu/stanford/nlp/models/segmenter/chinese";
  private static final String TAGGER =
      "edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger";

  private static volatile CoreNlpAnalyzer shared;
  private static volatile String sharedModelRoot;

  private final StanfordCoreNLP chinese;
  private final StanfordCoreNLP english;

  /**
   * @param modelRoot a directory holding the {@code edu/stanford/nlp/models/...} files, or {@code
   *     null}/empty to load them from the classpath
   */
  public CoreNlpAnalyzer(String modelRoot) {
    String prefix = modelRoot == null || modelRoot.isEmpty() ? "" : modelRoot + "/";
    Properties zh = new Properties();
    zh.setProperty("annotators", "tokenize");
    zh.setProperty("tokenize.language", "zh");
    zh.setProperty("segment.model", prefix + SEGMENTER_DIR + "/ctb.small.gz");
    zh.setProperty("segment.sighanCorporaDict", prefix + SEGMENTER_DIR);
    zh.setProperty("segment.serDictionary", prefix + SEGMENTER_DIR + "/dict-chris6.ser.gz");
    zh.setProperty("segment.sighanPostProcessing", "true");
    zh.setProperty("segment.verbose", "false");
    chinese = new StanfordCoreNLP(zh);

    Properties en = new Properties();
    en.setProperty("annotators", "tokenize,pos,lemma");
    en.setProperty("tokenize.language", "en");
    en.setProperty("pos.model", prefix + TAGGER);
    en.setProperty("tokenize.options", "untokenizable=noneKeep,invertible=false");
    english = new StanfordCoreNLP(en);
  }

  /** The JVM-wide instance (built on first use); a Flink function calls this in open(). */
  public static CoreNlpAnalyzer shared(String modelRoot) {
    CoreNlpAnalyzer local = shared;
    if (local == null) {
      synchronized (CoreNlpAnalyzer.class) {
        local = shared;
        if (local == null) {
          local = new CoreNlpAnalyzer(modelRoot);
          shared = local;
          sharedModelRoot = modelRoot;
        }
      }
    } else if (!java.util.Objects.equals(sharedModelRoot, modelRoot)) {
      throw new IllegalStateException(
          "CoreNLP already loaded from " + sharedModelRoot + ", asked for " + modelRoot);
    }
    return local;
  }

  /** Chinese words (CTB segmentation); Latin runs and digits come out as their own tokens. */
  @Override
  public List<Token> segment(String text) {
    return tokens(chinese, text, false);
  }

  /** English tokens with lemmas (lower-cased). */
  @Override
  public List<Token> lemmatize(String text) {
    return tokens(english, text, true);
  }

  private static List<Token> tokens(StanfordCoreNLP pipeline, String text, boolean lemmas) {
    Annotation doc = new Annotation(text);
    pipeline.annotate(doc);
    List<CoreLabel> labels = doc.get(CoreAnnotations.TokensAnnotation.class);
    List<Token> out = new ArrayList<>(labels.size());
    for (CoreLabel l : labels) {
      String lemma = lemmas && l.lemma() != null ? l.lemma().toLowerCase() : l.word();
      out.add(new Token(l.beginPosition(), l.endPosition(), l.word(), lemma));
    }
    return out;
  }
}
