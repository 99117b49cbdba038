-- Evidence bytes, stored once per content under their SHA-256 (EvidenceStore). ref_count is the number of
-- evidence_file rows naming the blob (as file or thumbnail); the blob is deleted with its row when it reaches 0.
-- This row is also the lock that keeps an upload and a delete of equal bytes from losing the blob between them.
CREATE TABLE evidence_blob (
    sha256     CHAR(64)    NOT NULL,
    size       BIGINT      NOT NULL,
    ref_count  INT         NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (sha256)
);

-- One uploaded file of one workspace. owner_key is the SHA-256 of the four owner columns: one short indexable key
-- (three 255-character ids would pass MySQL's 3072-byte index limit); queries still compare all four columns.
-- No foreign key to platform_registration: a cascade would drop rows without releasing their blobs.
CREATE TABLE evidence_file (
    id               VARCHAR(32)  NOT NULL,
    owner_key        CHAR(64)     NOT NULL,
    registration_id  BIGINT       NOT NULL,
    deployment_id    VARCHAR(255) NOT NULL,
    context_id       VARCHAR(255) NOT NULL,
    workspace_id     VARCHAR(255) NOT NULL,
    slot_id          VARCHAR(200) NOT NULL,
    display_name     VARCHAR(255) NOT NULL,
    media_type       VARCHAR(255) NOT NULL,
    kind             VARCHAR(16)  NOT NULL,
    size             BIGINT       NOT NULL,
    sha256           CHAR(64)     NOT NULL,
    thumbnail_sha256 CHAR(64)     NULL,
    taken_at         DATETIME(6)  NULL,
    width            INT          NOT NULL,
    height           INT          NOT NULL,
    uploaded_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_evidence_file_blob FOREIGN KEY (sha256) REFERENCES evidence_blob (sha256),
    CONSTRAINT fk_evidence_file_thumbnail FOREIGN KEY (thumbnail_sha256) REFERENCES evidence_blob (sha256)
);
CREATE INDEX ix_evidence_file_owner ON evidence_file (owner_key, uploaded_at);

-- Bytes stored per workspace, kept in step with evidence_file in the same transactions. The per-submission limit is
-- a conditional UPDATE of this row, so two uploads at once cannot both pass it.
CREATE TABLE evidence_usage (
    owner_key       CHAR(64)     NOT NULL,
    registration_id BIGINT       NOT NULL,
    deployment_id   VARCHAR(255) NOT NULL,
    context_id      VARCHAR(255) NOT NULL,
    workspace_id    VARCHAR(255) NOT NULL,
    bytes_used      BIGINT       NOT NULL,
    PRIMARY KEY (owner_key)
);
