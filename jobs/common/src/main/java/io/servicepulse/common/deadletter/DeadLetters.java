// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.deadletter;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side output every job uses for inputs it cannot use. */
public final class DeadLetters {

  public static final OutputTag<DeadLetter> TAG =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  private DeadLetters() {}
}
