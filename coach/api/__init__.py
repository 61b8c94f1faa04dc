"""The HTTP API: an app factory plus one router module per area."""
