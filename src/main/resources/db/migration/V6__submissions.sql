-- The educator's workspace for one credential on one course link: the draft (answers and structured evidence as
-- JSON text, mapped by the application), its revision for optimistic locking, and where grades go.
CREATE TABLE workspace (
    id                VARCHAR(36)  NOT NULL,
    registration_id   BIGINT       NOT NULL,
    deployment_id     VARCHAR(255) NOT NULL,
    context_id        VARCHAR(255) NOT NULL,
    resource_link_id  VARCHAR(255) NOT NULL,
    credential_id     VARCHAR(200) NOT NULL,
    owner_subject     VARCHAR(255) NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    draft             TEXT         NOT NULL,
    draft_revision    INT          NOT NULL,
    draft_saved_at    DATETIME(6)  NOT NULL,
    draft_saved_by    VARCHAR(255) NOT NULL,
    submitted_count   INT          NOT NULL,
    grade_target      TEXT         NULL,
    created_at        DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_workspace_owner UNIQUE (registration_id, deployment_id, resource_link_id, owner_subject)
);
CREATE INDEX ix_workspace_course ON workspace (registration_id, deployment_id, context_id);

-- Who may open a workspace: its owner, and for a team credential every member the team added from the roster.
CREATE TABLE workspace_member (
    workspace_id  VARCHAR(36)  NOT NULL,
    subject       VARCHAR(255) NOT NULL,
    name          VARCHAR(255) NOT NULL,
    email         VARCHAR(320) NULL,
    PRIMARY KEY (workspace_id, subject),
    CONSTRAINT fk_workspace_member FOREIGN KEY (workspace_id) REFERENCES workspace (id) ON DELETE CASCADE
);
CREATE INDEX ix_workspace_member_subject ON workspace_member (subject);

-- A submitted version: frozen, never updated.
CREATE TABLE submission_version (
    workspace_id  VARCHAR(36)  NOT NULL,
    number        INT          NOT NULL,
    answers       TEXT         NOT NULL,
    checks        TEXT         NOT NULL,
    submitted_at  DATETIME(6)  NOT NULL,
    submitted_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (workspace_id, number),
    CONSTRAINT fk_submission_version_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
);
