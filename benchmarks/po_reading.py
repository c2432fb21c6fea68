"""CPU of reading PO files, by phase, and of sending the documents to a worker.

Run:   .venv/bin/python benchmarks/po_reading.py DIR [--repeat 2]

DIR holds PO files (searched recursively), e.g. the corpus that
``benchmarks/throughput_vs_pofilter.py --keep DIR`` builds. Printed, in CPU seconds
of this process (the fastest of ``--repeat`` runs):

- reading: ``read_po`` in all, and its phases: the gettext syntax check and polib's
  reading of the entries;
- what ``--jobs`` would add per document if the parent sent documents: pickling them
  in batches (their file positions are worked out on the way) and unpickling them as a
  worker does, with the cyclic garbage collector paused (audit/parallel.py) and not.
  Since workers read their own files (``audit.run.ReadTask``), only the documents of
  files over 1 MiB and of standard input travel so.
"""

from __future__ import annotations

import argparse
import gc
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from audit.formats.po import read_po  # noqa: E402
from audit.formats.po_syntax import check_syntax  # noqa: E402
from audit.parallel import _unpack, batches  # noqa: E402
from audit.run import BATCH_DOCUMENTS  # noqa: E402


def cpu(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        function()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    import polib

    files = sorted(args.folder.rglob("*.po"))
    texts = [(p.read_text(encoding="utf-8"), str(p)) for p in files]
    size = sum(len(t) for t, _ in texts)
    print(f"{len(files)} PO files, {size / 2**20:.1f} MiB of text, best of {args.repeat}")
    rows = {
        "read_po, in all": lambda: [list(read_po(t, p)) for t, p in texts],
        "  syntax check": lambda: [check_syntax(t, p) for t, p in texts],
        "  entries (polib)": lambda: [
            polib.pofile(t, wrapwidth=0, encoding="utf-8") for t, _ in texts
        ],
    }
    for name, function in rows.items():
        print(f"{name:34} {cpu(function, args.repeat):6.2f} s")
    work = [(0, "0", d) for t, p in texts for d in read_po(t, p)]
    blobs = [
        pickle.dumps(b, protocol=pickle.HIGHEST_PROTOCOL) for b in batches(work, BATCH_DOCUMENTS)
    ]
    fresh = [(0, "0", d) for t, p in texts for d in read_po(t, p)]
    first = cpu(
        lambda: [
            pickle.dumps(b, protocol=pickle.HIGHEST_PROTOCOL)
            for b in batches(fresh, BATCH_DOCUMENTS)
        ],
        1,
    )
    print(
        f"{'pickle documents (parent)':34} {first:6.2f} s  "
        f"({sum(map(len, blobs)) / 2**20:.1f} MiB in {len(blobs)} batches)"
    )
    print(
        f"{'unpickle, collector paused':34} {cpu(lambda: [_unpack(b) for b in blobs], args.repeat):6.2f} s"
    )
    gc.collect()
    print(
        f"{'unpickle, collector running':34} "
        f"{cpu(lambda: [pickle.loads(b) for b in blobs], args.repeat):6.2f} s"
    )


if __name__ == "__main__":
    main()
