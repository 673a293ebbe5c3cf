"""How many processes `protocol validate` uses when the user does not say."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import engine


def test_few_files_are_checked_in_this_process_even_when_the_user_asks_for_more():
    assert engine.worker_count(engine.PARALLEL_THRESHOLD - 1, 8) == 1
    assert engine.worker_count(engine.PARALLEL_THRESHOLD, 2) == 2


def test_never_more_workers_than_files():
    assert engine.worker_count(50, 64) == 50
    assert engine.pool_size(cores=8, seconds_per_file=1.0, files=3) == 3


def test_the_users_choice_is_kept():
    assert engine.worker_count(500, 2) == 2
    assert engine.worker_count(500, 1) == 1


def test_one_worker_per_core_for_work_that_earns_their_start():
    enough = engine.POOL_MIN_SECONDS / 100
    assert engine.pool_size(cores=2, seconds_per_file=enough, files=100) == 2
    assert engine.pool_size(cores=8, seconds_per_file=enough, files=100) == 8
    assert engine.pool_size(cores=2, seconds_per_file=enough, files=99) == 1
    assert engine.pool_size(cores=1, seconds_per_file=1.0, files=1000) == 1


def test_a_file_that_loads_a_table_does_not_set_the_pace(monkeypatch):
    clock = [10.0]
    monkeypatch.setattr(engine.time, "monotonic", lambda: clock[0])
    timer = engine.FileTimer()
    for took in (0.30, 0.002, 0.15, 0.002, 0.003):  # the drug names, then cn2an on the third file
        clock[0] += took
        timer.file_done()
    assert timer.seconds_per_file() == pytest.approx(0.0025)
    assert timer.seconds() == pytest.approx(0.457)


def test_files_are_reported_in_order_whatever_the_choice(tmp_path, monkeypatch):
    from toolkit.settings import RuleConfig

    source = (Path(__file__).resolve().parent.parent / "protocols").glob("*.yaml")
    example = sorted(source)[0].read_text(encoding="utf-8")
    paths = []
    for i in range(engine.PARALLEL_THRESHOLD + 20):
        path = tmp_path / f"p{i:03}.yaml"
        path.write_text(example if i % 7 else "a: [", encoding="utf-8")
        paths.append(str(path))
    work = [(path, RuleConfig()) for path in paths]
    alone = list(engine.check_files(work, 1))
    pools = []
    in_processes = engine._in_processes
    monkeypatch.setattr(engine, "_in_processes", lambda rest, jobs: (pools.append(jobs), in_processes(rest, jobs))[1])
    monkeypatch.setattr(engine, "PROBE_SECONDS", 0.0)
    monkeypatch.setattr(engine, "_cores", lambda: 2)
    for least, expected in ((1e9, []), (0.0, [2])):  # the work left earns no pool, then one
        pools.clear()
        monkeypatch.setattr(engine, "POOL_MIN_SECONDS", least)
        assert list(engine.check_files(work, None)) == alone
        assert pools == expected


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


def test_what_is_built_before_the_fork_is_kept_out_of_the_collectors_reach():
    import gc

    from toolkit.settings import RuleConfig

    gc.unfreeze()
    try:
        engine._warm([("a.yaml", RuleConfig())])
        assert gc.get_freeze_count() > 10_000  # the modules, the schema validator, the tables
    finally:
        gc.unfreeze()
