"""A minimal LSP client: the diagnostics a real yaml-language-server gives for YAML files.

Speaks JSON-RPC over the server's stdio (Language Server Protocol 3.x): initialize, open each
file, collect `textDocument/publishDiagnostics`, and answer the server's configuration requests
with `validate: true`. For tests only.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path


def run(server: list[str], files: list[Path], wait: float = 8.0) -> dict[str, list]:
    """file URI -> the server's diagnostics for it (each has `range` and `message`)."""
    proc = subprocess.Popen(server + ["--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    inbox: queue.Queue = queue.Queue()

    def reader() -> None:
        stream = proc.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                c = stream.read(1)
                if not c:
                    return
                header += c
            length = next(int(h.split(":")[1]) for h in header.decode().split("\r\n")
                          if h.lower().startswith("content-length"))
            inbox.put(json.loads(stream.read(length)))

    threading.Thread(target=reader, daemon=True).start()

    def send(msg: dict) -> None:
        body = json.dumps(msg).encode()
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        proc.stdin.flush()

    out: dict[str, list] = {}
    try:
        send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"processId": None, "rootUri": files[0].parent.as_uri(), "capabilities": {}}})
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        send({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration",
              "params": {"settings": {"yaml": {"validate": True, "schemaStore": {"enable": False}}}}})
        for f in files:
            send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                  "params": {"textDocument": {"uri": f.as_uri(), "languageId": "yaml", "version": 1,
                                              "text": f.read_text("utf-8")}}})
        end = time.time() + wait
        while time.time() < end and len(out) < len(files):
            try:
                msg = inbox.get(timeout=0.5)
            except queue.Empty:
                continue
            if msg.get("method") == "textDocument/publishDiagnostics":
                out[msg["params"]["uri"]] = msg["params"]["diagnostics"]
            elif "id" in msg and "method" in msg:  # the server asks for its configuration
                send({"jsonrpc": "2.0", "id": msg["id"], "result": [{"validate": True}] * 10})
    finally:
        proc.kill()
        proc.wait()
    return out
