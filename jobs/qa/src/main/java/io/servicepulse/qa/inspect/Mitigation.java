// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

/** Why a flag's severity was lowered; a mitigated flag is still reported. */
public enum Mitigation {
  NONE,
  /** A negator precedes the match: "我没有说你是骗子", "not an idiot". */
  NEGATED,
  /** The match quotes the other person: "您说的“垃圾客服”", "you said ...". */
  QUOTED
}
