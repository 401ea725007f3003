// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small LRU map of stage-2 results keyed by normalised text: agents send the same quick phrases
 * all day, and a CoreNLP call costs about 2,000 times a stage-1 scan. Synchronised: it is only
 * touched for candidates (~2 % of messages), so contention is negligible.
 */
final class BoundedCache<V> {
  private final Map<String, V> map;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  BoundedCache(int maxEntries) {
    this.map =
        new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > maxEntries;
          }
        };
  }

  synchronized V get(String key) {
    V v = map.get(key);
    (v == null ? misses : hits).incrementAndGet();
    return v;
  }

  synchronized void put(String key, V value) {
    map.put(key, value);
  }

  long hits() {
    return hits.get();
  }

  long misses() {
    return misses.get();
  }

  synchronized int size() {
    return map.size();
  }
}
