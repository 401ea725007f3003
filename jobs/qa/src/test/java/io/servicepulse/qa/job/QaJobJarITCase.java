// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.qa.inspect.CoreNlpAnalyzer;
import io.servicepulse.qa.inspect.SenderRole;
import io.servicepulse.qa.inspect.SharedInspector;
import io.servicepulse.qa.inspect.TextInspector;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The trimmed job jar (CoreNLP without its server/XML dependencies, opencc4j without its phrase
 * dictionary) still segments, tags, lemmatises and inspects as the module's own classpath does. The
 * jar is loaded on its own, beside the extracted models and SLF4J (what a cluster provides), with
 * nothing of this test's classpath visible.
 */
class QaJobJarITCase {

  private static final List<String> CHINESE =
      List.of("你就是个白痴客服", "你就是個白癡客服", "垃圾袋放门口", "这个宝贝不是骗子卖的", "滚筒洗衣机", "亲，今天下午就给您发货哦");
  private static final List<String> ENGLISH =
      List.of(
          "you fucking idiots",
          "bitches be crazy",
          "Thanks, the parcels were shipped yesterday.",
          "Stop lying to your customers!");

  @Test
  void theJobJarAnalysesAndInspectsLikeTheClasspath() throws Exception {
    Path jar = Path.of(System.getProperty("qa.job.jar"));
    Path models = Path.of(System.getProperty("qa.models.dir"));
    assertThat(jar).as("job jar (built by package)").isRegularFile();
    assertThat(models).isDirectory();
    URL slf4j = LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {jar.toUri().toURL(), models.toUri().toURL(), slf4j},
            ClassLoader.getPlatformClassLoader())) {
      Class<?> analyzerClass = loader.loadClass(CoreNlpAnalyzer.class.getName());
      assertThat(Path.of(analyzerClass.getProtectionDomain().getCodeSource().getLocation().toURI()))
          .isEqualTo(jar);
      Object analyzer = analyzerClass.getMethod("shared", String.class).invoke(null, (Object) null);
      CoreNlpAnalyzer expectedAnalyzer = CoreNlpAnalyzer.shared(null);
      Method segment = analyzerClass.getMethod("segment", String.class);
      Method lemmatize = analyzerClass.getMethod("lemmatize", String.class);
      for (String text : CHINESE) {
        assertThat(segment.invoke(analyzer, text).toString())
            .as(text)
            .isEqualTo(expectedAnalyzer.segment(text).toString());
      }
      for (String text : ENGLISH) {
        assertThat(lemmatize.invoke(analyzer, text).toString())
            .as(text)
            .isEqualTo(expectedAnalyzer.lemmatize(text).toString());
      }
      assertThat((List<?>) segment.invoke(analyzer, "你就是个白痴客服")).hasSizeGreaterThan(2);
      assertThat(lemmatize.invoke(analyzer, "you fucking idiots").toString())
          .contains("lemma=idiot]");

      Class<?> inspectorClass = loader.loadClass(TextInspector.class.getName());
      Object inspector =
          inspectorClass.getMethod("create", String.class, int.class).invoke(null, null, 100);
      Class<?> roleClass = loader.loadClass(SenderRole.class.getName());
      Method inspect = inspectorClass.getMethod("inspect", String.class, roleClass);
      TextInspector expectedInspector = SharedInspector.get();
      int flagged = 0;
      for (String text : concat(CHINESE, ENGLISH)) {
        for (SenderRole role : List.of(SenderRole.AGENT, SenderRole.BUYER)) {
          Object result = inspect.invoke(inspector, text, roleEnum(roleClass, role.name()));
          List<?> flags = (List<?>) result.getClass().getMethod("flags").invoke(result);
          assertThat(flags.toString())
              .as("%s (%s)", text, role)
              .isEqualTo(expectedInspector.inspect(text, role).flags().toString());
          flagged += flags.isEmpty() ? 0 : 1;
        }
      }
      assertThat(flagged).as("flagged inspections").isGreaterThanOrEqualTo(4);
      assertThat((long) inspectorClass.getMethod("stage2Candidates").invoke(inspector))
          .as("texts that needed CoreNLP")
          .isPositive();
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object roleEnum(Class<?> roleClass, String name) {
    return Enum.valueOf((Class) roleClass, name);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
