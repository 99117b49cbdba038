-- Spring Modulith's JDBC event publication registry: an event between modules is stored in the transaction that
-- publishes it and retried until its listener completes. H2 flavour (ids as UUID, as Spring Modulith reads them on H2); the MySQL flavour in
-- db/vendor/mysql differs only in the id type.
-- SERIALIZED_EVENT is TEXT, not Modulith's VARCHAR(4000): a decision event carries the assessor's overall comment.
CREATE TABLE EVENT_PUBLICATION (
    ID                     UUID          NOT NULL,
    LISTENER_ID            VARCHAR(512)  NOT NULL,
    EVENT_TYPE             VARCHAR(512)  NOT NULL,
    SERIALIZED_EVENT       TEXT          NOT NULL,
    PUBLICATION_DATE       TIMESTAMP(6)  NOT NULL,
    COMPLETION_DATE        TIMESTAMP(6)  NULL,
    STATUS                 VARCHAR(20),
    COMPLETION_ATTEMPTS    INT,
    LAST_RESUBMISSION_DATE TIMESTAMP(6)  NULL,
    PRIMARY KEY (ID)
);
CREATE INDEX EVENT_PUBLICATION_BY_COMPLETION_DATE_IDX ON EVENT_PUBLICATION (COMPLETION_DATE);
