// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random values of a job's POJO classes with every field set (nulls, empty and edge values, big
 * decimals, non-Latin-1 text included), for serializer round trips: a field added later without a
 * place in a hand-written format then fails its test.
 */
public final class RandomPojos {

  private static final String[] WORDS = {"agent-1", "agent-2", "团队-甲", "", "PAID", "CNY", "ü"};

  private RandomPojos() {}

  /** A random {@code type} whose fields, and theirs, are all set; the project's classes only. */
  public static <T> T of(Random random, Class<T> type) throws ReflectiveOperationException {
    return type.cast(value(random, type, 0, false));
  }

  private static Object value(Random r, Type type, int depth, boolean nullable)
      throws ReflectiveOperationException {
    Class<?> raw =
        (Class<?>) (type instanceof ParameterizedType p ? p.getRawType() : (Class<?>) type);
    if (nullable && r.nextInt(8) == 0) {
      return null;
    }
    if (raw == String.class) {
      if (r.nextBoolean()) {
        return WORDS[r.nextInt(WORDS.length)];
      }
      StringBuilder b = new StringBuilder();
      for (int i = r.nextInt(12); i > 0; i--) {
        b.append((char) (r.nextInt(4) == 0 ? 0x4e00 + r.nextInt(2000) : 'a' + r.nextInt(26)));
      }
      return b.toString();
    }
    if (raw == long.class || raw == Long.class) {
      long[] edges = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1_764_000_000_000L};
      return r.nextBoolean() ? edges[r.nextInt(edges.length)] : r.nextLong() >> r.nextInt(64);
    }
    if (raw == int.class || raw == Integer.class) {
      int[] edges = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 20_400};
      return r.nextBoolean() ? edges[r.nextInt(edges.length)] : r.nextInt();
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return r.nextBoolean();
    }
    if (raw == BigDecimal.class) {
      return r.nextBoolean()
          ? BigDecimal.valueOf(r.nextInt(1_000_000) - 1000, r.nextInt(4))
          : new BigDecimal(new BigInteger(70 + r.nextInt(60), r).negate(), r.nextInt(12) - 3);
    }
    Type[] args = type instanceof ParameterizedType p ? p.getActualTypeArguments() : new Type[0];
    if (List.class.isAssignableFrom(raw)) {
      List<Object> list = new ArrayList<>();
      for (int i = depth > 3 ? 0 : r.nextInt(5); i > 0; i--) {
        list.add(value(r, args[0], depth + 1, true));
      }
      return list;
    }
    if (Map.class.isAssignableFrom(raw)) {
      Map<Object, Object> map = new HashMap<>();
      for (int i = depth > 3 ? 0 : r.nextInt(4); i > 0; i--) {
        map.put(value(r, args[0], depth + 1, false), value(r, args[1], depth + 1, true));
      }
      return map;
    }
    if (!raw.getName().startsWith("io.servicepulse.")) {
      throw new IllegalArgumentException("not a job's own class: " + raw);
    }
    Object value = raw.getDeclaredConstructor().newInstance();
    for (Field f : raw.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      f.setAccessible(true);
      f.set(value, value(r, f.getGenericType(), depth + 1, !f.getType().isPrimitive()));
    }
    return value;
  }
}
