"""The page for people, clicked through in a headless Chromium (Debian's `chromium` and
`chromium-driver`, driven by Selenium): run a saved query with a parameter, download the
result, follow an entity link, and use the query editor.

Skipped with the reason when Chromium or ChromeDriver is missing — except under CI=true,
where .ci/run installs them and a missing browser must fail the run.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from test_endpoint import QUERIES, VARRO, fill

from communique.endpoint import BackgroundServer, EndpointConfig
from communique.store import ArticleStore

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def _require_browser() -> None:
    missing = [name for name, path in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER))
               if path is None]  # fmt: skip
    if not missing:
        return
    reason = (f"{' and '.join(missing)} not installed (apt-get install chromium "
              "chromium-driver)")  # fmt: skip
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the browser tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = ArticleStore(tmp_path_factory.mktemp("browser") / "store")
    fill(store)
    with BackgroundServer(store, EndpointConfig(queries_dir=QUERIES)) as srv:
        yield srv
    store.close()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory, downloads):
    _require_browser()
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not fetch anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path_factory.mktemp('chrome-profile')}"):  # fmt: skip
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        },
    )
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()


def _wait(driver, condition, seconds: float = 10):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(condition)


def test_saved_query_download_and_entity_link(browser, server, downloads):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    browser.get(server.url + "/")
    entry = _wait(browser, ec.presence_of_element_located((By.ID, "saved-meetings-of")))
    entry.find_element(By.TAG_NAME, "summary").click()
    field = _wait(browser, ec.visibility_of_element_located(
        (By.CSS_SELECTOR, "#form-meetings-of input[name=official]")))  # fmt: skip
    field.send_keys(VARRO)
    entry.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    _wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#result-table tbody tr")) == 2)
    table = browser.find_element(By.ID, "result-table").text
    assert "Tomas Ekholm" in table and "Oğuz Şahin" in table
    assert browser.find_element(By.ID, "status").text.startswith("2 rows")

    # download the result as CSV
    browser.find_element(By.ID, "download-csv").click()
    deadline = time.monotonic() + 10
    files: list[Path] = []
    while time.monotonic() < deadline:
        files = [p for p in downloads.iterdir() if p.suffix == ".csv"]
        if files:
            break
        time.sleep(0.1)
    assert files, f"no CSV downloaded: {list(downloads.iterdir())}"
    lines = files[0].read_text(encoding="utf-8").splitlines()
    assert lines[0] == "official,since,event,date,other,otherName,article"
    assert len(lines) == 3 and any("Tomas Ekholm" in line for line in lines)

    # follow an entity link to the official's page
    link = browser.find_element(By.CSS_SELECTOR, "#result-table a[href='/id/person/tomas-ekholm']")
    link.click()
    heading = _wait(browser, ec.presence_of_element_located((By.TAG_NAME, "h1")))
    assert heading.text.startswith("Tomas Ekholm")
    evidence = browser.find_element(By.CSS_SELECTOR, "table.evidence").text
    assert "She later met Minister of Defence Tomas Ekholm at the ministry." in evidence
    assert "Admiral visits the Alley of Honour" in browser.page_source


def test_query_editor(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(server.url + "/")
    editor = browser.find_element(By.ID, "query")
    editor.clear()
    editor.send_keys("SELECT (COUNT(DISTINCT ?e) AS ?events) WHERE {\n")
    editor.send_keys("?e <https://w3id.org/communique/ontology#reportedIn> ?a }")
    editor.send_keys(Keys.CONTROL, Keys.ENTER)
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#result-table tbody td"))
    assert browser.find_element(By.CSS_SELECTOR, "#result-table tbody td").text.startswith("4")
    assert (
        browser.find_element(By.ID, "download-tsv")
        .get_attribute("href")
        .endswith("format=tsv&download=1")
    )
    editor.clear()
    editor.send_keys("SELECT * WHERE {\n  ?s ?p\n}")
    browser.find_element(By.ID, "run").click()
    _wait(browser, lambda d: "error" in d.find_element(By.ID, "status").get_attribute("class"))
    assert "400" in browser.find_element(By.ID, "status").text
    assert "error at 3:" in browser.find_element(By.ID, "status").text
    selected = browser.execute_script("return document.getElementById('query').selectionStart")
    assert selected > len("SELECT * WHERE {\n  ?s ?p")  # the editor points at the error
    assert browser.find_element(By.ID, "cursor").text  # the editor shows where the cursor is
