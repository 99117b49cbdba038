-- Credentials: the issuer's signing keys, the Open Badges 3.0 credentials issued on an Earned decision, their
-- revocations, the share links educators give universities (and every opening of them), and credit requests.

-- The credential issuer's RSA keys. Not the LTI keys, which rotate away within the hour: a credential must verify
-- for as long as it exists, so issuer keys are never deleted (credentials reference them) and all of them are
-- published in /.well-known/jwks.json. kid is a URL that answers with the public key. private_jwk is the private JWK
-- encrypted with AES-256-GCM under a key derived from the tool's master key ("v1:" + base64 of IV and ciphertext);
-- public_jwk is plain, so credentials stay verifiable even if the master key is lost. generation is unique so that
-- two nodes making the first key at once end up with one.
CREATE TABLE credential_issuer_key (
    kid          VARCHAR(255) NOT NULL,
    generation   INT          NOT NULL,
    algorithm    VARCHAR(16)  NOT NULL,
    public_jwk   TEXT         NOT NULL,
    private_jwk  TEXT         NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (kid),
    CONSTRAINT uq_credential_issuer_key_generation UNIQUE (generation)
);

-- One issued credential per person and Earned decision (a team's decision issues one per member); the unique key
-- makes a replayed decision event issue nothing twice. compact_jwt is the signed credential (the proof);
-- credential_json is the same credential without the JWT claims, as people download it. Both can pass TEXT's 64 KB
-- with a long rubric, hence MEDIUMTEXT. rubric_levels is JSON text (component id -> level id). earner_name is kept
-- for the evidence record and share links; the email is never stored here, only hashed into the credential.
CREATE TABLE credential (
    id                 VARCHAR(36)  NOT NULL,
    decision_id        VARCHAR(64)  NOT NULL,
    member_subject     VARCHAR(255) NOT NULL,
    registration_id    BIGINT       NOT NULL,
    deployment_id      VARCHAR(255) NOT NULL,
    context_id         VARCHAR(255) NOT NULL,
    resource_link_id   VARCHAR(255) NULL,
    workspace_id       VARCHAR(36)  NOT NULL,
    workspace_version  INT          NOT NULL,
    definition_id      VARCHAR(200) NOT NULL,
    title              VARCHAR(500) NOT NULL,
    earner_name        VARCHAR(255) NOT NULL,
    team_size          INT          NOT NULL,
    rubric_levels      TEXT         NOT NULL,
    decided_at         DATETIME(6)  NOT NULL,
    issued_at          DATETIME(6)  NOT NULL,
    valid_until        DATETIME(6)  NULL,
    key_id             VARCHAR(255) NOT NULL,
    credential_json    MEDIUMTEXT   NOT NULL,
    compact_jwt        MEDIUMTEXT   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_credential_decision_member UNIQUE (decision_id, member_subject),
    CONSTRAINT fk_credential_key FOREIGN KEY (key_id) REFERENCES credential_issuer_key (kid)
);
CREATE INDEX ix_credential_person ON credential (registration_id, member_subject);
CREATE INDEX ix_credential_course ON credential (registration_id, deployment_id, context_id);

-- A revoked credential: by whom (an administrator or a course instructor), when and why. The verification page and
-- the public revocation list (/credentials/revocations) show the reason. At most one per credential.
CREATE TABLE credential_revocation (
    credential_id  VARCHAR(36)  NOT NULL,
    reason         TEXT         NOT NULL,
    revoked_by     VARCHAR(255) NOT NULL,
    revoked_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (credential_id),
    CONSTRAINT fk_credential_revocation_credential FOREIGN KEY (credential_id) REFERENCES credential (id)
);

-- A link an educator gives a university: an unguessable token (32 random bytes, base64url) that shows one
-- credential, and its artifacts read-only when include_artifacts is set, until it expires or is revoked.
CREATE TABLE credential_share (
    token              VARCHAR(64)  NOT NULL,
    credential_id      VARCHAR(36)  NOT NULL,
    label              VARCHAR(200) NOT NULL,
    include_artifacts  BOOLEAN      NOT NULL,
    created_at         DATETIME(6)  NOT NULL,
    expires_at         DATETIME(6)  NOT NULL,
    revoked_at         DATETIME(6)  NULL,
    PRIMARY KEY (token),
    CONSTRAINT fk_credential_share_credential FOREIGN KEY (credential_id) REFERENCES credential (id)
);
CREATE INDEX ix_credential_share_credential ON credential_share (credential_id);

-- Every opening of a share link (the page, the evidence record or a file). visitor is a truncated, salted hash of
-- the visitor's network (IPv4 /24, IPv6 /48): enough to tell visitors apart, not to name anyone.
CREATE TABLE credential_share_open (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    token      VARCHAR(64)  NOT NULL,
    opened_at  DATETIME(6)  NOT NULL,
    what       VARCHAR(16)  NOT NULL,
    visitor    VARCHAR(16)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_credential_share_open_share FOREIGN KEY (token) REFERENCES credential_share (token)
);
CREATE INDEX ix_credential_share_open_token ON credential_share_open (token, opened_at);

-- An educator's request for graduate credit at a university partner (partners are configuration, so partner_id is
-- not a foreign key), with the share link the partner's reviewer opens. status: PENDING, ACCEPTED or DECLINED; a
-- decision is recorded once (the update is conditional on PENDING). The requester's name and email are those the
-- LMS gave when the educator sent the request: the registrar needs them.
CREATE TABLE credit_request (
    id               VARCHAR(36)   NOT NULL,
    credential_id    VARCHAR(36)   NOT NULL,
    partner_id       VARCHAR(100)  NOT NULL,
    share_token      VARCHAR(64)   NOT NULL,
    requester_name   VARCHAR(255)  NOT NULL,
    requester_email  VARCHAR(320)  NULL,
    message          TEXT          NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    credits_granted  DECIMAL(7, 2) NULL,
    decision_note    TEXT          NULL,
    decided_by       VARCHAR(255)  NULL,
    requested_at     DATETIME(6)   NOT NULL,
    decided_at       DATETIME(6)   NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_credit_request_credential FOREIGN KEY (credential_id) REFERENCES credential (id),
    CONSTRAINT fk_credit_request_share FOREIGN KEY (share_token) REFERENCES credential_share (token)
);
CREATE INDEX ix_credit_request_partner ON credit_request (partner_id, requested_at);
CREATE INDEX ix_credit_request_credential ON credit_request (credential_id);
