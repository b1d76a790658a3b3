"""The onboarding wizard: ``OnboardingWizard(runtime, sandbox_info=..., profile=...)``."""

from sage50_desktop.ui.wizard.wizard import OnboardingWizard, SandboxInfo

__all__ = ["OnboardingWizard", "SandboxInfo"]
