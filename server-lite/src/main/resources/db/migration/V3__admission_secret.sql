-- The key admission tokens are signed with, shared by every instance of the deployment; the first server sets it.
ALTER TABLE deployment ADD COLUMN admission_secret TEXT;
