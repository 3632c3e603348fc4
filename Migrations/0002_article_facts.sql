-- kb schema, version 2: a covering index of the small columns of articles.
-- Searches keep these facts in memory (language, draft, translation key, slug, title, summary, path); loading them
-- through this index reads a few megabytes instead of every article body (the body columns come first in a row,
-- so reading `draft` or `translation_key` from the table walks each body's overflow pages).
CREATE INDEX articles_facts ON articles (lang, draft, translation_key, slug, title, summary, source_path);
