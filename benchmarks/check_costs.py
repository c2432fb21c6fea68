"""Where the time of ``audit check`` goes: seconds per check, reading and the rest.

Run:   .venv/bin/python benchmarks/check_costs.py PATH... [--top 15]

Reads PATH... (files or folders) as ``audit check`` does, then audits every document
in this process with each check timed on its own (the shared analyses a check asks
for, such as name extraction or the source-target alignment, are counted in the first
check that asks). Prints words per second overall and a table of the costliest checks.
Use it before and after a change that should make a check cheaper.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from audit.engine import audit_document
from audit.engine.check import Check
from audit.formats import iter_files
from audit.run import Runner, RunOptions


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    runner = Runner(RunOptions())
    started = time.perf_counter()
    documents = []
    for path in iter_files(args.paths):
        settings = runner.settings(path)
        config = runner.config(settings)
        documents.extend((doc, config) for doc in runner.stream(path, settings))
    read_s = time.perf_counter() - started
    words = sum(len(doc.target.split()) for doc, _ in documents)

    spent: Counter[str] = Counter()
    original = Check.run

    def timed_run(self: Check, doc, ctx):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        hits = list(original(self, doc, ctx))
        spent[self.code] += time.perf_counter() - t
        return hits

    Check.run = timed_run  # type: ignore[method-assign]
    started = time.perf_counter()
    findings = sum(len(audit_document(doc, config)) for doc, config in documents)
    audit_s = time.perf_counter() - started
    Check.run = original  # type: ignore[method-assign]

    checks_s = sum(spent.values())
    print(f"{len(documents)} documents, {words:,} target words, {findings:,} findings")
    print(
        f"reading {read_s:.2f} s; auditing {audit_s:.2f} s ({words / audit_s:,.0f} words/s), "
        f"of which checks {checks_s:.2f} s and findings, sorting, fingerprints {audit_s - checks_s:.2f} s"
    )
    print(f"\n{'check':8} {'seconds':>8} {'share':>6}")
    for code, seconds in spent.most_common(args.top):
        print(f"{code:8} {seconds:8.2f} {seconds / audit_s:6.1%}")


if __name__ == "__main__":
    main()
