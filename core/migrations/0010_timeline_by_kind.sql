-- Migration 10: a person's records of one kind, newest first.
--
-- A timeline filtered to some kinds read the person's records newest first
-- (search_docs_by_person) and skipped those of other kinds until it had a
-- page: every one of the person's records, read and skipped, when the kind
-- is rare (a person's goals, ten years into the journal: 3,386 records
-- read for 24 shown). With this index each chosen kind is read on its own,
-- newest first, and stops at the page's end. Feedback filtered by a tag
-- reads the person's feedback the same way. search_docs_by_person stays:
-- an unfiltered timeline walks it across every kind at once.

CREATE INDEX search_docs_by_person_kind ON search_docs (person_id, kind, rowid);
