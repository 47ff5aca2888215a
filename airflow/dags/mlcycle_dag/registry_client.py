"""A minimal OCI distribution client: fetch one image's manifest and blobs by digest, verified, over plain urllib.

Only what local mode needs to run the image a run recorded (`<host>/<repository>@sha256:<hex>`): no push, no tags.
Authentication follows the registry's 401 challenge: `Basic` (the worker's credentials) or `Bearer realm=...` (a
token from the realm, asked for with those credentials). Plain http is used for loopback registries only, and a
token realm must be https unless it is on loopback too, so credentials never cross the network in clear.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from mlcycle_dag.contract import IMAGE_PATTERN

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
MANIFEST_TYPES = ("application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json")
INDEX_TYPES = ("application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json")
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
CHUNK = 1024 * 1024


class ImagePullFailed(RuntimeError):
    """The image could not be fetched; the message names the image and what failed (never a credential)."""


@dataclass(frozen=True)
class ImageRef:
    """An image reference by digest, split into its parts."""

    reference: str
    host: str
    repository: str
    digest: str

    @property
    def base_url(self) -> str:
        """The registry's URL: http only for a loopback host."""
        scheme = "http" if is_loopback(self.host) else "https"
        return f"{scheme}://{self.host}"


def is_loopback(host_port: str) -> bool:
    """Whether `host[:port]` (IPv6 in brackets) names this machine."""
    try:
        host = urllib.parse.urlsplit(f"//{host_port}").hostname or ""
    except ValueError:
        return False
    return host.lower() in LOOPBACK_HOSTS


def parse_image_ref(reference: str) -> ImageRef:
    """Split `<host>/<repository>[:<tag>]@sha256:<hex>`; anything else is refused."""
    if not re.match(IMAGE_PATTERN, reference):
        raise ImagePullFailed(f"image {reference[:200]!r} is not a reference by digest (<registry>/<repository>@sha256:<hex>)")
    name, digest = reference.split("@", 1)
    host, path = name.split("/", 1)
    repository = re.sub(r":[A-Za-z0-9_][A-Za-z0-9_.-]*$", "", path)
    return ImageRef(reference, host, repository, digest)


class _Hasher:
    """Write to a file while computing sha256 and counting bytes."""

    def __init__(self, out: BinaryIO) -> None:
        self.out, self.sha, self.size = out, hashlib.sha256(), 0

    def write(self, chunk: bytes) -> None:
        self.out.write(chunk)
        self.sha.update(chunk)
        self.size += len(chunk)


class RegistryClient:
    """Fetches the manifest and blobs of one image (see the module docstring)."""

    def __init__(self, ref: ImageRef, username: str = "", password: str = "", timeout: float = 60.0) -> None:
        self.ref, self._username, self._password, self._timeout = ref, username, password, timeout
        self._authorization: str | None = None

    def manifest(self) -> dict[str, Any]:
        """The image manifest, its sha256 checked against the reference's digest."""
        body, media_type = self._get_small(f"/v2/{self.ref.repository}/manifests/{self.ref.digest}", ", ".join(MANIFEST_TYPES + INDEX_TYPES), "manifest")
        if f"sha256:{hashlib.sha256(body).hexdigest()}" != self.ref.digest:
            raise ImagePullFailed(f"image {self.ref.reference}: the registry's manifest does not match the digest")
        try:
            manifest = json.loads(body)
        except ValueError as exc:
            raise ImagePullFailed(f"image {self.ref.reference}: the manifest is not JSON") from exc
        kind = manifest.get("mediaType") or media_type
        if kind in INDEX_TYPES or "manifests" in manifest:
            raise ImagePullFailed(f"image {self.ref.reference} is an image index; record the digest of one image manifest")
        if not isinstance(manifest.get("config"), dict) or not isinstance(manifest.get("layers"), list):
            raise ImagePullFailed(f"image {self.ref.reference}: the manifest has no config or no layers")
        return manifest

    def blob_json(self, descriptor: dict[str, Any]) -> dict[str, Any]:
        """A small JSON blob (the image config), verified against its descriptor."""
        digest = _descriptor_digest(self.ref, descriptor)
        body, _ = self._get_small(f"/v2/{self.ref.repository}/blobs/{digest}", "*/*", f"blob {digest}")
        if f"sha256:{hashlib.sha256(body).hexdigest()}" != digest:
            raise ImagePullFailed(f"image {self.ref.reference}: blob {digest} does not match its digest")
        try:
            return json.loads(body)
        except ValueError as exc:
            raise ImagePullFailed(f"image {self.ref.reference}: blob {digest} is not JSON") from exc

    def blob_to_file(self, descriptor: dict[str, Any], path: Path) -> Path:
        """Download a blob (a layer) to `path`, checking its size and sha256 against the descriptor."""
        digest = _descriptor_digest(self.ref, descriptor)
        with self._open(f"/v2/{self.ref.repository}/blobs/{digest}", "*/*", f"blob {digest}") as res, path.open("wb") as out:
            sink = _Hasher(out)
            while chunk := res.read(CHUNK):
                sink.write(chunk)
        if f"sha256:{sink.sha.hexdigest()}" != digest or sink.size != descriptor.get("size", sink.size):
            path.unlink(missing_ok=True)
            raise ImagePullFailed(f"image {self.ref.reference}: blob {digest} does not match its digest or size")
        return path

    def _get_small(self, path: str, accept: str, what: str) -> tuple[bytes, str]:
        with self._open(path, accept, what) as res:
            body = res.read(MAX_MANIFEST_BYTES + 1)
            media_type = (res.headers.get("Content-Type") or "").split(";")[0].strip()
        if len(body) > MAX_MANIFEST_BYTES:
            raise ImagePullFailed(f"image {self.ref.reference}: the {what} is larger than {MAX_MANIFEST_BYTES} bytes")
        return body, media_type

    def _open(self, path: str, accept: str, what: str):
        for attempt in (1, 2):
            request = urllib.request.Request(self.ref.base_url + path, headers={"Accept": accept})
            if self._authorization:
                # Unredirected: a blob redirect to storage (with its own signature) must not carry our credentials.
                request.add_unredirected_header("Authorization", self._authorization)
            try:
                return urllib.request.urlopen(request, timeout=self._timeout)
            except urllib.error.HTTPError as err:
                err.close()
                if err.code == 401 and attempt == 1:
                    self._authorization = self._answer_challenge(err.headers.get("WWW-Authenticate") or "")
                    continue
                raise self._http_failure(err.code, what) from None
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                raise ImagePullFailed(f"image {self.ref.reference}: registry {self.ref.host} unreachable ({reason})") from None
        raise AssertionError("unreachable")

    def _http_failure(self, status: int, what: str) -> ImagePullFailed:
        if status == 404 and what == "manifest":
            return ImagePullFailed(f"image {self.ref.reference} is not in the registry")
        if status in (401, 403):
            return ImagePullFailed(f"image {self.ref.reference}: the registry refused the credentials (HTTP {status}); check MLCYCLE_REGISTRY_USERNAME / MLCYCLE_REGISTRY_PASSWORD")
        return ImagePullFailed(f"image {self.ref.reference}: fetching the {what} failed (HTTP {status})")

    def _basic(self) -> str:
        if not self._username or not self._password:
            raise ImagePullFailed(f"image {self.ref.reference}: registry {self.ref.host} asks for credentials; set MLCYCLE_REGISTRY_USERNAME and MLCYCLE_REGISTRY_PASSWORD on the workers")
        return "Basic " + base64.b64encode(f"{self._username}:{self._password}".encode()).decode()

    def _answer_challenge(self, challenge: str) -> str:
        scheme = challenge.split(" ", 1)[0].lower()
        if scheme == "basic":
            return self._basic()
        if scheme != "bearer":
            raise ImagePullFailed(f"image {self.ref.reference}: registry {self.ref.host} asks for unsupported authentication {scheme[:20]!r}")
        params = dict(re.findall(r'(\w+)="([^"]*)"', challenge))
        realm = params.get("realm", "")
        parsed = urllib.parse.urlsplit(realm)
        if parsed.scheme != "https" and not (parsed.scheme == "http" and is_loopback(parsed.netloc)):
            raise ImagePullFailed(f"image {self.ref.reference}: the registry's token realm must be https (got {parsed.scheme or 'none'})")
        query = {"scope": params.get("scope") or f"repository:{self.ref.repository}:pull"}
        if params.get("service"):
            query["service"] = params["service"]
        request = urllib.request.Request(f"{realm}{'&' if parsed.query else '?'}{urllib.parse.urlencode(query)}")
        if self._username and self._password:
            request.add_unredirected_header("Authorization", self._basic())
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as res:
                answer = json.loads(res.read(MAX_MANIFEST_BYTES))
        except urllib.error.HTTPError as err:
            err.close()
            raise ImagePullFailed(f"image {self.ref.reference}: the registry's token service refused the request (HTTP {err.code})") from None
        except (urllib.error.URLError, OSError, ValueError):
            raise ImagePullFailed(f"image {self.ref.reference}: the registry's token service could not be used") from None
        token = (answer.get("token") or answer.get("access_token")) if isinstance(answer, dict) else None
        if not isinstance(token, str) or not token:
            raise ImagePullFailed(f"image {self.ref.reference}: the registry's token service returned no token")
        return f"Bearer {token}"


def _descriptor_digest(ref: ImageRef, descriptor: dict[str, Any]) -> str:
    digest = descriptor.get("digest") if isinstance(descriptor, dict) else None
    if not isinstance(digest, str) or not re.match(r"^sha256:[0-9a-f]{64}$", digest):
        raise ImagePullFailed(f"image {ref.reference}: the manifest names a blob without a sha256 digest")
    return digest
