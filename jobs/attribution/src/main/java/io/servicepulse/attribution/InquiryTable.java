// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/** Rows of {@code inquiries} (schemas/clickhouse/021_inquiries.sql). */
public final class InquiryTable implements ClickHouseTable<InquiryFact> {

  @Override
  public String name() {
    return "inquiries";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "shop_id",
        "buyer_id",
        "day",
        "is_inquiry",
        "first_inquiry_ms",
        "answered_agent_ids",
        "inquiry_agent_ids",
        "ordered",
        "paid_next_day",
        "paid_in_validity",
        "version",
        "inserted_ms");
  }

  @Override
  public void bind(PreparedStatement st, InquiryFact f, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    st.setString(1, f.shopId);
    st.setString(2, f.buyerId);
    st.setObject(3, LocalDate.ofEpochDay(f.day));
    st.setByte(4, flag(f.inquiry));
    st.setLong(5, f.firstInquiryMs);
    st.setArray(6, StringArrays.of(st, f.answeredAgentIds));
    st.setArray(7, StringArrays.of(st, f.inquiryAgentIds));
    st.setByte(8, flag(f.ordered));
    st.setByte(9, flag(f.paidNextDay));
    st.setByte(10, flag(f.paidInValidity));
    st.setLong(11, f.version);
    st.setLong(12, insertTimeMs);
  }

  @Override
  public String idOf(InquiryFact row) {
    return row.shopId
        + "/"
        + row.buyerId
        + "/"
        + LocalDate.ofEpochDay(row.day)
        + " v"
        + row.version;
  }

  private static byte flag(boolean b) {
    return (byte) (b ? 1 : 0);
  }
}
