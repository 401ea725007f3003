// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales;

/** Binding helpers shared by the job's tables. */
final class Rows {

  private Rows() {}

  /** Nullable ids are stored as '' (ClickHouse columns are not Nullable). */
  static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
