"""BranchDesk: the lobby of a bank branch, from greeter to head office."""

__version__ = "0.1.0"
