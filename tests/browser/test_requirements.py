"""What the browser checks need: missing under CI=true is a failure, elsewhere a loud skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import require


def test_a_missing_requirement_fails_in_ci(tmp_path: Path) -> None:
    missing = tmp_path / "node_modules" / "axe-core" / "axe.min.js"
    with pytest.raises(pytest.fail.Exception, match="axe"):
        require(missing, "axe-core is missing", in_ci=True)
    with pytest.raises(pytest.skip.Exception), pytest.warns(UserWarning, match="axe"):
        require(missing, "axe-core is missing", in_ci=False)
    require(tmp_path, "present", in_ci=True)  # there: nothing happens
