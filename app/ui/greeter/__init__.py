"""The greeter's screen at the branch entrance."""
