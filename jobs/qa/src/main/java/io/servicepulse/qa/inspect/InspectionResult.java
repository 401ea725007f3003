// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.util.List;

/**
 * What the inspector found in one message.
 *
 * @param flags at most one flag per rule id (the first match), ordered by offset
 * @param maskedText the original text with phone numbers and addresses masked: store this
 * @param inspectorVersion inspector and lexicon version, stored with every flag
 */
public record InspectionResult(List<Flag> flags, String maskedText, String inspectorVersion) {
  public boolean flagged() {
    return !flags.isEmpty();
  }
}
