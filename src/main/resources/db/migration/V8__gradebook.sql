-- Gradebook: the outbox of scores to deliver through AGS, the columns they go to, and the worker's queue.

-- Every score the tool owes a platform: one row per person and event (a team decision makes one per member). The
-- row is written by the listener of SubmissionSubmitted / DecisionRecorded in the same transaction that queues its
-- execution in scheduled_tasks, and is never deleted: it is the history the instructor's gradebook page shows.
-- A "cell" is (registration, deployment, resource link, user): one placement has one gradebook column, and a newer
-- row of a cell supersedes older undelivered ones.
CREATE TABLE score_delivery (
    id                   BIGINT        NOT NULL AUTO_INCREMENT,
    registration_id      BIGINT        NOT NULL,
    deployment_id        VARCHAR(255)  NOT NULL,
    context_id           VARCHAR(255)  NOT NULL,
    resource_link_id     VARCHAR(255)  NOT NULL,
    user_id              VARCHAR(255)  NOT NULL,
    workspace_id         VARCHAR(100)  NOT NULL,
    workspace_version    INT           NOT NULL,
    credential_id        VARCHAR(200)  NOT NULL,
    -- What the row answers, so a republished event adds nothing: decision:<id> or submission:<workspace>:<version>.
    event_key            VARCHAR(200)  NOT NULL,
    kind                 VARCHAR(16)   NOT NULL,
    outcome              VARCHAR(16)   NULL,
    feedback             TEXT          NULL,
    product_family       VARCHAR(100)  NULL,
    line_items_url       VARCHAR(1000) NULL,
    launch_line_item_url VARCHAR(1000) NULL,
    scopes               VARCHAR(1000) NOT NULL,
    resource_link_title  VARCHAR(255)  NULL,
    -- When the submission or decision happened: orders the rows of a cell, whatever order the events arrive in.
    occurred_at          DATETIME(6)   NOT NULL,
    recorded_at          DATETIME(6)   NOT NULL,
    state                VARCHAR(16)   NOT NULL,
    failed_attempts      INT           NOT NULL,
    next_attempt_at      DATETIME(6)   NULL,
    line_item_url        VARCHAR(1000) NULL,
    score_given          DOUBLE        NULL,
    score_maximum        DOUBLE        NULL,
    sent_timestamp       DATETIME(6)   NULL,
    delivered_at         DATETIME(6)   NULL,
    problem              VARCHAR(32)   NULL,
    problem_detail       VARCHAR(1000) NULL,
    updated_at           DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_score_delivery_event UNIQUE (event_key, user_id)
);
CREATE INDEX ix_score_delivery_cell ON score_delivery (registration_id, deployment_id, resource_link_id, user_id);
CREATE INDEX ix_score_delivery_course ON score_delivery (registration_id, deployment_id, context_id);
CREATE INDEX ix_score_delivery_state ON score_delivery (state);

-- The gradebook column of each placement, so every delivery of a link goes to the same line item and the tool
-- never creates a second column for it. A column found or created by the tool is resolved under this row's lock
-- (SELECT ... FOR UPDATE), so two nodes never both create one.
CREATE TABLE gradebook_column (
    registration_id    BIGINT        NOT NULL,
    deployment_id      VARCHAR(255)  NOT NULL,
    resource_link_id   VARCHAR(255)  NOT NULL,
    context_id         VARCHAR(255)  NOT NULL,
    line_item_url      VARCHAR(1000) NULL,
    score_maximum      DOUBLE        NULL,
    checked_at         DATETIME(6)   NULL,
    -- A line item the platform answered 404 for: not used again, a resend finds or creates another.
    gone_line_item_url VARCHAR(1000) NULL,
    PRIMARY KEY (registration_id, deployment_id, resource_link_id)
);

-- The last score timestamp sent per line item and person. Platforms refuse a score that is not later than the one
-- they hold (Moodle: 409 at one-second resolution; Canvas: 400 when earlier), so every score gets
-- max(now, last + 1 s) in whole seconds. The key is a SHA-256 of registration and line item URL: URLs are too long
-- for an index. The row is created before its first score (last_timestamp NULL) and then only locked by its key.
CREATE TABLE gradebook_score_clock (
    line_item_key   CHAR(64)      NOT NULL,
    user_id         VARCHAR(255)  NOT NULL,
    registration_id BIGINT        NOT NULL,
    line_item_url   VARCHAR(1000) NOT NULL,
    last_timestamp  DATETIME(6)   NULL,
    PRIMARY KEY (line_item_key, user_id)
);

-- db-scheduler's queue (com.github.kagkarlsson:db-scheduler): one row per execution due, picked with an optimistic
-- version check, so nodes sharing the database share the work without SKIP LOCKED; a node that dies stops its
-- heartbeat and another revives its executions. Same columns as the library's MySQL schema, with DATETIME(6)
-- instead of TIMESTAMP(6): MariaDB before 10.10 gives the first TIMESTAMP NOT NULL column ON UPDATE
-- CURRENT_TIMESTAMP, and the scheduler writes UTC itself (alwaysPersistTimestampInUTC).
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BLOB         NULL,
    execution_time       DATETIME(6)  NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(50)  NULL,
    last_success         DATETIME(6)  NULL,
    last_failure         DATETIME(6)  NULL,
    consecutive_failures INT          NULL,
    last_heartbeat       DATETIME(6)  NULL,
    version              BIGINT       NOT NULL,
    priority             SMALLINT     NULL,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX ix_scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX ix_scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX ix_scheduled_tasks_priority_time ON scheduled_tasks (priority, execution_time);
