"""The deployed Lambda gets the templates and static files: inspect `chalice package` output."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tools.package import REPO, package


@pytest.fixture(scope="module")
def deployment_zip(tmp_path_factory) -> Path:
    return package("prod", tmp_path_factory.mktemp("pkg") / "out")


def test_package_contains_app_templates_and_static(deployment_zip):
    with zipfile.ZipFile(deployment_zip) as zf:
        names = set(zf.namelist())
        for template in (REPO / "templates").rglob("*.html"):
            rel = template.relative_to(REPO).as_posix()
            assert rel in names, rel
            assert zf.read(rel) == template.read_bytes()
        for asset in (REPO / "static").rglob("*"):
            if asset.is_file():
                assert asset.relative_to(REPO).as_posix() in names
        assert "app.py" in names and "chalicelib/web/public.py" in names
        assert "chalicelib/demo/cluster.py" in names


def test_packaged_code_finds_templates_beside_app_py(deployment_zip, tmp_path):
    """Unzip and render a template from the unpacked tree, as the Lambda would."""
    import subprocess
    import sys

    with zipfile.ZipFile(deployment_zip) as zf:
        zf.extractall(tmp_path)
    probe = (
        "from chalicelib.web import rendering;"
        "print(rendering.TEMPLATES_DIR);"
        "print(rendering.environment().get_template('base.html').filename)"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}, check=True).stdout
    assert str(tmp_path / "templates") in out
