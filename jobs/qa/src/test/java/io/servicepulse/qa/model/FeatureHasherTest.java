// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureHasherTest {
  private final FeatureHasher hasher = new FeatureHasher(18);

  private List<Integer> buckets(String text) {
    List<Integer> out = new ArrayList<>();
    int n = hasher.features(text, out::add);
    assertThat(out).hasSize(n);
    return out;
  }

  @Test
  void charOneToFourGramsPlusWordUnigramsAndBigrams() {
    // "ab": char grams a, ab, b (3); one word "ab" (1)
    assertThat(buckets("ab")).hasSize(4);
    // "傻子你": char grams 3 + 2 + 1 = 6, no Latin words
    assertThat(buckets("傻子你")).hasSize(6);
    // "you suck": 8 chars -> 5*4 + 3 + 2 + 1 = 26 char grams; words you, suck, bigram = 3
    assertThat(buckets("you suck")).hasSize(29);
    assertThat(buckets("")).isEmpty();
  }

  @Test
  void handlesAndLinksGiveNoWordFeatures() {
    int plain = buckets("hi x").size();
    int handle = buckets("hi @x").size();
    // one more char (5 instead of 4 chars: +4 char grams), word "x" skipped and its bigram too
    assertThat(handle).isEqualTo(plain + 4 - 2);
    List<Integer> link = buckets("http");
    assertThat(link).hasSize(4 + 3 + 2 + 1);
  }

  @Test
  void bucketsAreDeterministicAndInRange() {
    String text = "你们这些客服都是废物 you are all idiots";
    List<Integer> a = buckets(text);
    List<Integer> b = buckets(text);
    assertThat(a).isEqualTo(b);
    assertThat(a).allMatch(x -> x >= 0 && x < hasher.buckets());
    // pinned: a change of the hashing silently invalidates the shipped model
    assertThat(buckets("ab").subList(0, 2)).isEqualTo(pinnedFirstTwo());
  }

  private List<Integer> pinnedFirstTwo() {
    int a = FeatureHasher.fmix((0x811C9DC5 ^ 'a') * 0x01000193) & (hasher.buckets() - 1);
    int ab =
        FeatureHasher.fmix((((0x811C9DC5 ^ 'a') * 0x01000193) ^ 'b') * 0x01000193)
            & (hasher.buckets() - 1);
    return List.of(a, ab);
  }

  @Test
  void weightedSumIsTheLengthNormalisedSumOfTheBuckets() {
    float[] w = new float[hasher.buckets()];
    Arrays.fill(w, 0.5f);
    String text = "you suck";
    assertThat(hasher.weightedSum(text, w)).isCloseTo(0.5 * 29 / Math.sqrt(29), within());
    assertThat(hasher.weightedSum("", w)).isZero();
  }

  @Test
  void rejectsSillySizes() {
    assertThatThrownBy(() -> new FeatureHasher(4)).isInstanceOf(IllegalArgumentException.class);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }
}
