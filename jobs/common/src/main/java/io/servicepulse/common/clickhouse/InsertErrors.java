// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import com.clickhouse.client.api.ServerException;
import com.github.housepower.exception.ClickHouseException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a failed INSERT caused by the rows themselves (isolate and dead-letter them) from every
 * other failure (retry, then fail the job). Only the server's "bad value" error codes count as row
 * errors: a missing table, a busy or read-only server, a timeout or an unknown code must never turn
 * good rows into dead letters, since a stuck job loses nothing and a dead-lettered row is lost.
 */
final class InsertErrors {

  /** ClickHouse error codes (src/Common/ErrorCodes.cpp) that are about a value in the data. */
  static final Set<Integer> ROW_DATA_CODES =
      Set.of(
          6, // CANNOT_PARSE_TEXT
          19, // SIZE_OF_FIXED_STRING_DOESNT_MATCH
          25, // CANNOT_PARSE_ESCAPE_SEQUENCE
          26, // CANNOT_PARSE_QUOTED_STRING
          27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
          38, // CANNOT_PARSE_DATE
          41, // CANNOT_PARSE_DATETIME
          53, // TYPE_MISMATCH
          69, // ARGUMENT_OUT_OF_BOUND
          70, // CANNOT_CONVERT_TYPE
          72, // CANNOT_PARSE_NUMBER
          117, // INCORRECT_DATA
          128, // TOO_LARGE_ARRAY_SIZE
          130, // CANNOT_READ_ARRAY_FROM_TEXT
          131, // TOO_LARGE_STRING_SIZE
          190, // SIZES_OF_ARRAYS_DOESNT_MATCH
          321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
          349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
          376, // CANNOT_PARSE_UUID
          407, // DECIMAL_OVERFLOW
          441, // CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING
          467, // CANNOT_PARSE_BOOL
          469, // VIOLATED_CONSTRAINT
          691 // UNKNOWN_ELEMENT_OF_ENUM (current servers, e.g. 26.x; 18.16 has no such code)
          );

  private static final Pattern CODE_IN_TEXT = Pattern.compile("Code: (\\d{1,6})\\b");

  private InsertErrors() {}

  /**
   * Whether {@code error} says the server refused a value of the batch. A server error code
   * anywhere in the cause chain decides: the native driver puts it in JDBC's vendor code, the
   * official one wraps a {@link ServerException} in an SQLException with code 0 and SQLState 22000
   * whatever the error, a missing table included. Without a code, only a JDBC data exception
   * (SQLState class 22) counts, whatever the driver.
   */
  static boolean isRowError(Throwable error) {
    int code = serverCode(error);
    if (code > 0) {
      return ROW_DATA_CODES.contains(code);
    }
    for (Throwable e = error; e != null; e = next(e)) {
      if (e instanceof ServerException) {
        return false; // a server error of unknown code: its wrapper's 22000 says nothing
      }
    }
    for (Throwable e = error; e != null; e = next(e)) {
      if (e instanceof SQLDataException
          || (e instanceof SQLException sql
              && sql.getSQLState() != null
              && sql.getSQLState().startsWith("22"))) {
        return true;
      }
    }
    return false;
  }

  /** The first server error code in the cause chain of {@code error}, or 0 if none. */
  static int serverCode(Throwable error) {
    for (Throwable e = error; e != null; e = next(e)) {
      int code = code(e);
      if (code > 0) {
        return code;
      }
    }
    return 0;
  }

  /** The server error code carried by {@code e}, or 0 if none (housepower uses -1 client-side). */
  static int code(Throwable e) {
    if (e instanceof SQLException sql) {
      return sql.getErrorCode();
    }
    if (e instanceof ClickHouseException ch) {
      return ch.errCode();
    }
    if (e instanceof ServerException server) {
      if (server.getCode() > 0) {
        return server.getCode();
      }
      // Servers that send no X-ClickHouse-Exception-Code header (18.16) leave the code in the text.
      Matcher m = CODE_IN_TEXT.matcher(String.valueOf(server.getMessage()));
      return m.lookingAt() ? Integer.parseInt(m.group(1)) : 0;
    }
    return 0;
  }

  private static Throwable next(Throwable e) {
    if (e.getCause() != null && e.getCause() != e) {
      return e.getCause();
    }
    return e instanceof SQLException sql ? sql.getNextException() : null;
  }
}
