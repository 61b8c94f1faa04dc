"""Request models that a route reads by hand (JSON or multipart on one path) still belong in the OpenAPI.

FastAPI only adds a model to `components/schemas` when some route declares it as a parameter, so a
`$ref` to it from `openapi_extra` would dangle. Here the schema is generated with one unmounted
route per such model, FastAPI's own naming keeps clashing class names apart, and that route's
path is dropped again.
"""

from __future__ import annotations

import inspect
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from pydantic import BaseModel


def document_request_models(app: FastAPI, *models: type[BaseModel]) -> None:
    """Make `app.openapi()` define `models` under `#/components/schemas/<class name>`."""
    generate = app.openapi
    cached: list[dict[str, Any]] = []

    def openapi() -> dict[str, Any]:
        if not cached:
            hidden = [_route_taking(model) for model in models]
            app.router.routes.extend(hidden)
            try:
                app.openapi_schema = None
                schema = generate()
            finally:
                for route in hidden:
                    app.router.routes.remove(route)
            for route in hidden:
                del schema["paths"][route.path]
            cached.append(schema)
        return cached[0]

    app.openapi = openapi  # type: ignore[method-assign]


def _route_taking(model: type[BaseModel]) -> APIRoute:
    async def endpoint(body: Any) -> None:  # never called: the route is only ever seen by the schema generator
        raise NotImplementedError

    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("body", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=model)])
    return APIRoute(f"/__schema_only__/{model.__name__}", endpoint, methods=["POST"])
