-- Funnel Workbench project schema, version 1.
-- Strings (users, event names, sessions, property values) are dictionary-encoded; events are stored as
-- compressed columnar chunks, so a project holds tens of millions of events compactly and loads fast.

CREATE TABLE project_info (
    info_key   VARCHAR(100) PRIMARY KEY,
    info_value VARCHAR(100000) NOT NULL
);

-- Dictionaries (users, event names, sessions, property names, each property's values) map strings to dense
-- integer ids. Entries are appended in chunks of length-prefixed UTF-8 strings, id = first_id + position.
CREATE TABLE dictionary_chunks (
    dictionary  VARCHAR(200) NOT NULL,
    chunk_no    INT NOT NULL,
    first_id    INT NOT NULL,
    entry_count INT NOT NULL,
    data        VARBINARY NOT NULL,
    PRIMARY KEY (dictionary, chunk_no)
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

-- All events, sorted by user, then time, then import order, as encoded columnar chunks of up to 65,536 rows:
-- user id, event id, time in epoch microseconds, session id, one column per property (see ChunkCodec).
-- Each import writes a new generation of chunks outside its transaction and then switches
-- project_info.events_generation inside it, so an interrupted import leaves only an unused generation,
-- which the next open deletes. The current generation is the analysis snapshot.
CREATE TABLE event_chunks (
    generation INT NOT NULL,
    chunk_no   INT NOT NULL,
    row_count  INT NOT NULL,
    data       VARBINARY NOT NULL,
    PRIMARY KEY (generation, chunk_no)
);

-- 64-bit hashes of the insert ids seen by each import, so a repeated event is imported once across files.
CREATE TABLE insert_id_chunks (
    import_id INT NOT NULL REFERENCES imports (id),
    chunk_no  INT NOT NULL,
    data      VARBINARY NOT NULL,
    PRIMARY KEY (import_id, chunk_no)
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
