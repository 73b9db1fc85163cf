"""Build the Lambda deployment package (`make package`).

Chalice zips only app.py, chalicelib/ and vendor/ (vendor's content lands at the
zip root). The Jinja templates and static files live at the top level of the
repository, so they are copied into vendor/templates and vendor/static first;
in the Lambda they then sit beside app.py exactly as they do locally.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUNDLED_DIRS = ("templates", "static")


def sync_vendor(repo: Path = REPO) -> list[Path]:
    """Copy the bundled folders into vendor/, replacing stale copies."""
    copied = []
    for name in BUNDLED_DIRS:
        source, target = repo / name, repo / "vendor" / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        copied.append(target)
    return copied


def package(stage: str, out_dir: Path) -> Path:
    sync_vendor()
    env = {**os.environ}
    env.setdefault("AWS_DEFAULT_REGION", "cn-north-1")
    chalice = Path(sys.executable).with_name("chalice")
    subprocess.run(
        [str(chalice), "package", "--stage", stage, str(out_dir)],
        cwd=REPO, env=env, check=True,
    )
    return out_dir / "deployment.zip"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", default="dev")
    parser.add_argument("--out", type=Path, default=REPO / "dist" / "package")
    args = parser.parse_args(argv)
    if args.out.exists():
        shutil.rmtree(args.out)
    zip_path = package(args.stage, args.out)
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        unpacked = sum(i.file_size for i in zf.infolist())
    print(f"{zip_path}: {zip_path.stat().st_size / 1e6:.1f} MB zipped, {unpacked / 1e6:.1f} MB unpacked, {len(names)} files")
    print(f"templates: {sum(n.startswith('templates/') for n in names)} files, static: {sum(n.startswith('static/') for n in names)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
