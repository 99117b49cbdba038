-- Launches in flight: written by the login initiation, consumed (deleted) by the launch that presents its state.
-- Kept in the database so a login on one node can complete on another.
CREATE TABLE lti_login_state (
    state             VARCHAR(64)   NOT NULL,
    nonce             VARCHAR(64)   NOT NULL,
    registration_id   BIGINT        NOT NULL,
    target_link_uri   VARCHAR(1000) NOT NULL,
    browser_binding   VARCHAR(64)   NOT NULL,
    storage_target    VARCHAR(200)  NULL,
    authorization_url TEXT          NOT NULL,
    login_parameters  TEXT          NOT NULL,
    expires_at        DATETIME(6)   NOT NULL,
    PRIMARY KEY (state),
    CONSTRAINT fk_lti_login_state_registration FOREIGN KEY (registration_id)
        REFERENCES platform_registration (id) ON DELETE CASCADE
);
CREATE INDEX ix_lti_login_state_expires ON lti_login_state (expires_at);

-- Which credential a course link opens: set by the link's custom parameter on its first launch, or chosen by an
-- instructor when the LMS sent none (a link created by hand, or Canvas course navigation).
CREATE TABLE lti_link_placement (
    registration_id  BIGINT       NOT NULL,
    deployment_id    VARCHAR(255) NOT NULL,
    resource_link_id VARCHAR(255) NOT NULL,
    context_id       VARCHAR(255) NOT NULL,
    credential_id    VARCHAR(200) NOT NULL,
    placed_at        DATETIME(6)  NOT NULL,
    PRIMARY KEY (registration_id, deployment_id, resource_link_id),
    CONSTRAINT fk_lti_link_placement_registration FOREIGN KEY (registration_id)
        REFERENCES platform_registration (id) ON DELETE CASCADE
);
