"""How many processes `protocol validate` uses when the user does not say."""

from __future__ import annotations

import pytest

from toolkit import engine


@pytest.fixture
def machine(monkeypatch):
    def set_machine(cores: int, load: float):
        monkeypatch.setattr(engine.os, "cpu_count", lambda: cores)
        monkeypatch.setattr(engine.os, "getloadavg", lambda: (load, load, load))
    return set_machine


def test_few_files_are_checked_in_this_process(machine):
    machine(cores=2, load=0.0)
    assert engine.worker_count(engine.PARALLEL_THRESHOLD - 1, None) == 1
    assert engine.worker_count(engine.PARALLEL_THRESHOLD - 1, 8) == 1


def test_one_worker_per_idle_core(machine):
    machine(cores=2, load=0.1)
    assert engine.worker_count(2000, None) == 2
    machine(cores=2, load=1.0)  # the other core is busy: a second worker would only slow the run
    assert engine.worker_count(2000, None) == 1
    machine(cores=8, load=3.2)
    assert engine.worker_count(2000, None) == 5


def test_never_more_workers_than_files_or_cores(machine):
    machine(cores=4, load=0.0)
    assert engine.worker_count(engine.PARALLEL_THRESHOLD, None) == 4
    assert engine.worker_count(50, 64) == 50


def test_the_users_choice_is_kept(machine):
    machine(cores=2, load=2.0)
    assert engine.worker_count(500, 2) == 2
    assert engine.worker_count(500, 1) == 1


def test_only_the_tables_of_selected_rules_are_built_before_the_workers_fork():
    from toolkit.parse import drug_names, readability
    from toolkit.settings import RuleConfig, Selection

    def built():
        return {table.__qualname__ for table in (*readability.TABLES, *drug_names.TABLES) if table.cache_info().currsize}

    tables = (*readability.TABLES, *drug_names.TABLES)
    try:
        for table in tables:
            table.cache_clear()
        engine._warm([("a.yaml", RuleConfig(Selection(select=("AGE",))))])
        assert built() == set()
        engine._warm([("a.yaml", RuleConfig(Selection(select=("AGE",)))), ("b.yaml", RuleConfig(Selection(select=("ARM009",))))])
        assert built() == {"_table"}
        engine._warm([("a.yaml", RuleConfig())])
        assert built() == {"_table", "_cmu", "_pyphen"}
    finally:
        for table in tables:
            table()  # as the other tests found them
