"""Whether sign-in is set up: the `[auth]` section of Streamlit's secrets file, which `st.login`
reads, checked by the same rules Streamlit applies when someone signs in (`redirect_uri` and
`cookie_secret` in `[auth]`; `client_id`, `client_secret` and `server_metadata_url` in `[auth]`
itself, the default provider, or in a provider's own `[auth.NAME]`).

Read without Streamlit, so `python -m readiness check` finds a broken set-up before the first
person tries to sign in. Only the names of settings are ever said, never their values.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from readiness.settings import PROJECT_ROOT

# Where `streamlit run app.py`, started in the project folder, finds the secrets.
SECRETS_PATH = PROJECT_ROOT / ".streamlit" / "secrets.toml"

SHARED_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
# A table in [auth] that is a setting of the default provider, not a provider of its own.
DEFAULT_PROVIDER_TABLES = ("client_kwargs",)
# Streamlit sends the browser back to this path of redirect_uri, and refuses any other.
CALLBACK_PATH = "/oauth2callback"


@dataclass(frozen=True)
class SignInSetup:
    path: Path
    found: bool  # the file has an [auth] section
    providers: tuple[str, ...] = ()  # "default" for the client settings in [auth] itself
    problems: tuple[str, ...] = ()  # what to change, in words; empty when it will work

    @property
    def configured(self) -> bool:
        return self.found and not self.problems


def read_sign_in(path: Path = SECRETS_PATH) -> SignInSetup:
    """What the `[auth]` section of `path` sets up (a missing file sets up nothing); ValueError
    naming the file if it cannot be read or is not valid TOML."""
    try:
        secrets = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return SignInSetup(path, found=False)
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot read {path}: {error}") from None
    except tomllib.TOMLDecodeError as error:
        # The parser's message gives the line and column, never the text found there.
        raise ValueError(f"{path} is not valid TOML ({error})") from None
    auth = secrets.get("auth")
    if auth is None:
        return SignInSetup(path, found=False)
    if not isinstance(auth, dict):
        return SignInSetup(path, True, problems=("auth must be a section: [auth]",))
    providers = _providers(auth)
    problems = [f"[auth] has no {key}" for key in SHARED_KEYS if not _given(auth, key)]
    redirect = auth.get("redirect_uri")
    if _given(auth, "redirect_uri") and not str(redirect).endswith(CALLBACK_PATH):
        problems.append(f"redirect_uri must end in {CALLBACK_PATH}")
    for name, section in providers.items():
        where = "[auth]" if name == "default" else f"[auth.{name}]"
        missing = [key for key in PROVIDER_KEYS if not _given(section, key)]
        if missing:
            problems.append(f"{where} has no {', '.join(missing)}")
        if "_" in name:
            problems.append(f"{where}: Streamlit refuses a provider name with an underscore")
    if not providers:
        problems.append(
            f"[auth] names no provider: give {', '.join(PROVIDER_KEYS)} in [auth], or in a "
            "section [auth.NAME] for each provider"
        )
    return SignInSetup(path, True, tuple(providers), tuple(problems))


def _providers(auth: dict) -> dict[str, dict]:
    """Each provider's settings by name, as st.login looks them up."""
    found = {
        name: value
        for name, value in auth.items()
        if isinstance(value, dict) and name not in DEFAULT_PROVIDER_TABLES
    }
    if any(key in auth for key in PROVIDER_KEYS):
        found = {"default": auth, **found}
    return found


def _given(section: dict, key: str) -> bool:
    """Whether `key` has a value: an empty one signs nobody in."""
    return section.get(key) not in (None, "")
