// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.ServerException;
import com.github.housepower.exception.ClickHouseException;
import com.github.housepower.exception.ClickHouseSQLException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InsertErrorsTest {

  @ParameterizedTest(name = "server error {0} is transient")
  @ValueSource(
      ints = {
        60, // UNKNOWN_TABLE: table dropped or not yet created
        81, // UNKNOWN_DATABASE
        16, // NO_SUCH_COLUMN_IN_TABLE: schema not migrated yet
        252, // TOO_MANY_PARTS
        241, // MEMORY_LIMIT_EXCEEDED
        173, // CANNOT_ALLOCATE_MEMORY
        159, // TIMEOUT_EXCEEDED
        209, // SOCKET_TIMEOUT
        210, // NETWORK_ERROR
        164, // READONLY
        242, // TABLE_IS_READ_ONLY
        225, // NO_ZOOKEEPER
        202, // TOO_MANY_SIMULTANEOUS_QUERIES
        243, // NOT_ENOUGH_SPACE
        62, // SYNTAX_ERROR: our SQL, not the row
        1002, // UNKNOWN_EXCEPTION
        9999 // a code this build does not know
      })
  void serverErrorsNotAboutAValueAreTransient(int code) {
    assertThat(InsertErrors.isRowError(new ClickHouseSQLException(code, "DB::Exception: x")))
        .isFalse();
  }

  @ParameterizedTest(name = "server error {0} is about the row")
  @ValueSource(ints = {6, 27, 38, 41, 53, 70, 72, 117, 131, 321, 349, 376, 407, 469, 691})
  void badValueErrorsAreRowErrors(int code) {
    assertThat(InsertErrors.isRowError(new ClickHouseSQLException(code, "DB::Exception: x")))
        .isTrue();
  }

  @Test
  void networkFailuresWithoutACodeAreTransient() {
    assertThat(
            InsertErrors.isRowError(
                new SQLException("Read timed out", new SocketTimeoutException("Read timed out"))))
        .isFalse();
    assertThat(InsertErrors.isRowError(new SQLException("refused", new ConnectException())))
        .isFalse();
    assertThat(InsertErrors.isRowError(new IllegalStateException("driver bug"))).isFalse();
  }

  @Test
  void theServersCodeIsFoundWhereverTheDriverWrapsIt() {
    // The native driver's client code (-2, UNKNOWN_ERROR) wraps the server's.
    SQLException wrapped =
        new ClickHouseSQLException(-2, "wrapped", new ClickHouseException(53, "Type mismatch"));
    assertThat(InsertErrors.isRowError(wrapped)).isTrue();
    assertThat(InsertErrors.isRowError(new RuntimeException(new ClickHouseSQLException(60, "x"))))
        .isFalse();
  }

  @Test
  void anyDriversDataExceptionIsARowError() {
    assertThat(InsertErrors.isRowError(new SQLDataException("numeric value out of range")))
        .isTrue();
    assertThat(InsertErrors.isRowError(new SQLException("bad", "22003"))).isTrue();
    assertThat(InsertErrors.isRowError(new SQLException("connection lost", "08006"))).isFalse();
  }

  /**
   * What the official driver throws for a server error: code 0, SQLState 22000, whatever it is; its
   * cause carries the code the server sent in a header (current servers) or 0 (18.16).
   */
  private static SQLException official(int headerCode, String text) {
    return new SQLException(text, "22000", 0, new ServerException(headerCode, text, 500, "q"));
  }

  private static SQLException official(int code) {
    return official(code, "Code: " + code + ". DB::Exception: x");
  }

  @Test
  void theOfficialDriversServerCodeDecidesNotItsDataExceptionState() {
    // A missing table must not dead-letter good rows although the wrapper says "data exception".
    assertThat(InsertErrors.isRowError(official(60))).isFalse();
    assertThat(InsertErrors.isRowError(official(241))).isFalse();
    assertThat(InsertErrors.isRowError(official(376))).isTrue();
    assertThat(InsertErrors.serverCode(official(60))).isEqualTo(60);
    // 18.16 sends no code header: the text's code decides; no code at all is transient.
    String missing = "Code: 60, e.displayText() = DB::Exception: Table x doesn't exist.";
    assertThat(InsertErrors.isRowError(official(0, missing))).isFalse();
    assertThat(InsertErrors.isRowError(official(0, "Code: 376, e.displayText() = uuid"))).isTrue();
    assertThat(InsertErrors.isRowError(official(0, "something went wrong"))).isFalse();
  }
}
