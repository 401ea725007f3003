// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Navigation in parsed YAML (maps, lists, scalars). */
final class Maps {

  private Maps() {}

  /** The value at a path of map keys, or null when a step is missing. */
  static Object get(Object node, String... path) {
    Object current = node;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object node, String... path) {
    Object value = get(node, path);
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, String... path) {
    Object value = get(node, path);
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** Calls back for every map entry anywhere below node, with the map holding it. */
  static void walk(Object node, BiConsumer<Map<?, ?>, Map.Entry<?, ?>> visitor) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : new ArrayList<>(map.entrySet())) {
        visitor.accept(map, e);
        walk(e.getValue(), visitor);
      }
    } else if (node instanceof List<?> list) {
      for (Object item : list) {
        walk(item, visitor);
      }
    }
  }
}
