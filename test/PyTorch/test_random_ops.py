"""lib/Dialect/PT2/IR/RandomOps.def, the table of ATen overloads that draw
random numbers, is what the installed torch tags `nondeterministic_seeded`
(scripts/gen-random-ops.py writes it)."""

import importlib.util

import harness as H


def _generator():
    path = H.REPO / "scripts" / "gen-random-ops.py"
    spec = importlib.util.spec_from_file_location("gen_random_ops", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()


def test_random_ops_table_is_current():
    diff = GEN.stale_diff()
    assert not diff, ("lib/Dialect/PT2/IR/RandomOps.def differs from what torch tags "
                      "nondeterministic_seeded; regenerate it with scripts/gen-random-ops.py:\n"
                      + diff)


def test_stale_table_is_seen(tmp_path, monkeypatch):
    """The check sees a missing line, and names it."""
    text = GEN.OUTPUT.read_text()
    line = 'MODE_RANDOM_OP("torch.ops.aten.bernoulli_.float")\n'
    assert line in text
    stale = tmp_path / "RandomOps.def"
    stale.write_text(text.replace(line, ""))
    monkeypatch.setattr(GEN, "OUTPUT", stale)
    monkeypatch.setattr(GEN, "REPO", tmp_path)
    assert "+" + line in GEN.stale_diff()


def test_the_random_targets_of_real_exports_are_in_the_table():
    """The random nodes the real models' exports hold
    (docs/pytorch-exports-real-models.md): drop path and stochastic depth
    (`bernoulli_.float` in place on the default graph, `bernoulli.p`
    decomposed, `rand` in transformers), DropBlock, PatchDropout (`randn`),
    VITS's noise (`randn_like`), and the in-place forms generally."""
    table = GEN.OUTPUT.read_text()
    for target in ("bernoulli_.float", "bernoulli.p", "rand.default", "randn.default",
                   "randn_like.default", "rand_like.default", "uniform_.default",
                   "normal_.default", "exponential_.default", "bernoulli_.Tensor",
                   "native_dropout.default", "dropout.default",
                   "scaled_dot_product_attention.default"):
        assert f'MODE_RANDOM_OP("torch.ops.aten.{target}")' in table, target
