package io.servicepulse.review.queue;

/** The queue's two tabs: what agents said to buyers, and buyers' abuse of agents. */
public enum Tab {
  AGENT_MISCONDUCT("agent", "客服违规", "Agent misconduct"),
  BUYER_ABUSE("buyer", "买家辱骂客服", "Buyer abuse of agents");

  private final String id;
  private final String zh;
  private final String en;

  Tab(String id, String zh, String en) {
    this.id = id;
    this.zh = zh;
    this.en = en;
  }

  public String id() {
    return id;
  }

  public String zh() {
    return zh;
  }

  public String en() {
    return en;
  }

  /** BUYER messages are abuse of the agent; AGENT and BOT messages are the shop's conduct. */
  public static Tab ofSenderRole(String senderRole) {
    return "BUYER".equals(senderRole) ? BUYER_ABUSE : AGENT_MISCONDUCT;
  }

  /** The tab of a URL parameter; the agent tab when absent or unknown. */
  public static Tab parse(String id) {
    return BUYER_ABUSE.id.equals(id) ? BUYER_ABUSE : AGENT_MISCONDUCT;
  }
}
