"""models/wise.py: weight interpolation between a base and a fine-tuned state dict (no model files)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("safetensors")
pytest.importorskip("transformers")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models"))

from wise import interpolate, read_state  # noqa: E402


def _states() -> tuple[dict[str, torch.Tensor], dict[str, torch.Tensor]]:
    base = {"w": torch.tensor([[1.0, 2.0], [3.0, 4.0]]), "b": torch.tensor([0.0, 1.0], dtype=torch.float16)}
    tuned = {"w": torch.tensor([[3.0, 2.0], [1.0, 0.0]]), "b": torch.tensor([2.0, 3.0])}
    return base, tuned


def test_interpolation_is_the_weighted_mean_in_fp32() -> None:
    base, tuned = _states()
    mid = interpolate(base, tuned, 0.25)
    assert mid["w"].dtype == mid["b"].dtype == torch.float32  # the fp16 base is read as fp32
    torch.testing.assert_close(mid["w"], torch.tensor([[1.5, 2.0], [2.5, 3.0]]))
    torch.testing.assert_close(mid["b"], torch.tensor([0.5, 1.5]))


def test_the_ends_return_the_inputs_exactly() -> None:
    base, tuned = _states()
    for key in base:
        assert torch.equal(interpolate(base, tuned, 0.0)[key], base[key].float())
        assert torch.equal(interpolate(base, tuned, 1.0)[key], tuned[key])


def test_different_tensor_names_are_refused() -> None:
    base, tuned = _states()
    with pytest.raises(ValueError, match="different tensors"):
        interpolate(base, {"w": tuned["w"]}, 0.5)


def test_read_state_takes_a_file_or_a_model_folder(tmp_path: Path) -> None:
    from safetensors.torch import save_file

    base, _ = _states()
    save_file(base, tmp_path / "model.safetensors")
    for path in (tmp_path, tmp_path / "model.safetensors"):
        state = read_state(path)
        assert state.keys() == base.keys() and state["b"].dtype == torch.float32


def test_write_best_leaves_out_the_word_embeddings(tmp_path: Path) -> None:
    import json

    from safetensors.torch import load_file
    from soup import write_best
    from train_nli import WORD_EMB

    base, _ = _states()
    write_best(tmp_path, {**base, WORD_EMB: torch.zeros(3, 2)}, {"model_type": "bert"}, {"step": "wise:0.5"})
    assert load_file(tmp_path / "best" / "model.safetensors").keys() == base.keys()
    assert json.loads((tmp_path / "best" / "config.json").read_text()) == {"model_type": "bert"}
    assert json.loads((tmp_path / "best" / "meta.json").read_text())["step"] == "wise:0.5"
