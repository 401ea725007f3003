package io.servicepulse.common.decode;

import io.servicepulse.common.deadletter.DeadLetter;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * What a Kafka source yields: the decoded, valid event, or the dead letter that says why the record
 * is unusable (with its address and bytes). Exactly one of the two is set. A Flink POJO.
 */
public class Decoded<T> implements java.io.Serializable {
  public T event;
  public DeadLetter deadLetter;

  public Decoded() {}

  public static <T> Decoded<T> of(T event) {
    Decoded<T> d = new Decoded<>();
    d.event = event;
    return d;
  }

  public static <T> Decoded<T> failed(DeadLetter letter) {
    Decoded<T> d = new Decoded<>();
    d.deadLetter = letter;
    return d;
  }

  public boolean isEvent() {
    return event != null;
  }

  /** The POJO type of {@code Decoded<eventClass>} (the event keeps its own serializer, Avro). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> TypeInformation<Decoded<T>> typeOf(Class<T> eventClass) {
    Map<String, TypeInformation<?>> fields = new HashMap<>();
    fields.put("event", TypeInformation.of(eventClass));
    fields.put("deadLetter", TypeInformation.of(DeadLetter.class));
    return (TypeInformation) Types.POJO(Decoded.class, fields);
  }
}
