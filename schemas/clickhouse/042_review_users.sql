-- review_users: one row per version of a review-console account: username, bcrypt password hash,
-- role (reviewer | qa_lead | agent | manager), the shops it may see (comma-separated shop ids),
-- the agent id an agent account is (others ''), disabled 1 = may not log in. Unique by username:
-- ReplacingMergeTree(version) on username, version = the change's epoch millis, so the latest
-- change of an account wins. Read with FINAL. Rows are written by the console's create-user command.
CREATE TABLE IF NOT EXISTS review_users
(
    username      String,
    password_hash String,
    role          String,
    shops         String,
    agent_id      String,
    disabled      UInt8,
    version       Int64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY username
