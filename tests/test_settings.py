import pytest

from xladdin.errors import Code, ConfigError
from xladdin.settings import DEFAULTS, Settings, load_settings


def test_playbook_and_amazon_defaults():
    s = Settings()
    assert (s.cover_days, s.safety_days, s.case_pack, s.moq) == (30, 14, 1, 0)
    assert (s.title_max, s.title_guide) == (200, 180)
    assert (s.min_contribution, s.min_margin) == (0.05, 0.15)
    assert (s.odr_max, s.lsr_max, s.vtr_min, s.cancel_max) == (0.01, 0.04, 0.95, 0.025)
    assert (s.min_monthly_search, s.max_bsr, s.max_review_growth) == (10_000, 100, 50)
    assert 0.25 <= s.target_acos <= 0.35


def test_unknown_key_is_an_error_naming_the_key():
    with pytest.raises(ConfigError) as e:
        load_settings({"target_acoss": 0.3})
    assert e.value.code == Code.SETTINGS_INVALID
    assert "target_acoss" in str(e.value) and "unknown key" in str(e.value)


def test_all_problems_reported_at_once():
    with pytest.raises(ConfigError) as e:
        load_settings({"cover_days": -1, "case_pack": 0, "bogus": 1})
    msg = str(e.value)
    assert "cover_days" in msg and "case_pack" in msg and "bogus" in msg


def test_override_keeps_the_rest():
    s = load_settings({"target_acos": 0.25})
    assert s.target_acos == 0.25 and s.lead_time_days == DEFAULTS.lead_time_days


def test_settings_are_immutable():
    with pytest.raises(Exception):
        DEFAULTS.target_acos = 0.5
