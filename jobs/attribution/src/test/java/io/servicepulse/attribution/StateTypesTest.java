// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/** State and records are Flink POJOs all the way down: no Kryo, so savepoints can evolve. */
class StateTypesTest {

  @Test
  void stateAndOutputTypesAreSerializedWithoutKryo() {
    for (Class<?> type :
        new Class<?>[] {
          BuyerState.class,
          OrderTrack.class,
          Decision.class,
          ConversionDelta.class,
          ConversionRow.class,
          OrderAttributionFact.class,
          InquiryFact.class
        }) {
      TypeInformation<?> info = TypeInformation.of(type);
      assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
      PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
      for (int i = 0; i < pojo.getArity(); i++) {
        assertThat(pojo.getPojoFieldAt(i).getTypeInformation())
            .as(type.getSimpleName() + "." + pojo.getPojoFieldAt(i).getField().getName())
            .isNotInstanceOf(GenericTypeInfo.class);
      }
    }
  }
}
