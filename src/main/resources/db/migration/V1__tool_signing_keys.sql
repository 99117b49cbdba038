-- The tool's own RSA keys. Private halves are AES-GCM encrypted with the master key (see KeyProperties).
CREATE TABLE tool_signing_key (
    kid                    VARCHAR(64)  NOT NULL,
    version                INT          NOT NULL,
    state                  VARCHAR(16)  NOT NULL,
    public_jwk             TEXT         NOT NULL,
    private_jwk_ciphertext TEXT         NOT NULL,
    created_at             DATETIME(6)  NOT NULL,
    activated_at           DATETIME(6)  NULL,
    published_until        DATETIME(6)  NULL,
    PRIMARY KEY (kid)
);

-- One row that key creation and rotation lock (SELECT ... FOR UPDATE) so nodes sharing the database never create
-- two active keys.
CREATE TABLE tool_key_lock (
    id INT NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO tool_key_lock (id) VALUES (1);
