// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import io.servicepulse.qa.inspect.SenderRole;

/** One message of a labelled TSV file ({@link LabelledTsv}). */
record LabelledRow(String set, String id, SenderRole role, Label label, String text) {}
