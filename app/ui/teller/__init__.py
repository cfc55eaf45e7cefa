"""The teller's window screen (keyboard first) and the customer's rating panel."""
