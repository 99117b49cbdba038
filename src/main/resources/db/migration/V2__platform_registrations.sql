-- Learning platforms the tool trusts. deployment_id is unique only within (issuer, client_id); several
-- registrations may share an issuer (self-hosted Canvas).
CREATE TABLE platform_registration (
    id                     BIGINT        NOT NULL AUTO_INCREMENT,
    name                   VARCHAR(200)  NOT NULL,
    issuer                 VARCHAR(255)  NOT NULL,
    client_id              VARCHAR(255)  NOT NULL,
    authorization_endpoint VARCHAR(1000) NOT NULL,
    token_endpoint         VARCHAR(1000) NOT NULL,
    jwks_uri               VARCHAR(1000) NOT NULL,
    frame_origins          TEXT          NOT NULL,
    source                 VARCHAR(20)   NOT NULL,
    created_at             DATETIME(6)   NOT NULL,
    version                INT           NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_platform_registration UNIQUE (issuer, client_id)
);

CREATE TABLE platform_deployment (
    registration_id BIGINT       NOT NULL,
    deployment_id   VARCHAR(255) NOT NULL,
    PRIMARY KEY (registration_id, deployment_id),
    CONSTRAINT fk_platform_deployment_registration FOREIGN KEY (registration_id)
        REFERENCES platform_registration (id) ON DELETE CASCADE
);
