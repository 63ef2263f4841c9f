"""A wheel install finds the built-in NLI model without the source checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from factcheck import nli

REPO = Path(__file__).resolve().parents[1]


def _fake_model(where: Path) -> Path:
    where.mkdir(parents=True)
    (where / "config.json").write_text("{}", encoding="utf-8")
    return where


def test_checkout_models_dir_comes_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FACTCHECK_NLI_MODEL_DIR", raising=False)
    checkout = _fake_model(tmp_path / "checkout" / nli.DEFAULT_MODEL_ID)
    _fake_model(tmp_path / "prefix" / "share" / "factcheck" / "models" / nli.DEFAULT_MODEL_ID)
    monkeypatch.setattr(nli, "DEFAULT_MODEL_DIR", checkout)
    monkeypatch.setattr(sysconfig, "get_path", lambda name: str(tmp_path / "prefix"))
    assert nli.default_model_dir() == checkout


def test_wheel_install_uses_share_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FACTCHECK_NLI_MODEL_DIR", raising=False)
    installed = _fake_model(tmp_path / "prefix" / "share" / "factcheck" / "models" / nli.DEFAULT_MODEL_ID)
    monkeypatch.setattr(nli, "DEFAULT_MODEL_DIR", tmp_path / "site-packages" / "models" / nli.DEFAULT_MODEL_ID)
    monkeypatch.setattr(sysconfig, "get_path", lambda name: str(tmp_path / "prefix"))
    assert nli.default_model_dir() == installed


def test_env_override_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FACTCHECK_NLI_MODEL_DIR", str(tmp_path / "mine"))
    assert nli.default_model_dir() == tmp_path / "mine"


def test_missing_model_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    monkeypatch.setenv("FACTCHECK_NLI_MODEL_DIR", str(tmp_path / "nowhere"))
    nli._load_cached.cache_clear()
    try:
        with pytest.raises(nli.ModelError, match=r"missing from .*nowhere"):
            nli.load_scorer()
    finally:
        nli._load_cached.cache_clear()


@pytest.mark.skipif(not (nli.DEFAULT_MODEL_DIR / "model.safetensors").is_file(), reason="no shipped weights")
def test_wheel_carries_the_model(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    shutil.copytree(REPO / "factcheck", src / "factcheck", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(nli.DEFAULT_MODEL_DIR, src / "models" / nli.DEFAULT_MODEL_ID)
    shutil.copytree(REPO / "models" / "factcheck-ner-e5small", src / "models" / "factcheck-ner-e5small")
    out = tmp_path / "dist"
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(src)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    (wheel,) = out.glob("factcheck-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    version = wheel.name.split("-")[1]
    share = f"factcheck-{version}.data/data/share/factcheck/models/{nli.DEFAULT_MODEL_ID}"
    assert {f"{share}/config.json", f"{share}/model.safetensors"} <= names
    ner = share.replace(nli.DEFAULT_MODEL_ID, "factcheck-ner-e5small")
    assert {f"{ner}/config.json", f"{ner}/model.safetensors"} <= names
    assert "factcheck/nli.py" in names
