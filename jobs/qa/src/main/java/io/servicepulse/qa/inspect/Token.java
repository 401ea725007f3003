// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

/** A word found by stage 2, with offsets into the text it was given and its lemma. */
public record Token(int begin, int end, String word, String lemma) {}
