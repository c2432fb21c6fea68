"""``audit serve``: the checks as an HTTP service, and a review page for translators.

A newsroom's CMS calls a URL before a story goes out; a translator without a terminal
opens a page. Both reach the same engine as ``audit check``: the service builds the
same in-memory files the CLI would read (:mod:`audit.serve.inputs`), runs them through
:func:`audit.run.audit_paths` and renders them with the JSON reporter
(:mod:`audit.serve.service`), so its findings are byte for byte the CLI's. The web
layer (:mod:`audit.serve.app`, Starlette and FastAPI, run by uvicorn) adds limits,
errors as JSON, an optional bearer token and the page's static files.

Nothing here imports the web stack at import time except :mod:`audit.serve.app`, so the
``serve`` extra is needed only to run the server.
"""
