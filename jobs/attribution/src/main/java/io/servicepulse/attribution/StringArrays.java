// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** ClickHouse Array(String) parameters. */
final class StringArrays {

  private StringArrays() {}

  static Array of(PreparedStatement st, List<String> values) throws SQLException {
    return st.getConnection().createArrayOf("String", values.toArray());
  }
}
