-- kb schema, version 1: articles, tags, translations (by translation_key), full-text index,
-- error signatures, learned cross-language terms, content gaps.
-- Append-only: never edit a migration once merged; add 0002_....sql instead.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    lang            TEXT NOT NULL,                  -- primary subtag: en, ja, ko, ...
    slug            TEXT NOT NULL COLLATE NOCASE,   -- looked up case-insensitively
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL DEFAULT '',
    body_markdown   TEXT NOT NULL,
    body_text       TEXT NOT NULL,                  -- plain text for indexing and snippets
    tags_text       TEXT NOT NULL DEFAULT '',       -- tag names, for the full-text index
    source_path     TEXT NOT NULL,                  -- relative to the content root it came from
    content_hash    TEXT NOT NULL,                  -- of the file's bytes (and the normalizer versions)
    date            TEXT,                           -- ISO 8601
    updated         TEXT,
    author          TEXT,
    draft           INTEGER NOT NULL DEFAULT 0,
    translation_key TEXT NOT NULL COLLATE NOCASE,   -- front matter translationKey, else the slug
    UNIQUE (lang, slug)
);
CREATE UNIQUE INDEX articles_source_path ON articles (source_path);
CREATE INDEX articles_translation_key ON articles (translation_key);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,   -- NFKC, case-folded, spaces and underscores as '-'
    name TEXT NOT NULL           -- display name as first written
);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);

-- Full-text index over title, tags, summary and body (external content, kept in sync by triggers).
-- tokenize 'kb' is kb's own tokenizer (NFKC, case folding, CJK/Hangul bigrams, identifiers whole and by parts),
-- registered on every connection kb opens.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, tags_text, summary, body_text,
    content = 'articles', content_rowid = 'id', tokenize = 'kb'
);
CREATE VIRTUAL TABLE articles_fts_vocab USING fts5vocab (articles_fts, 'row');

CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, tags_text, summary, body_text)
    VALUES (new.id, new.title, new.tags_text, new.summary, new.body_text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, tags_text, summary, body_text)
    VALUES ('delete', old.id, old.title, old.tags_text, old.summary, old.body_text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, tags_text, summary, body_text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, tags_text, summary, body_text)
    VALUES ('delete', old.id, old.title, old.tags_text, old.summary, old.body_text);
    INSERT INTO articles_fts (rowid, title, tags_text, summary, body_text)
    VALUES (new.id, new.title, new.tags_text, new.summary, new.body_text);
END;

-- Error messages found in articles, normalized into signatures (see ErrorSignature).
CREATE TABLE article_signatures (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    raw        TEXT NOT NULL,      -- the message as the article writes it
    signature  TEXT NOT NULL,      -- the normalized template
    hash       INTEGER NOT NULL,   -- stable 64-bit hash of the template
    tokens     TEXT NOT NULL,      -- the template's meaningful tokens, space-separated
    clues      TEXT NOT NULL,      -- masked values, space-separated (weak evidence)
    source     TEXT NOT NULL,      -- frontMatter, title, codeBlock, inlineCode, prose
    line       INTEGER NOT NULL    -- line in the source file, 0 when not from the body
);
CREATE INDEX article_signatures_article ON article_signatures (article_id);
CREATE INDEX article_signatures_hash ON article_signatures (hash);

-- Terms of one language linked to terms of another, learned from articles linked as translations.
CREATE TABLE term_translations (
    lang   TEXT NOT NULL,   -- language of term
    term   TEXT NOT NULL,
    target TEXT NOT NULL,   -- an English term
    weight REAL NOT NULL,
    PRIMARY KEY (lang, term, target)
) WITHOUT ROWID;

-- Signatures of pasted errors that matched nothing (only recorded when the user turns it on).
CREATE TABLE signature_gaps (
    hash       INTEGER PRIMARY KEY,
    signature  TEXT NOT NULL,
    count      INTEGER NOT NULL DEFAULT 1,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL
);
