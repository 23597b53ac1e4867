-- Funnel Workbench project schema, version 1.
-- Strings (users, event names, sessions, property values) are dictionary-encoded; events are stored as
-- compressed columnar chunks, one set per import, so a project holds tens of millions of events compactly.

CREATE TABLE project_info (
    info_key   VARCHAR(100) PRIMARY KEY,
    info_value VARCHAR(100000) NOT NULL
);

CREATE TABLE users (
    id          INT PRIMARY KEY,
    external_id VARCHAR(100000) NOT NULL
);

CREATE TABLE event_names (
    id   INT PRIMARY KEY,
    name VARCHAR(100000) NOT NULL UNIQUE
);

CREATE TABLE sessions (
    id          INT PRIMARY KEY,
    external_id VARCHAR(100000) NOT NULL
);

CREATE TABLE property_names (
    id   INT PRIMARY KEY,
    name VARCHAR(100000) NOT NULL UNIQUE
);

CREATE TABLE property_values (
    property_id INT NOT NULL REFERENCES property_names (id),
    id          INT NOT NULL,
    val         CHARACTER LARGE OBJECT NOT NULL,
    PRIMARY KEY (property_id, id)
);

CREATE TABLE imports (
    id            INT PRIMARY KEY,
    file_name     VARCHAR(4000) NOT NULL,
    file_path     VARCHAR(32000) NOT NULL,
    content_hash  VARCHAR(64) NOT NULL,
    file_size     BIGINT NOT NULL,
    imported_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    rows_read     BIGINT NOT NULL,
    rows_imported BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    rejects_file  VARCHAR(32000),
    first_time_us BIGINT,
    last_time_us  BIGINT,
    mapping       CHARACTER LARGE OBJECT NOT NULL
);
CREATE INDEX imports_by_hash ON imports (content_hash);

-- Events in import order: each row of this table is a columnar chunk (users, event names, times in epoch
-- microseconds, sessions, properties) of up to 65,536 events, compressed.
CREATE TABLE event_chunks (
    import_id INT NOT NULL REFERENCES imports (id),
    chunk_no  INT NOT NULL,
    row_count INT NOT NULL,
    data      BINARY LARGE OBJECT NOT NULL,
    PRIMARY KEY (import_id, chunk_no)
);

-- The analysis snapshot: all events sorted by user then time, in the same chunk format. Derived from
-- event_chunks after each import; project_info.snapshot_imports says which imports it covers.
CREATE TABLE snapshot_chunks (
    chunk_no  INT PRIMARY KEY,
    row_count INT NOT NULL,
    data      BINARY LARGE OBJECT NOT NULL
);

CREATE TABLE goals (
    id         INT AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(1000) NOT NULL UNIQUE,
    kind       VARCHAR(20) NOT NULL,
    position   INT NOT NULL,
    definition CHARACTER LARGE OBJECT NOT NULL
);

CREATE TABLE funnels (
    id         INT AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(1000) NOT NULL UNIQUE,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    definition CHARACTER LARGE OBJECT NOT NULL
);
