#!/usr/bin/env python3
"""Regenerate dialects/tg.irdl.mlir and dialects/tg.md from the op declarations in python/tgraph/dialect.

    python tools/gen_dialect.py           # rewrite the files
    python tools/gen_dialect.py --check   # exit 1 (naming the stale files) if they are out of date
"""

import argparse
import sys
from pathlib import Path

from tgraph.dialect import TG
from tgraph.dialect.docs import markdown
from tgraph.dialect.irdl import irdl_text

ROOT = Path(__file__).resolve().parent.parent
GENERATED = {
    ROOT / "dialects" / "tg.irdl.mlir": lambda: irdl_text(TG),
    ROOT / "dialects" / "tg.md": lambda: markdown(TG),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only check that the files are up to date")
    args = parser.parse_args()
    stale = []
    for path, generate in GENERATED.items():
        text = generate()
        if path.exists() and path.read_text() == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            print(f"wrote {path.relative_to(ROOT)}")
    if args.check and stale:
        names = ", ".join(str(p.relative_to(ROOT)) for p in stale)
        print(f"stale: {names}; run `make dialect` (python tools/gen_dialect.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
