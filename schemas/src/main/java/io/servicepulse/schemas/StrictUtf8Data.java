// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;

/**
 * The generated classes' data model, except that a string which is not valid UTF-8 fails to decode.
 * Avro's default replaces bad bytes with U+FFFD, which would store a text the sender never wrote
 * (and let the QA inspector judge it) without anyone knowing.
 */
final class StrictUtf8Data extends SpecificData {

  /** A string field held bytes that are not UTF-8. */
  static final class InvalidUtf8Exception extends AvroRuntimeException {
    InvalidUtf8Exception(String message) {
      super(message);
    }
  }

  StrictUtf8Data(SpecificData generated) {
    super(generated.getClassLoader());
    generated.getConversions().forEach(this::addLogicalTypeConversion);
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public DatumReader createDatumReader(Schema writer, Schema reader) {
    return new StrictReader(writer, reader, this);
  }

  private static final class StrictReader<T> extends SpecificDatumReader<T> {
    // One per decoder (a codec is used by one task): strings are read through it, not allocated.
    private Utf8 scratch;

    StrictReader(Schema writer, Schema reader, SpecificData data) {
      super(writer, reader, data);
    }

    @Override
    protected Object readString(Object old, Schema expected, Decoder in) throws IOException {
      if (findStringClass(expected) != String.class) {
        return super.readString(old, expected, in);
      }
      Utf8 raw = scratch = in.readString(scratch);
      String text = new String(raw.getBytes(), 0, raw.getByteLength(), StandardCharsets.UTF_8);
      // U+FFFD is rare and may be genuine (sent as EF BF BD): only then check the bytes strictly.
      if (text.indexOf('\uFFFD') >= 0) {
        try {
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw.getBytes(), 0, raw.getByteLength()));
        } catch (CharacterCodingException e) {
          throw new InvalidUtf8Exception(
              "a string of " + raw.getByteLength() + " bytes is not valid UTF-8");
        }
      }
      return text;
    }
  }
}
