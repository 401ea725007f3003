// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

/** The label column of a labelled TSV file. */
enum Label {
  OFFENSIVE("1"),
  CIVIL("0"),
  /** Not labelled: the row counts only to the flag rates. */
  UNKNOWN("-");

  private final String code;

  Label(String code) {
    this.code = code;
  }

  String code() {
    return code;
  }

  static Label parse(String code) {
    for (Label l : values()) {
      if (l.code.equals(code)) {
        return l;
      }
    }
    throw new IllegalArgumentException("label must be 1, 0 or -: '" + code + "'");
  }
}
