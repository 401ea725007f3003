-- qa_assignments: which reviewer a flagged message is assigned to in the review console queue.
-- One row per assignment; unique by (shop_id, message_id): ReplacingMergeTree(assigned_ms), so the
-- latest assignment of a message wins (assignee '' = unassigned). Read with FINAL.
CREATE TABLE IF NOT EXISTS qa_assignments
(
    message_id  String,
    shop_id     String,
    assignee    String,
    assigned_by String,
    assigned_ms Int64
)
ENGINE = ReplacingMergeTree(assigned_ms)
ORDER BY (shop_id, message_id)
