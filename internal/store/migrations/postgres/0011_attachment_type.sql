-- The same bytes may be attached under names of different types (one zip
-- as .docx and as .xlsx): the type belongs to the attachment.
ALTER TABLE attachments ADD COLUMN content_type TEXT NOT NULL DEFAULT '';
