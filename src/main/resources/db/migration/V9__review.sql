-- Review: assessors' rubric scores, the decisions the earning rule made, the course's review settings, the key of
-- the blind codes and the log of every identity reveal.

-- One rubric scoring of one submitted version. With one assessor per course (the default) the course's assessors
-- share one row per version (assessor_subject = ''); with double-blind scoring each of the two assigned assessors
-- has their own. Levels and comments are JSON text (component id -> level id / comment). "version" is the
-- optimistic lock: every save must name the version it was typed on, so two assessors (or tabs) saving at once never
-- overwrite each other. Comments are MEDIUMTEXT: six components' feedback in any script can pass TEXT's 64 KB.
CREATE TABLE review (
    id                VARCHAR(36)  NOT NULL,
    registration_id   BIGINT       NOT NULL,
    deployment_id     VARCHAR(255) NOT NULL,
    context_id        VARCHAR(255) NOT NULL,
    workspace_id      VARCHAR(36)  NOT NULL,
    workspace_version INT          NOT NULL,
    assessor_subject  VARCHAR(255) NOT NULL,
    levels            TEXT         NOT NULL,
    comments          MEDIUMTEXT   NOT NULL,
    overall_comment   TEXT         NOT NULL,
    state             VARCHAR(16)  NOT NULL,
    version           INT          NOT NULL,
    saved_by          VARCHAR(255) NOT NULL,
    saved_at          DATETIME(6)  NOT NULL,
    submitted_at      DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_review_seat UNIQUE (workspace_id, workspace_version, assessor_subject)
);
CREATE INDEX ix_review_course ON review (registration_id, deployment_id, context_id);

-- A final decision on a submitted version: the levels, feedback and outcome the educator sees and the gradebook
-- receives. One per version: a second "decide" (another tab, the other assessor) is refused, not recorded twice.
CREATE TABLE review_decision (
    id                VARCHAR(36)  NOT NULL,
    registration_id   BIGINT       NOT NULL,
    deployment_id     VARCHAR(255) NOT NULL,
    context_id        VARCHAR(255) NOT NULL,
    workspace_id      VARCHAR(36)  NOT NULL,
    workspace_version INT          NOT NULL,
    credential_id     VARCHAR(200) NOT NULL,
    outcome           VARCHAR(16)  NOT NULL,
    levels            TEXT         NOT NULL,
    comments          MEDIUMTEXT   NOT NULL,
    overall_comment   TEXT         NOT NULL,
    method            VARCHAR(16)  NOT NULL,
    decided_by        VARCHAR(255) NOT NULL,
    decided_at        DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_review_decision_version UNIQUE (workspace_id, workspace_version)
);
CREATE INDEX ix_review_decision_course ON review_decision (registration_id, deployment_id, context_id);

-- How a course reviews: one assessor (no row, or double_blind false) or two assigned assessors scoring
-- independently. The row is also what a double-blind submission locks, so the two assessors' last submissions are
-- compared one after the other and never both miss each other.
CREATE TABLE review_course_settings (
    registration_id        BIGINT       NOT NULL,
    deployment_id          VARCHAR(255) NOT NULL,
    context_id             VARCHAR(255) NOT NULL,
    double_blind           BOOLEAN      NOT NULL,
    first_assessor_subject VARCHAR(255) NULL,
    first_assessor_name    VARCHAR(255) NULL,
    second_assessor_subject VARCHAR(255) NULL,
    second_assessor_name   VARCHAR(255) NULL,
    updated_by             VARCHAR(255) NOT NULL,
    updated_at             DATETIME(6)  NOT NULL,
    PRIMARY KEY (registration_id, deployment_id, context_id)
);

-- The secret behind the blind codes (E-7K2Q9X): an HMAC of the workspace id, so a code is stable, says nothing about
-- who submitted, and cannot be computed without this row. Generated once, by whichever node needs it first.
CREATE TABLE review_blind_key (
    id          INT          NOT NULL,
    secret      VARCHAR(64)  NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
);

-- Every time an instructor revealed who is behind a blind code: who, when, which workspace. Never deleted.
CREATE TABLE review_identity_reveal (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    registration_id  BIGINT       NOT NULL,
    deployment_id    VARCHAR(255) NOT NULL,
    context_id       VARCHAR(255) NOT NULL,
    workspace_id     VARCHAR(36)  NOT NULL,
    revealed_by      VARCHAR(255) NOT NULL,
    revealed_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_review_identity_reveal_course ON review_identity_reveal (registration_id, deployment_id, context_id);
