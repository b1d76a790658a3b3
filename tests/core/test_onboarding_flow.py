"""The onboarding flow as a state machine, with no widgets (and no QApplication)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sage50_desktop.services.onboarding_flow import (
    OnboardingData,
    OnboardingFlow,
    Step,
    StepIncomplete,
)
from sage50_desktop.storage.profiles import Profile


def filled(**overrides: object) -> OnboardingData:
    data = OnboardingData(
        profile_name="Tienda",
        base_url="https://api.example.com/",
        developer_id="dev-1",
        application_id="app-1",
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def test_flow_module_needs_no_qt():
    code = (
        "import sys, sage50_desktop.services.onboarding_flow; "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_flow_goes_through_every_step_and_only_finishes_at_done():
    flow = OnboardingFlow(filled())
    assert flow.current is Step.ENVIRONMENT and not flow.can_go_back()
    assert flow.go_forward() is Step.DEVELOPER
    assert flow.next_step() is Step.CONSENT
    assert flow.go_forward() is Step.CONSENT
    assert not flow.can_finish() and not flow.is_last()
    with pytest.raises(StepIncomplete) as info:
        flow.go_forward()  # no consent yet
    assert info.value.field == "approved"
    flow.data.approved = True
    assert flow.go_forward() is Step.DONE
    assert flow.is_last() and flow.can_finish() and flow.next_step() is None
    assert flow.history == [Step.ENVIRONMENT, Step.DEVELOPER, Step.CONSENT]
    with pytest.raises(RuntimeError):
        flow.go_forward()


def test_extra_application_step_only_when_asked():
    flow = OnboardingFlow(filled(register_extra_application=True))
    flow.go_forward()
    assert flow.go_forward() is Step.APPLICATION
    with pytest.raises(StepIncomplete):
        flow.accept()
    flow.data.extra_application_id = "app-2"
    assert flow.go_forward() is Step.CONSENT
    assert flow.profile().application_id == "app-2"


def test_back_restores_the_data_the_step_was_left_with():
    flow = OnboardingFlow(filled())
    flow.go_forward()
    flow.data.developer_id = "dev-typed"
    flow.go_forward()
    flow.data.domain = "changed-on-consent"
    assert flow.go_back() is Step.DEVELOPER
    assert flow.data.developer_id == "dev-typed" and flow.data.domain == "ecommerce"
    assert flow.go_back() is Step.ENVIRONMENT
    assert flow.data.developer_id == "dev-1"
    with pytest.raises(RuntimeError):
        flow.go_back()


def test_no_way_back_once_consent_is_granted():
    flow = OnboardingFlow(filled())
    flow.go_forward()
    flow.go_forward()
    flow.data.approved = True
    flow.go_forward()
    assert not flow.can_go_back()
    with pytest.raises(RuntimeError):
        flow.go_back()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"profile_name": " "}, "profile_name"),
        ({"base_url": ""}, "base_url"),
        ({"base_url": "ftp://x"}, "base_url"),
        ({"base_url": "http://api.example.com"}, "base_url"),  # plain http off loopback
    ],
)
def test_environment_accept_hook_checks_input(change, field):
    flow = OnboardingFlow(filled(**change))
    with pytest.raises(StepIncomplete) as info:
        flow.go_forward()
    assert info.value.field == field and flow.current is Step.ENVIRONMENT


def test_environment_refuses_a_name_in_use_and_allows_insecure_when_asked():
    flow = OnboardingFlow(filled(), name_taken=lambda name: name == "Tienda")
    with pytest.raises(StepIncomplete):
        flow.go_forward()
    flow = OnboardingFlow(filled(base_url="http://api.example.com", allow_insecure_http=True))
    assert flow.go_forward() is Step.DEVELOPER


@pytest.mark.parametrize("field", ["developer_id", "application_id", "domain"])
def test_developer_accept_hook_needs_both_ids_and_a_domain(field):
    flow = OnboardingFlow(filled(**{field: ""}))
    flow.go_forward()
    with pytest.raises(StepIncomplete) as info:
        flow.go_forward()
    assert info.value.field == field


def test_consent_again_starts_at_consent_for_the_stored_profile():
    stored = Profile("Tienda", "https://api.example.com", "dev-1", "app-1", id="p1")
    flow = OnboardingFlow(OnboardingData.from_profile(stored), start=Step.CONSENT)
    assert flow.current is Step.CONSENT and not flow.can_go_back()
    flow.data.approved = True
    assert flow.go_forward() is Step.DONE
    profile = flow.profile()
    assert (profile.id, profile.name, flow.data.existing_profile) == ("p1", "Tienda", True)


def test_profile_is_built_from_the_data_with_a_pregenerated_id():
    data = filled(sandbox=True)
    flow = OnboardingFlow(data)
    profile = flow.profile()
    assert profile.id == data.profile_id and len(profile.id) == 32
    assert profile.base_url == "https://api.example.com" and profile.sandbox
    assert OnboardingData().profile_id != OnboardingData().profile_id
