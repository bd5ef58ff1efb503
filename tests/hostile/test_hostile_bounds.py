"""Issue 16, part 7: resource bounds that are checked, not timed: synth refuses sizes that do not
fit, compare --chart and network --chart honour --timeout."""

from __future__ import annotations

import time

from hostile import ROOT, assert_error, cli


def test_synth_refuses_a_size_that_cannot_fit(tmp_path):
    line = assert_error(
        cli("synth", "--agreements", "1000000000000", "-o", tmp_path / "s"), "--agreements"
    )
    assert "needs about" in line and "PB" in line and "free" in line
    assert not (tmp_path / "s").exists()


def test_synth_estimate_is_an_upper_bound(tmp_path):
    from iopkg.synth.generate import estimate

    assert cli("synth", "--agreements", "200", "-o", tmp_path / "s").exit_code == 0
    size = (tmp_path / "s" / "synthetic.ttl").stat().st_size
    disk, _ = estimate(200)
    assert size <= disk <= 2 * size


def test_compare_chart_honours_timeout(tmp_path, monkeypatch):
    def slow(*args, **kwargs):
        time.sleep(60)

    monkeypatch.setattr("iopkg.cli.compare.draw_chart", slow)
    start = time.monotonic()
    chart = tmp_path / "c.png"
    result = cli(
        "compare",
        "--data",
        ROOT / "data",
        "--chart",
        chart,
        "--timeout",
        "3",
        "-o",
        tmp_path / "c.csv",
    )
    assert_error(result, "stopped after")
    assert time.monotonic() - start < 30
    assert not chart.exists()


def test_network_chart_honours_timeout(tmp_path, monkeypatch):
    def slow(*args, **kwargs):
        time.sleep(60)

    monkeypatch.setattr("iopkg.cli.network.draw_funding_chart", slow)
    start = time.monotonic()
    chart = tmp_path / "n.png"
    result = cli("network", ROOT / "data", "--chart", chart, "--timeout", "3")
    assert_error(result, "stopped after")
    assert time.monotonic() - start < 30
    assert not chart.exists()


def test_network_report_without_timeout_still_works(tmp_path):
    result = cli("network", ROOT / "data", "--chart", tmp_path / "n.svg", "--timeout", "120")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "n.svg").is_file() and "Largest funders" in result.output


def test_parties_clique_is_refused_above_the_limit(tmp_path):
    out = tmp_path / "p.graphml"
    args = ("export", "-f", "graphml", "--network", "parties", "-o", out)
    line = assert_error(cli(*args, "--max-edges", "1"), "--network parties", "--max-edges")
    assert "co-party edges" in line and not out.exists()
    assert_error(cli(*args, env={"IOPKG_MAX_PARTY_EDGES": "1"}), "more than the limit of 1")
    assert cli(*args).exit_code == 0 and out.exists()  # the real data is far below the default
