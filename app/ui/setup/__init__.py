"""First-run setup wizard (QWizard) and the shared field-by-field form helpers
used by the administration screens."""
