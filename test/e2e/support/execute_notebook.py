"""Execute a notebook top to bottom with nbclient and save it with its outputs, for the end-to-end tests.

Run with the interpreter of a client venv: the kernel named by --kernel is one installed in that venv, so the
notebook's cells import the client under test. The executed notebook is written even when a cell fails (nbclient
stops at the first error), so the test can show which cell failed and how.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def execute(notebook: Path, out: Path, kernel: str, timeout: int) -> bool:
    """Execute `notebook` in its own folder with the kernel `kernel`, write it to `out`; true when no cell failed."""
    # nbformat's read and write carry no annotations (the package ships py.typed all the same).
    nb = nbformat.read(notebook, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, resources={"metadata": {"path": str(notebook.parent)}})
    try:
        client.execute()
        return True
    except CellExecutionError as exc:
        # The error's traceback is also in the failing cell's outputs; this names it on stderr as well.
        print(f"{notebook.name}: {exc.ename}: {exc.evalue}", file=sys.stderr)
        return False
    finally:
        out.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out)  # type: ignore[no-untyped-call]


def main(argv: list[str] | None = None) -> int:
    """Command line: execute_notebook.py NOTEBOOK --out FILE --kernel NAME [--timeout SECONDS]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--timeout", type=int, default=600, help="seconds one cell may take")
    args = parser.parse_args(argv)
    return 0 if execute(args.notebook, args.out, args.kernel, args.timeout) else 1


if __name__ == "__main__":
    sys.exit(main())
