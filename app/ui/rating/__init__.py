"""The customer-facing rating pad at a teller window."""
