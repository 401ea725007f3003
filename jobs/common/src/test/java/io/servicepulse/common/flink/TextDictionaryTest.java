// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class TextDictionaryTest {

  @Test
  void stringsComeBackInOrderWithNullsAndTextOfAnyScript() throws IOException {
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      strings.addAll(Arrays.asList("agent-" + (i % 7), null, "", "客服-小王", "ü" + i % 3));
    }
    byte[] bytes = write(strings);
    TextDictionary.Reader reader = new TextDictionary.Reader(new DataInputDeserializer(bytes));
    List<String> read = new ArrayList<>();
    for (int i = 0; i < strings.size(); i++) {
      read.add(reader.read());
    }
    assertThat(read).isEqualTo(strings);
  }

  @Test
  void aRepeatedStringCostsOneByte() throws IOException {
    int once = write(List.of("agent-000042")).length;
    int tenTimes = write(java.util.Collections.nCopies(10, "agent-000042")).length;
    assertThat(tenTimes - once).isEqualTo(9);
  }

  @Test
  void anIndexBeyondWhatWasReadIsAnError() {
    byte[] bytes = {5};
    TextDictionary.Reader reader = new TextDictionary.Reader(new DataInputDeserializer(bytes));
    assertThatThrownBy(reader::read)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("index 3");
  }

  private static byte[] write(List<String> strings) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TextDictionary.Writer writer = new TextDictionary.Writer(out);
    for (String s : strings) {
      writer.write(s);
    }
    return out.getCopyOfBuffer();
  }
}
