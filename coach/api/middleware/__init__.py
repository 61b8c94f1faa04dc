"""Pure ASGI middleware: body limit, API keys, rate limits, CORS, telemetry, and their error replies."""
