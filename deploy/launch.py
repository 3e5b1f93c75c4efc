"""Flex Template entry point: ``python launch.py --option=value ...`` with WIRELAKE_JOB=batch|stream.

Each template sets WIRELAKE_JOB when it is built (``make template``), since templates cannot pass a positional
argument.

Dataflow passes every template parameter as ``--name=value``; boolean switches arrive as ``--name=true`` or
``--name=false`` and are turned back into flags here.
"""

from __future__ import annotations

import os
import sys

from flex_template import option_actions

from wirelake.pipelines import batch, streaming


def normalise(argv: list[str]) -> list[str]:
    switches = {f"--{a.dest}" for a in option_actions() if a.nargs == 0}
    out = []
    for arg in argv:
        name, _, value = arg.partition("=")
        if name in switches and value:
            if value.lower() == "true":
                out.append(name)
            elif value.lower() != "false":
                raise SystemExit(f"{name} takes true or false, not {value!r}")
        else:
            out.append(arg)
    return out


def main(argv: list[str]) -> int:
    job = os.environ.get("WIRELAKE_JOB")
    if job not in ("batch", "stream"):
        raise SystemExit("set WIRELAKE_JOB to batch or stream")
    args = normalise(argv)
    if job == "batch":
        batch.run(args)
    else:
        streaming.start(args)  # Dataflow keeps the job running; the launcher returns once it is submitted
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
