// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

/**
 * One finding in one message.
 *
 * @param start offset of the first char of the match in the ORIGINAL text
 * @param end offset after the last char of the match in the ORIGINAL text
 * @param text the original text of the match (unmasked; the job stores {@link
 *     InspectionResult#maskedText()})
 * @param language "zh" or "en": the language of the rule that matched
 */
public record Flag(
    Category category,
    int severity,
    String ruleId,
    int start,
    int end,
    String text,
    String language,
    Mitigation mitigation) {}
