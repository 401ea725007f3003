// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.util.List;
import java.util.regex.Pattern;

/** A phrase rule (patterns.tsv): a regex run only when one of its triggers occurs. */
record PatternRule(
    String ruleId,
    Category category,
    int severity,
    String language,
    MatchMode mode,
    List<String> triggers,
    Pattern regex) {}
