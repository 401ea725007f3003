// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import io.servicepulse.qa.inspect.Category;
import io.servicepulse.qa.inspect.SenderRole;
import java.util.Set;

/** One labelled message of the gold set. */
public record GoldRow(
    String id, String language, SenderRole role, String kind, Set<Category> expected, String text) {

  @Override
  public String toString() {
    return id + " " + text;
  }
}
