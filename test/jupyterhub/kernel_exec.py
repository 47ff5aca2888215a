"""Execute code in a running Jupyter kernel over its websocket channels and print what it produced as JSON.

Usage: ``python kernel_exec.py <server-url> <kernel-id> <code-file>`` with the token in
``JUPYTER_TOKEN`` (kept out of the command line, which other processes can read). ``<server-url>`` is the user
server's base URL, e.g. ``http://127.0.0.1:8000/user/someone/``. Runs in the jupyter venv (tornado, jupyter_client).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from typing import Any

from jupyter_client.jsonutil import json_default
from jupyter_client.session import Session
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect


async def execute(server_url: str, kernel_id: str, token: str, code: str, timeout: float) -> dict[str, Any]:
    """Send one execute_request on the shell channel; collect stdout, stderr and errors until the kernel is idle."""
    ws_url = server_url.replace("http", "ws", 1).rstrip("/") + f"/api/kernels/{kernel_id}/channels"
    request = HTTPRequest(ws_url, headers={"Authorization": f"token {token}"})
    conn = await websocket_connect(request)
    session = Session(username="mlcycle-test")
    msg = session.msg(
        "execute_request",
        {"code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
    )
    msg["channel"] = "shell"
    await conn.write_message(json.dumps(msg, default=json_default))
    out: dict[str, Any] = {"stdout": "", "stderr": "", "error": None, "status": None}
    idle = replied = False
    try:
        while not (idle and replied):
            raw = await asyncio.wait_for(conn.read_message(), timeout)
            if raw is None:
                raise RuntimeError("the kernel's websocket closed before the execution finished")
            reply = json.loads(raw)
            if reply.get("parent_header", {}).get("msg_id") != msg["header"]["msg_id"]:
                continue
            kind, content = reply["msg_type"], reply["content"]
            if kind == "stream":
                out[content["name"]] += content["text"]
            elif kind == "error":
                out["error"] = {"ename": content["ename"], "evalue": content["evalue"], "traceback": content["traceback"]}
            elif kind == "execute_reply":
                out["status"] = content["status"]
                replied = True
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
    finally:
        conn.close()
    return out


def main() -> None:
    """Run the code file's text in the kernel and print the outcome as one JSON line."""
    server_url, kernel_id, code_file = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(code_file, encoding="utf-8") as f:
        code = f.read()
    timeout = float(os.environ.get("KERNEL_EXEC_TIMEOUT", "120"))
    result = asyncio.run(execute(server_url, kernel_id, os.environ["JUPYTER_TOKEN"], code, timeout))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
