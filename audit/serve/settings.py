"""The server's own settings (`audit serve` options), passed to each worker process.

uvicorn starts several workers by importing the app by name, so the settings travel
in an environment variable as JSON (:data:`ENV`), read by :func:`audit.serve.app.create_app`.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field

ENV = "AUDIT_SERVE_SETTINGS"
DEFAULT_MAX_BODY = 4 * 1024 * 1024  # bytes; a long article with its source is well under 1 MB
DEFAULT_TIMEOUT = 20.0  # seconds a request may take before it is answered 503


@dataclass(frozen=True)
class ServeSettings:
    """How the server runs; the checks' settings are the CLI's (``RunOptions``), and
    named as everywhere (``Settings``, ``RunOptions``, ``audit.check_paths``)."""

    config_file: str | None = None
    isolated: bool = False
    glossaries: tuple[str, ...] = ()
    default_glossaries: bool | None = None  # None: the configuration file's
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    target_lang: str | None = None
    source_lang: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    timeout: float = DEFAULT_TIMEOUT
    token_file: str | None = None  # read by each worker: the secret stays out of the environment
    cors_origins: tuple[str, ...] = field(default_factory=tuple)

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> ServeSettings:
        raw = os.environ.get(ENV)
        if not raw:
            return cls()
        data = json.loads(raw)
        for key in ("glossaries", "select", "ignore", "cors_origins"):
            data[key] = tuple(data.get(key) or ())
        return cls(**data)
