// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import java.util.Random;

/**
 * Independent random streams derived from the seed, one per buyer or concern, so that changing one
 * buyer's script never shifts another's (java.util.Random's sequence is specified, hence stable
 * across JVMs).
 */
final class Rngs {

  private Rngs() {}

  static Random derive(long seed, long... path) {
    long h = mix(seed);
    for (long part : path) {
      h = mix(h ^ mix(part + 0x9E3779B97F4A7C15L));
    }
    return new Random(h);
  }

  /** SplitMix64 finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long between(Random rng, long fromInclusive, long toExclusive) {
    return fromInclusive + (long) (rng.nextDouble() * (toExclusive - fromInclusive));
  }

  /** Always draws, so a rate of 0 does not reshape the rest of the scenario. */
  static boolean chance(Random rng, double p) {
    return rng.nextDouble() < p;
  }
}
