"""Unpack an image's files from its registry into a folder, so local mode runs exactly the code the run recorded.

Each layer is downloaded and verified (registry_client.py), then extracted in order onto one root folder. Entries
are checked before anything is written: no absolute path, no `..` segment, no link leading out of the root, no
device file (tarfile's `data` filter); OCI whiteouts (`.wh.<name>`, `.wh..wh..opq`) remove what lower layers wrote.
"""
from __future__ import annotations

import posixpath
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from mlcycle_dag.registry_client import ImagePullFailed, RegistryClient, parse_image_ref

# Layer media type -> tarfile mode.
LAYER_MODES = {
    "application/vnd.oci.image.layer.v1.tar+gzip": "r:gz",
    "application/vnd.docker.image.rootfs.diff.tar.gzip": "r:gz",
    "application/vnd.oci.image.layer.v1.tar": "r:",
    "application/vnd.docker.image.rootfs.diff.tar": "r:",
}
WHITEOUT = ".wh."
OPAQUE = ".wh..wh..opq"


@dataclass(frozen=True)
class ImageFiles:
    """An unpacked image: its root folder and the working directory its config names."""

    reference: str
    root: Path
    working_dir: Path


def _safe_name(reference: str, name: str) -> str:
    """The entry's path relative to the root; an absolute path or a `..` segment is refused."""
    if name.startswith("/") or "\\" in name or ".." in name.split("/"):
        raise ImagePullFailed(f"image {reference}: a layer holds the unsafe path {name[:200]!r}")
    return posixpath.normpath(name)


def _inside(reference: str, root: Path, relative: str) -> Path:
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ImagePullFailed(f"image {reference}: {relative[:200]!r} leads out of the image")
    return target


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def extract_layer(reference: str, layer: Path, media_type: str, root: Path) -> None:
    """Extract one layer onto `root`, applying whiteouts; refuses unsafe entries before writing them."""
    mode = LAYER_MODES.get(media_type)
    if mode is None:
        raise ImagePullFailed(f"image {reference}: layer type {media_type[:100]!r} is not supported (gzip or plain tar only)")
    try:
        with tarfile.open(layer, mode) as tar:
            entries = [(_safe_name(reference, m.name), m) for m in tar.getmembers()]
            # Whiteouts hide what lower layers wrote, so they apply before this layer's own entries.
            for name, _ in entries:
                folder, base = posixpath.split(name)
                # The parent is resolved and checked; the last component is handled without following it.
                if base == OPAQUE:
                    parent = _inside(reference, root, folder or ".")
                    for child in list(parent.iterdir()) if parent.is_dir() else []:
                        _remove(child)
                elif base.startswith(WHITEOUT):
                    hidden = base[len(WHITEOUT):]
                    if hidden in ("", ".", ".."):
                        raise ImagePullFailed(f"image {reference}: a layer holds the unsafe whiteout {name[:200]!r}")
                    _remove(_inside(reference, root, folder or ".") / hidden)
            for name, member in entries:
                folder, base = posixpath.split(name)
                if name == "." or base.startswith(WHITEOUT):
                    continue
                # A later layer may replace a file with a folder or a link: clear the way first.
                target = _inside(reference, root, folder or ".") / base
                if target.is_symlink() or (target.exists() and not (member.isdir() and target.is_dir())):
                    _remove(target)
                tar.extract(member, root, filter="data")
    except tarfile.FilterError as exc:
        raise ImagePullFailed(f"image {reference}: a layer holds an unsafe entry ({exc})") from None
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise ImagePullFailed(f"image {reference}: a layer could not be unpacked ({type(exc).__name__})") from None


def working_dir_of(reference: str, config: dict[str, Any], root: Path) -> Path:
    """The image's WorkingDir (default `/`) inside `root`."""
    inner = (config.get("config") or {}).get("WorkingDir") or "/"
    if not isinstance(inner, str):
        raise ImagePullFailed(f"image {reference}: the config's WorkingDir is not a path")
    relative = _safe_name(reference, inner.lstrip("/") or ".")
    path = _inside(reference, root, relative)
    if not path.is_dir():
        raise ImagePullFailed(f"image {reference}: its working directory {inner!r} is not in the image")
    return path


def pull_image(reference: str, into: Path, *, username: str = "", password: str = "", log: Callable[[str], None] = print) -> ImageFiles:
    """Fetch the image by digest and unpack its layers into `into` (created; must be empty or absent)."""
    ref = parse_image_ref(reference)
    client = RegistryClient(ref, username, password)
    manifest = client.manifest()
    config = client.blob_json(manifest["config"])
    into.mkdir(parents=True, exist_ok=True)
    log(f"pulling {reference}: {len(manifest['layers'])} layer(s)")
    with tempfile.TemporaryDirectory(prefix="mlcycle-layers-") as scratch:
        for index, descriptor in enumerate(manifest["layers"]):
            layer = client.blob_to_file(descriptor, Path(scratch) / f"layer-{index}")
            extract_layer(reference, layer, str(descriptor.get("mediaType", "")), into)
            layer.unlink()
    return ImageFiles(reference, into, working_dir_of(reference, config, into))
