-- The khabar store, schema version 1. db.py runs this inside one transaction and then stamps the
-- file with PRAGMA application_id and user_version. Offsets (start, end) are character offsets
-- into documents.text, the input text as given.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per article, small: joins and scans over articles never read article texts.
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,      -- the record id; file#line for JSONL lines without one
    group_id INTEGER NOT NULL,        -- the first-stored article of its near-duplicate group (itself if none)
    resemblance REAL,                 -- estimated resemblance to the copy it was linked through
    content_hash TEXT NOT NULL,       -- of the input fields: unchanged input is not processed again
    body_hash TEXT NOT NULL,          -- of the clean body: exact copies under other ids
    origin TEXT,                      -- where it was last read from (path:line)
    title TEXT,
    url TEXT,
    source TEXT,
    date TEXT,
    author TEXT,
    dateline_place TEXT,
    dateline_agency TEXT,
    word_count INTEGER,
    reading_minutes INTEGER,
    khabar_version TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_group ON articles(group_id);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_body_hash ON articles(body_hash);

-- The large parts of each article, kept apart from the articles table.
CREATE TABLE documents (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    minhash BLOB,                     -- near-duplicate signature; NULL for bodies too short to compare
    text TEXT NOT NULL,               -- the input text: every stored offset points into it
    record BLOB NOT NULL              -- the full output record: zlib-compressed JSON
);

-- MinHash band keys: articles sharing a key are candidate copies. An article's keys are recomputed
-- from its stored minhash to delete them, so no second index is kept.
CREATE TABLE lsh (
    key INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;

CREATE TABLE entities (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    entity INTEGER NOT NULL,          -- the entity's id inside its article
    name TEXT NOT NULL,
    norm TEXT NOT NULL,               -- khabar-normalised name, for counting across articles
    ekey TEXT NOT NULL,               -- the entity across articles: TYPE:CODE, or TYPE:norm without a code
    type TEXT,
    code TEXT,
    sector TEXT,
    role TEXT,
    aliases TEXT NOT NULL,            -- JSON list
    mention_count INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity)
) WITHOUT ROWID;
CREATE INDEX entities_key ON entities(type, code, norm);
CREATE INDEX entities_ekey ON entities(ekey, article_id, mention_count);  -- covers the counts across articles

CREATE TABLE mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    entity INTEGER NOT NULL,
    start INTEGER,
    end INTEGER,
    text TEXT,
    source TEXT
);
CREATE INDEX mentions_article ON mentions(article_id, entity);

CREATE TABLE quotes (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    seq INTEGER NOT NULL,
    speaker TEXT,
    speaker_entity INTEGER,
    speaker_description TEXT,
    via TEXT,
    text TEXT,
    direct INTEGER,
    cue TEXT,
    start INTEGER,
    end INTEGER,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;

CREATE TABLE amounts (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    seq INTEGER NOT NULL,
    kind TEXT,
    value REAL,
    currency TEXT,
    unit TEXT,
    value_max REAL,
    text TEXT,
    start INTEGER,
    end INTEGER,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;

CREATE TABLE dates (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    seq INTEGER NOT NULL,
    text TEXT,
    iso TEXT,
    granularity TEXT,
    calendar TEXT,
    relative INTEGER,
    start INTEGER,
    end INTEGER,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;

-- Every event found (the output's events_all); scored = 0 for denied and hypothetical ones.
CREATE TABLE events (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    source TEXT,
    target TEXT,
    source_entity INTEGER,
    target_entity INTEGER,
    source_text TEXT,
    target_text TEXT,
    source_sector TEXT,
    target_sector TEXT,
    trigger TEXT,
    trigger_start INTEGER,
    trigger_end INTEGER,
    sentence TEXT,
    sentence_start INTEGER,
    sentence_end INTEGER,
    status TEXT,
    date TEXT,
    location TEXT,
    confidence REAL,
    cameo TEXT,
    symmetric INTEGER NOT NULL,
    in_quote INTEGER NOT NULL,
    scored INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;
CREATE INDEX events_type ON events(type);
CREATE INDEX events_source ON events(source);
CREATE INDEX events_target ON events(target);

CREATE TABLE arms_transfers (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    seq INTEGER NOT NULL,
    supplier TEXT,
    recipient TEXT,
    system TEXT,
    status TEXT,
    quantity REAL,
    value REAL,
    currency TEXT,
    year INTEGER,
    sentences TEXT NOT NULL,          -- JSON list
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;

-- Records that could not be processed; a later success removes the row.
CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    origin TEXT,
    content_hash TEXT NOT NULL,
    reason TEXT NOT NULL,
    khabar_version TEXT NOT NULL,
    at TEXT NOT NULL
);

-- Full-text index over title and body in khabar's matching forms (see textindex.py); rowid = articles.id.
CREATE VIRTUAL TABLE search USING fts5(
    stems, skel,
    content = '',
    tokenize = 'unicode61 remove_diacritics 0'
);
