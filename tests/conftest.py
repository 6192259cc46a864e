"""Shared fixtures: real infrastructure per test module, so modules cannot disturb each other."""
import pytest

from tests.support import Infra, infrastructure


@pytest.fixture(scope="module")
def infra() -> Infra:
    with infrastructure() as ready:
        yield ready
