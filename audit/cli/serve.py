"""``audit serve``: the checks as an HTTP service, and the review page at ``/``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from audit.cli.options import (
    config_options,
    fail_on_option,
    glossary_options,
    language_options,
    selection_options,
)
from audit.errors import ConfigError


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8750, show_default=True)
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Processes."
)
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Require `Authorization: Bearer TOKEN`, TOKEN being this file's content.",
)
@click.option(
    "--max-body",
    type=click.IntRange(min=1),
    default=4 * 1024 * 1024,
    show_default=True,
    help="Largest request body in bytes (larger: 413).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=20.0,
    show_default=True,
    help="Seconds a request may take (longer: 503).",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    metavar="ORIGIN",
    help="Allow browser pages from ORIGIN to call the API; repeatable (default: none).",
)
@fail_on_option('Default severity at which "pass" is false (a request\'s fail_on overrides it).')
@language_options
@config_options
@selection_options
@glossary_options
def serve(
    host: str,
    port: int,
    workers: int,
    token_file: str | None,
    max_body: int,
    timeout: float,
    cors_origins: tuple[str, ...],
    **settings: Any,
) -> None:
    """Serve POST /v1/check and /v1/fix (the findings of `audit check --format json`),
    /v1/rules, /healthz, /v1/version, /openapi.json and the review page at /.

    Settings come from --config, else the .audit.toml or pyproject.toml found from the
    current folder; glossaries are loaded once per worker and reloaded when their files
    change. Needs the `serve` extra: in the checkout, pip install -e '.[serve]'.
    """
    try:
        import uvicorn
    except ImportError:
        from audit.extras import install_hint

        raise ConfigError(f"audit serve needs the serve extra: {install_hint('serve')}") from None
    from audit.serve.settings import ENV, ServeSettings

    config = ServeSettings(
        config_file=settings["config_file"],
        isolated=settings["isolated"],
        glossaries=tuple(str(Path(g).resolve()) for g in settings["glossaries"]),
        default_glossaries=False if settings["no_default_glossaries"] else None,
        select=settings["select"],
        ignore=settings["ignore"],
        fail_on=settings["fail_on"],
        target_lang=settings["target_lang"],
        source_lang=settings["source_lang"],
        max_body=max_body,
        timeout=timeout,
        token_file=str(Path(token_file).resolve()) if token_file else None,
        cors_origins=cors_origins,
    )
    os.environ[ENV] = config.to_env()
    from audit.serve.app import create_app

    app = create_app()  # settings and glossaries checked here: errors exit 2 before listening
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "access_log": False,
        "server_header": False,
    }
    if workers == 1:
        uvicorn.run(app, **options)
    else:  # each worker process builds its own app from the settings in the environment
        uvicorn.run("audit.serve.app:create_app", factory=True, workers=workers, **options)
