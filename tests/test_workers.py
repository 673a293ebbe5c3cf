"""How many processes `protocol validate` uses when the user does not say."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from toolkit import engine


@pytest.fixture
def machine(monkeypatch):
    def set_machine(cores: int, load: float, running: int = 0):
        monkeypatch.setattr(engine.os, "cpu_count", lambda: cores)
        monkeypatch.setattr(engine.os, "getloadavg", lambda: (load, load, load))
        monkeypatch.setattr(engine, "_running_elsewhere", lambda: running)
    return set_machine


def test_few_files_are_checked_in_this_process(machine):
    machine(cores=2, load=0.0)
    assert engine.worker_count(engine.PARALLEL_THRESHOLD - 1, None) == 1
    assert engine.worker_count(engine.PARALLEL_THRESHOLD - 1, 8) == 1
    assert engine.worker_count(engine.DEFAULT_THRESHOLD - 1, None) == 1  # unless the user asks
    assert engine.worker_count(engine.DEFAULT_THRESHOLD - 1, 2) == 2
    assert engine.worker_count(engine.DEFAULT_THRESHOLD, None) == 2


def test_one_worker_per_idle_core(machine):
    machine(cores=2, load=0.1)
    assert engine.worker_count(2000, None) == 2
    machine(cores=2, load=1.0)  # the other core is busy: a second worker would only slow the run
    assert engine.worker_count(2000, None) == 1
    machine(cores=8, load=3.2)
    assert engine.worker_count(2000, None) == 5


def test_a_job_that_has_just_started_counts_before_the_load_average_shows_it(machine):
    machine(cores=2, load=0.1, running=1)
    assert engine.worker_count(2000, None) == 1
    machine(cores=2, load=1.0, running=0)  # the average lags: it still counts as busy
    assert engine.worker_count(2000, None) == 1
    machine(cores=8, load=1.0, running=3)
    assert engine.worker_count(2000, None) == 5


@pytest.mark.skipif(not os.path.exists("/proc/loadavg"), reason="Linux only")
def test_a_process_running_beside_this_one_is_seen():
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        seen = []
        for _ in range(20):  # a sample catches it running unless the machine is swamped
            seen.append(engine._running_elsewhere())
            time.sleep(0.01)
        assert max(seen) >= 1
    finally:
        burner.kill()
        burner.wait()


def test_never_more_workers_than_files_or_cores(machine):
    machine(cores=4, load=0.0)
    assert engine.worker_count(engine.DEFAULT_THRESHOLD, None) == 4
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
