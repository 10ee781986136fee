"""The front-end packages kg serves: npm packages (``kg/web/package.json`` + lock file) copied into
``kg/web/static/vendor/`` by ``python -m kg.web.assets`` (run by ``make deps`` and CI).

Nothing is fetched at run time: the map and GraphiQL load only what this module copied, so
both work with the network off. ``static/vendor/`` is git-ignored; when it is missing or stale
:func:`missing` says so and the server shows :data:`INSTALL_HINT` instead of a broken page.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
NODE_MODULES = WEB_DIR / "node_modules"
LOCK_FILE = WEB_DIR / "package-lock.json"
STAMP = VENDOR_DIR / ".installed"

INSTALL_HINT = "the map and GraphiQL assets are not installed: run `make web-assets` (npm ci + copy)"

# Served name in static/vendor/ -> file inside node_modules/ (UMD builds: no bundler needed).
VENDOR_FILES: dict[str, str] = {
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "layout-base.js": "layout-base/layout-base.js",
    "cose-base.js": "cose-base/cose-base.js",
    "cytoscape-fcose.js": "cytoscape-fcose/cytoscape-fcose.js",
    "react.production.min.js": "react/umd/react.production.min.js",
    "react-dom.production.min.js": "react-dom/umd/react-dom.production.min.js",
    "graphiql.min.js": "graphiql/graphiql.min.js",
    "graphiql.min.css": "graphiql/graphiql.min.css",
}
# Each copied package's licence travels with its files.
LICENSED_PACKAGES = (
    "cytoscape", "layout-base", "cose-base", "cytoscape-fcose", "react", "react-dom", "graphiql",
)


class AssetsError(Exception):
    """npm is missing or failed, or a package lacks a file kg serves."""


def lock_digest() -> str:
    """The sha256 of the lock file: the stamp that says which install the copied files came from."""
    return hashlib.sha256(LOCK_FILE.read_bytes()).hexdigest()


def missing() -> list[str]:
    """The vendor files that are absent, or ``["(stale)"]`` when they come from another lock file."""
    absent = [name for name in VENDOR_FILES if not (VENDOR_DIR / name).is_file()]
    if absent:
        return absent
    try:
        stamp = STAMP.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ["(no install stamp)"]
    return [] if stamp == lock_digest() else ["(stale: package-lock.json changed)"]


def npm_ci(npm: str | None = None) -> None:
    """``npm ci`` in kg/web: exactly the locked versions, no install scripts."""
    npm = npm or shutil.which("npm")
    if npm is None:
        raise AssetsError("npm was not found: install Node.js 18+ with npm (e.g. `apt-get install npm`)")
    done = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
        cwd=WEB_DIR,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if done.returncode != 0:
        raise AssetsError(f"`npm ci` in {WEB_DIR} failed with exit status {done.returncode}")


def copy_vendor_files() -> list[Path]:
    """Copy the served files and licences from node_modules into static/vendor; stamp the install."""
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    copied: list[Path] = []
    for name, source in VENDOR_FILES.items():
        origin = NODE_MODULES / source
        if not origin.is_file():
            raise AssetsError(f"{origin} is missing: run `npm ci` in {WEB_DIR}")
        copied.append(Path(shutil.copyfile(origin, VENDOR_DIR / name)))
    licences = VENDOR_DIR / "licenses"
    licences.mkdir(exist_ok=True)
    for package in LICENSED_PACKAGES:
        for candidate in ("LICENSE", "LICENSE.md", "LICENSE.txt"):
            origin = NODE_MODULES / package / candidate
            if origin.is_file():
                copied.append(Path(shutil.copyfile(origin, licences / f"{package}.LICENSE")))
                break
        else:
            raise AssetsError(f"{NODE_MODULES / package} ships no LICENSE file")
    STAMP.write_text(lock_digest() + "\n", encoding="utf-8")
    return copied


def install(*, force: bool = False) -> list[Path]:
    """npm ci (unless node_modules already holds this lock file's install), then copy."""
    installed_lock = NODE_MODULES / ".package-lock.json"
    if force or not installed_lock.is_file() or installed_lock.stat().st_mtime < LOCK_FILE.stat().st_mtime:
        npm_ci()
    return copy_vendor_files()


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.web.assets [--force | --copy-only | --check]``: install the front-end assets
    (npm ci when needed, then copy), only copy from an existing node_modules, or check them."""
    args = sys.argv[1:] if argv is None else argv
    if "--check" in args:
        gaps = missing()
        print("web assets: " + ("ok" if not gaps else "missing " + ", ".join(gaps)))
        return 0 if not gaps else 1
    if not missing() and "--force" not in args:
        print(f"web assets: up to date in {VENDOR_DIR}")
        return 0
    try:
        copied = copy_vendor_files() if "--copy-only" in args else install(force="--force" in args)
    except AssetsError as error:
        print(f"web assets: {error}", file=sys.stderr)
        return 1
    print(f"web assets: {len(copied)} files in {VENDOR_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
