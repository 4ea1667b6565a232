"""One `openai` client per endpoint and process: cases share it instead of building one (and an SSL context) each."""

from __future__ import annotations

from dataclasses import replace

from distillbench.fixtures.models_file import ModelSpec
from distillbench.plugin import SUITE_KEY
from distillbench.recording.client import ClientPool
from tests.conftest import SuiteProject

SPEC = ModelSpec(name="m", base_url="http://127.0.0.1:9/v1", model="m", vendor="V", family="F")


def test_sampling_shares_the_endpoints_client_and_another_endpoint_gets_its_own() -> None:
    pool = ClientPool()
    greedy = pool.client(SPEC, recording=False)
    assert pool.client(replace(SPEC, temperature=0.7, seed=1234), recording=False) is greedy
    assert pool.client(replace(SPEC, name="other-name", max_tokens=64), recording=False) is greedy
    other = pool.client(replace(SPEC, base_url="http://127.0.0.1:10/v1"), recording=False)
    assert other is not greedy
    assert pool.made == len(pool) == 2
    pool.close()
    assert len(pool) == 0 and pool.made == 2


def test_recording_and_replay_clients_differ_in_retries() -> None:
    """Replay never retries, recording retries boundedly: the same endpoint needs two clients then."""
    pool = ClientPool()
    replay, record = pool.client(SPEC, recording=False), pool.client(SPEC, recording=True)
    assert replay is not record
    assert (replay.max_retries, record.max_retries) == (0, SPEC.max_retries)
    pool.close()


def test_a_replay_builds_one_client_per_model_not_per_case(suite_project: SuiteProject) -> None:
    """30 cases over three models, in one process: three clients, one per model."""
    reprec = suite_project.pytester.inline_run(*suite_project.args("-n", "0", "-p", "no:cacheprovider"))
    reprec.assertoutcome(passed=30)
    suite = reprec.getcall("pytest_sessionfinish").session.config.stash[SUITE_KEY]
    assert len(suite.models) == 3
    assert suite.clients.made == 3
    assert len(suite.clients) == 0  # closed at unconfigure
