"""CORS for browser clients such as the extension in `extension/`.

The extension's service worker calls the API from its `chrome-extension://<id>` origin; when it has
no host permission for the API's origin, Chromium applies CORS and the server must allow that
origin. Nothing is allowed unless configured, so a server on a network never answers web pages.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from coach.core.settings import Settings

ALLOWED_METHODS = ["GET", "POST"]
ALLOWED_HEADERS = ["Content-Type", "Authorization", "X-API-Key"]
PREFLIGHT_CACHE_SECONDS = 600


def install_cors(app: FastAPI, settings: Settings) -> None:
    """Allow `cors_origins` and origins matching `cors_origin_regex`; install nothing when both are unset.

    Call it after the other middleware: the last one added is the outermost, so preflight requests
    and error replies (413, 401, 429) also carry the CORS headers a browser needs to read them.
    """
    if not settings.cors_origins and not settings.cors_origin_regex:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_origin_regex=settings.cors_origin_regex,
        allow_methods=ALLOWED_METHODS,
        allow_headers=ALLOWED_HEADERS,
        max_age=PREFLIGHT_CACHE_SECONDS,
    )
