"""The cyclic collector paused around bulk work (desktop/core/collector.py)."""

from __future__ import annotations

import gc

import pytest

from desktop.core.collector import collector_paused


def test_the_collector_waits_inside_and_runs_again_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_turns_the_collector_back_on():
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_work_that_finds_the_collector_off_leaves_it_to_whoever_turned_it_off():
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block did not turn it on under the outer one
    assert gc.isenabled()


def test_freeze_moves_what_is_alive_out_of_the_collectors_sight():
    gc.unfreeze()
    try:
        with collector_paused(freeze=True):
            kept = [[i] for i in range(1000)]
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()


def test_an_import_runs_with_the_collector_paused_and_restores_it(tmp_path, monkeypatch):
    from desktop.app import importing
    from desktop.app.project import Project
    from tests.support.corpus import write_corpus

    seen = []

    class Spy(importing._Import):
        def flush(self):
            seen.append(gc.isenabled())
            super().flush()

    monkeypatch.setattr(importing, "_Import", Spy)
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 20, 10)
    project = Project.open(str(tmp_path / "m.db"), "tester")
    try:
        assert len(project.import_paths([corpus]).documents) == 20
    finally:
        project.close()
    assert seen and not any(seen) and gc.isenabled()
