-- Name search index (see src/registry/grams.ts). Each organization's name is tokenized in code into
-- unigrams (column `uni`) and overlapping bigrams (column `bi`), each written as an ASCII token of hex code
-- points ("会" → "u4f1a", "商会" → "u5546u4f1a"). A 1-character query looks up one unigram token, a 2-character
-- query one bigram token, and a longer query a phrase of consecutive bigrams, which matches exactly the names
-- containing it. Because tokens are built from code points, user input never reaches FTS5 query syntax.
-- rowid = organizations.id. Contentless: the names live in `organizations`.
CREATE VIRTUAL TABLE `org_name_grams` USING fts5(uni, bi, content='', contentless_delete=1, tokenize='ascii', detail='full');
