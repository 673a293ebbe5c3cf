"""How many processes `protocol validate` uses when the user does not say."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toolkit import engine


def test_few_files_are_checked_in_this_process_even_when_the_user_asks_for_more():
    assert engine.worker_count(engine.PARALLEL_THRESHOLD - 1, 8) == 1
    assert engine.worker_count(engine.PARALLEL_THRESHOLD, 2) == 2


def test_never_more_workers_than_files():
    assert engine.worker_count(50, 64) == 50
    assert engine.pool_size(idle_cores=8.0, seconds_per_file=1.0, files=3) == 3


def test_the_users_choice_is_kept():
    assert engine.worker_count(500, 2) == 2
    assert engine.worker_count(500, 1) == 1


def test_one_worker_per_idle_core():
    assert engine.pool_size(idle_cores=2.0, seconds_per_file=0.003, files=2000) == 2
    assert engine.pool_size(idle_cores=1.6, seconds_per_file=0.003, files=2000) == 2  # more than half free
    assert engine.pool_size(idle_cores=1.0, seconds_per_file=0.003, files=2000) == 1  # the other core is busy
    assert engine.pool_size(idle_cores=0.2, seconds_per_file=0.003, files=2000) == 1
    assert engine.pool_size(idle_cores=5.3, seconds_per_file=0.003, files=2000) == 5


def test_a_pool_only_for_work_that_earns_its_start():
    enough = engine.POOL_MIN_SECONDS / 100
    assert engine.pool_size(idle_cores=2.0, seconds_per_file=enough, files=100) == 2
    assert engine.pool_size(idle_cores=2.0, seconds_per_file=enough, files=99) == 1


def _probe_over(seconds: float):
    probe = engine.MachineProbe()
    while probe.seconds() < seconds:  # this process busy, as when it checks the first files
        pass
    return probe.idle_cores()


@pytest.mark.skipif(not os.path.exists("/proc/stat"), reason="Linux only")
def test_a_process_busy_beside_this_one_is_seen():
    cores = engine._cores()
    if cores < 2:
        pytest.skip("one core: nothing to measure")
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.2)
        idle = min(_probe_over(0.3) for _ in range(3))
    finally:
        burner.kill()
        burner.wait()
    assert idle <= cores - 0.5  # the burner's core, within the tick counter's resolution


def test_this_process_does_not_count_as_busy(monkeypatch):
    clock = {"machine": 100.0, "own": 10.0, "now": 50.0}
    monkeypatch.setattr(engine, "_machine_cpu", lambda: clock["machine"])
    monkeypatch.setattr(engine, "_own_cpu", lambda: clock["own"])
    monkeypatch.setattr(engine.time, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(engine, "_cores", lambda: 2)
    probe = engine.MachineProbe()
    clock.update(machine=100.2, own=10.2, now=50.2)  # 0.2 s: only this process worked
    assert probe.idle_cores() == pytest.approx(2.0)
    clock.update(machine=100.8, own=10.4, now=50.4)  # another process used a core all along
    assert probe.idle_cores() == pytest.approx(1.0)


def test_without_proc_stat_the_load_average_stands_in(monkeypatch):
    monkeypatch.setattr(engine, "_machine_cpu", lambda: None)
    monkeypatch.setattr(engine, "_cores", lambda: 2)
    monkeypatch.setattr(engine, "_running_elsewhere", lambda: 0)
    monkeypatch.setattr(engine.os, "getloadavg", lambda: (1.0, 1.0, 1.0))
    assert engine.MachineProbe().idle_cores() == pytest.approx(1.0)
    monkeypatch.setattr(engine, "_running_elsewhere", lambda: 2)  # the average lags a job just started
    assert engine.MachineProbe().idle_cores() == pytest.approx(0.0)


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
    monkeypatch.setattr(engine, "POOL_MIN_SECONDS", 0.0)
    for idle, expected in ((0.0, []), (2.0, [2])):  # the probe finds no core free, then two
        pools.clear()
        monkeypatch.setattr(engine.MachineProbe, "idle_cores", lambda self, idle=idle: idle)
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
