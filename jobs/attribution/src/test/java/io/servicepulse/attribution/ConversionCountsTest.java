// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every measure takes part in the arithmetic, so a field added later cannot be dropped. */
class ConversionCountsTest {

  @Test
  void everyFieldIsAddedComparedAndPrinted() throws Exception {
    List<Field> fields =
        Arrays.stream(ConversionCounts.class.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers()))
            .toList();
    assertThat(fields).extracting(Field::getName).contains("followedUpBuyers");
    String zero = new ConversionCounts().toString();
    for (Field f : fields) {
      ConversionCounts one = new ConversionCounts();
      f.set(one, f.getType() == long.class ? (Object) 1L : BigDecimal.ONE);

      assertThat(one.isZero()).as(f.getName()).isFalse();
      assertThat(one.toString()).as(f.getName()).isNotEqualTo(zero);
      ConversionCounts change = ConversionCounts.difference(one, new ConversionCounts());
      assertThat(change).as(f.getName()).isEqualTo(one);
      assertThat(ConversionCounts.difference(one, one).isZero()).as(f.getName()).isTrue();
    }
  }
}
