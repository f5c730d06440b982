"""The sample reverse-proxy config (docs/deploy/nginx.conf) works with the app as it is.

Its protective headers are applied to each page in real Chromium; every page must render with
no Content-Security-Policy violation and no request to any host but the app's own. The policy's
one script hash must be that of the inline script in the installed Streamlit's index.html, so an
upgrade of Streamlit that changes it fails here rather than on a council's server.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
import streamlit
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import serve  # noqa: E402

from tests.test_browser import AS_AT, QUERY, SKELETON, WAIT_MS  # noqa: E402

pytestmark = pytest.mark.browser

if not serve.CHROMIUM.exists():
    pytest.skip(f"{serve.CHROMIUM} not found (apt-get install chromium)", allow_module_level=True)

NGINX = ROOT / "docs" / "deploy" / "nginx.conf"
PAGES = {
    "/": "Overdue actions",
    "/plan": "Expand all",
    "/my-actions?lead=Rebecca+Hollis": "Tick the box at the start of a row",
    "/data": "Stored plans",
}


def proxy_headers() -> dict[str, str]:
    return dict(re.findall(r'add_header (\S+) "([^"]*)" always;', NGINX.read_text()))


def test_the_policy_allows_exactly_streamlits_inline_script():
    index = Path(streamlit.__file__).parent / "static" / "index.html"
    scripts = re.findall(r"<script>(.*?)</script>", index.read_text(encoding="utf-8"), re.S)
    hashes = {
        "sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts
    }
    policy = proxy_headers()["Content-Security-Policy"]
    assert hashes == set(re.findall(r"'(sha256-[^']+)'", policy)), (
        f"update the script hash in {NGINX.name} to {hashes}"
    )


def test_every_page_works_behind_the_proxy_headers(tmp_path):
    headers = proxy_headers()
    assert {"X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"} <= set(headers)
    database_url = serve.demo_database(tmp_path, AS_AT)
    violations, elsewhere = [], []
    with serve.serve_app(database_url, tmp_path / "app.log") as base, sync_playwright() as p:
        app_host = urlparse(base).netloc
        # Pages answered through page.route() count as public to Chromium's local-network
        # checks, which would then refuse their connection back to 127.0.0.1.
        args = [*serve.CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"]
        browser = p.chromium.launch(executable_path=str(serve.CHROMIUM), args=args)
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        context.set_default_timeout(WAIT_MS)
        page = context.new_page()
        page.on(
            "console",
            lambda m: "Content Security Policy" in m.text and violations.append(m.text),
        )
        page.on(
            "request",
            lambda r: (
                urlparse(r.url).netloc not in ("", app_host)
                and not r.url.startswith(("data:", "blob:"))
                and elsewhere.append(r.url)
            ),
        )

        def with_headers(route):
            if route.request.resource_type != "document":
                return route.continue_()
            response = route.fetch()
            return route.fulfill(response=response, headers={**response.headers, **headers})

        page.route("**/*", with_headers)
        for path, text in PAGES.items():
            page.goto(f"{base}{path}{'&' if '?' in path else '?'}{QUERY}")
            expect(page.get_by_text(text).first).to_be_visible()
            expect(page.locator(SKELETON)).to_have_count(0)
            page.screenshot(path=str(tmp_path / f"{path.split('?')[0].strip('/') or 'home'}.png"))
        page.unroute_all(behavior="ignoreErrors")
        browser.close()
    assert not violations, violations
    assert not elsewhere, elsewhere
