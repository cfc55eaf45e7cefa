"""The phone page: a small read-only ASGI application (Starlette + uvicorn),
no Qt, hosted at the branch (its database) or at head office (every branch)."""
