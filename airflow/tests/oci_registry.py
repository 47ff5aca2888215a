"""A tiny OCI registry for the tests: serves manifests and blobs built in the test, behind Basic or Bearer auth."""
from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import tarfile
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
GZIP_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
USER, PASSWORD, TOKEN = "puller", "pull-secret-1", "token-abc"


def digest_of(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def layer(files: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    """A gzip tar layer with the given files (and symlinks), as the local image builder writes one."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o644
            tar.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            tar.addfile(info)
    return gzip.compress(raw.getvalue(), mtime=0)


@dataclass
class Registry:
    """State of the served registry: blobs and manifests by digest, the auth scheme, what was asked for."""

    auth: str = "basic"  # basic | bearer | none
    blobs: dict[str, bytes] = field(default_factory=dict)
    manifests: dict[str, bytes] = field(default_factory=dict)
    # Digest -> bytes served instead (a registry or a network that corrupts content).
    tampered: dict[str, bytes] = field(default_factory=dict)
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    host: str = ""

    def image(self, layers: list[bytes], working_dir: str = "/app", repository: str = "training/churn-model") -> str:
        """Store an image; returns its reference by digest."""
        config = json.dumps({"architecture": "amd64", "os": "linux", "config": {"WorkingDir": working_dir},
                             "rootfs": {"type": "layers", "diff_ids": []}}).encode()
        self.blobs[digest_of(config)] = config
        for data in layers:
            self.blobs[digest_of(data)] = data
        manifest = json.dumps({
            "schemaVersion": 2,
            "mediaType": OCI_MANIFEST,
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": digest_of(config), "size": len(config)},
            "layers": [{"mediaType": GZIP_LAYER, "digest": digest_of(d), "size": len(d)} for d in layers],
        }).encode()
        self.manifests[digest_of(manifest)] = manifest
        return f"{self.host}/{repository}@{digest_of(manifest)}"

    def authorized(self, header: str | None) -> bool:
        if self.auth == "none":
            return True
        if self.auth == "basic":
            return header == "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        return header == f"Bearer {TOKEN}"


def serve(registry: Registry) -> ThreadingHTTPServer:
    """Start the registry on a free loopback port (registry.host is set); shut it down with .shutdown()."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server naming)
            auth = self.headers.get("Authorization")
            registry.requests.append((self.path, auth))
            if self.path.startswith("/token"):
                basic = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
                return self._send(200, json.dumps({"token": TOKEN}).encode()) if auth == basic else self._send(401, b"{}")
            if not registry.authorized(auth):
                challenge = 'Basic realm="test"' if registry.auth == "basic" else (
                    f'Bearer realm="http://{registry.host}/token",service="{registry.host}",scope="repository:training/churn-model:pull"')
                return self._send(401, b'{"errors":[{"code":"UNAUTHORIZED"}]}', {"WWW-Authenticate": challenge})
            parts = self.path.split("/")  # /v2/<repo...>/(manifests|blobs)/<digest>
            kind, digest = parts[-2], parts[-1]
            store: dict[str, bytes] = registry.manifests if kind == "manifests" else registry.blobs
            if digest not in store:
                code = "MANIFEST_UNKNOWN" if kind == "manifests" else "BLOB_UNKNOWN"
                return self._send(404, json.dumps({"errors": [{"code": code}]}).encode())
            body = registry.tampered.get(digest, store[digest])
            self._send(200, body, {"Content-Type": OCI_MANIFEST if kind == "manifests" else "application/octet-stream", "Docker-Content-Digest": digest})

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    registry.host = f"127.0.0.1:{server.server_port}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
