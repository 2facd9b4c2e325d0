from importlib import resources

import pytest

from ishreja.plans.services import plan_import_file

SEED_2026 = resources.files("ishreja.plans").joinpath("demo_data/jondor-2026.txt")


@pytest.fixture
def seed_plan(cast):
    """Jondor's real 2026 plan, imported as a draft by its director."""
    return plan_import_file(
        centre=cast.jondor, data=SEED_2026.read_bytes(), filename="jondor-2026.txt", user=cast.jondor_director
    ).plan
