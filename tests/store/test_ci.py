"""CI runs the PostgreSQL tests for real: CI=true, a server URL, and no way to skip."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

CI = (ROOT / ".ci" / "run").read_text()


def test_ci_exports_ci_and_the_postgres_url_before_the_tests() -> None:
    tests_at = CI.index("python -m pytest")
    assert 0 < CI.index("export CI=true") < tests_at
    assert 0 < CI.index("export LEVERAGE_TEST_POSTGRES_URL=") < tests_at
    assert "postgresql://postgres@127.0.0.1:5432/test" in CI


def _run_postgres_test(ci: str) -> subprocess.CompletedProcess[str]:
    """One PostgreSQL case against a server that is not there (port 1)."""
    env = {
        "PATH": "",
        "HOME": str(ROOT),
        "CI": ci,
        "LEVERAGE_TEST_POSTGRES_URL": "postgresql://postgres@127.0.0.1:1/test",
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/store/test_state.py::test_delete[postgresql]",
        ],
        capture_output=True,
        check=False,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_without_a_server_postgres_tests_skip_saying_why_locally() -> None:
    result = _run_postgres_test("")
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
    assert "PostgreSQL not reachable at postgresql+psycopg://postgres@127.0.0.1:1/test" in (
        result.stdout
    )


def test_without_a_server_postgres_tests_fail_under_ci() -> None:
    result = _run_postgres_test("true")
    assert result.returncode == 1, result.stdout
    assert "CI=true: PostgreSQL tests must run, not skip" in result.stdout
    assert "skipped" not in result.stdout
