"""LanguageTool's HTTP API v2 (`POST /v2/check`, `GET /v2/languages`), answered by the rubric, so existing
LanguageTool clients (editor plugins, browser add-ons, client libraries) can point at OKR Coach unchanged."""
