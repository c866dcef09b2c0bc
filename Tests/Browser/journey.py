#!/usr/bin/env python3
"""The micro-credential journey in headless Chromium through WebDriver (Selenium + chromium-driver).

Run by BadgeServerTests' WebBrowserJourneyTests against a live `laurel serve` application:

    journey.py BASE_URL OUTBOX_DIR FILES_DIR ARTEFACTS_DIR

An admin signs in through the link in the outbox and invites a learner; the learner signs in through their link
and submits in three parts (context, evidence per criterion with a file, a reflection); an assessor claims it in
the queue and returns "not yet" with a next step; the learner reads the feedback and resubmits, replacing one
file (the rest carried forward); a second review earns the badge. Screenshots at 1280 and 390 px wide go to
ARTEFACTS_DIR. Prints one JSON line with what the Swift test checks next. Exit 0 only if every step held.
"""
import email
import email.policy
import glob
import json
import os
import re
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

BASE, OUTBOX, FILES, ARTEFACTS = sys.argv[1:5]


def fail(message):
    print("journey: FAILED: " + message, file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def last_link(address):
    """The sign-in link in the newest .eml in the outbox addressed to `address`."""
    deadline = time.time() + 10
    while time.time() < deadline:
        found = None
        for path in sorted(glob.glob(os.path.join(OUTBOX, "*.eml")), key=os.path.getmtime):
            with open(path, "rb") as handle:
                message = email.message_from_binary_file(handle, policy=email.policy.default)
            if address.lower() in str(message["To"]).lower():
                body = message.get_body(preferencelist=("plain",))
                text = body.get_content() if body is not None else ""
                match = re.search(r"(https?://\S+/signin/link\?token=[A-Za-z0-9_-]+)", text)
                if match:
                    found = match.group(1)
        if found:
            return found
        time.sleep(0.2)
    fail("no sign-in link for %s in %s" % (address, OUTBOX))


def mail_subjects(address):
    out = []
    for path in sorted(glob.glob(os.path.join(OUTBOX, "*.eml")), key=os.path.getmtime):
        with open(path, "rb") as handle:
            message = email.message_from_binary_file(handle, policy=email.policy.default)
        if address.lower() in str(message["To"]).lower():
            out.append(str(message["Subject"]))
    return out


def new_browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400",
                     "--disable-gpu"):
        options.add_argument(argument)
    binary = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if os.path.exists(p)), None)
    if binary:
        options.binary_location = binary
    driver_path = next((p for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver") if os.path.exists(p)), None)
    service = Service(executable_path=driver_path) if driver_path else Service()
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


def shoot(driver, name):
    """A full-height screenshot at 1280 and at 390 px wide."""
    for width in (1280, 390):
        driver.set_window_size(width, 1400)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(max(height, 600), 6000))
        driver.save_screenshot(os.path.join(ARTEFACTS, "web-%s-%d.png" % (name, width)))
    driver.set_window_size(1280, 1400)


def sign_in(driver, address):
    driver.get(BASE + "/signin")
    driver.find_element(By.ID, "email").send_keys(address)
    submit(driver, "send-link", "Check your mail", "the sign-in page says to check the mail")
    driver.get(last_link(address))
    driver.find_element(By.ID, "continue").click()
    wait_for(driver, lambda d: "/signin" not in d.current_url, "signed in")


def text(driver):
    try:
        return driver.find_element(By.TAG_NAME, "body").text
    except Exception:
        return ""


def wait_for(driver, predicate, what, seconds=15):
    """Polls until `predicate(driver)` holds (a click that submits a form returns before the next page is there)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if predicate(driver):
                return
        except Exception:
            pass
        time.sleep(0.1)
    fail(what + " (page %s: %s)" % (driver.current_url, text(driver)[:400]))


def submit(driver, element_id, expected, what):
    """Clicks a submit button and waits for the next page to show `expected`."""
    driver.find_element(By.ID, element_id).click()
    wait_for(driver, lambda d: expected in text(d), what)


def fill(driver, element_id, value):
    element = driver.find_element(By.ID, element_id)
    element.clear()
    element.send_keys(value)


results = {}
admin = new_browser()
learner = new_browser()
assessor = new_browser()
try:
    # The admin invites a learner.
    sign_in(admin, "admin@riverside.example")
    check(admin.current_url.endswith("/admin"), "the admin lands on the overview, not " + admin.current_url)
    shoot(admin, "admin-overview")
    admin.get(BASE + "/admin/people")
    fill(admin, "email", "lea@example.org")
    fill(admin, "name", "Léa Learner")
    admin.find_element(By.CSS_SELECTOR, "form[action='/admin/people'] button[type=submit]").click()
    wait_for(admin, lambda d: "lea@example.org added as learner. Invitation sent." in text(d), "the invitation was sent")
    shoot(admin, "admin-people")

    # The learner signs in through the invitation and submits in three parts, with a file.
    learner.get(last_link("lea@example.org"))
    learner.find_element(By.ID, "continue").click()
    wait_for(learner, lambda d: d.current_url.endswith("/learn"), "the learner lands on their home page")
    shoot(learner, "learner-home")
    learner.find_element(By.LINK_TEXT, "Community Project").click()
    wait_for(learner, lambda d: "(needed)" in text(d), "the rubric page opens")
    check("(needed)" in text(learner) and "A plan with roles and dates." in text(learner), "the rubric is shown first")
    shoot(learner, "learner-rubric")
    learner.find_element(By.LINK_TEXT, "Start a submission").click()
    wait_for(learner, lambda d: d.find_elements(By.ID, "context"), "the submission form opens")
    fill(learner, "name", "Léa Learner")
    fill(learner, "context", "Our street's spring clean-up, May 2026, with twelve neighbours.")
    learner.find_element(By.ID, "file-0").send_keys(os.path.join(FILES, "plan.txt"))
    fill(learner, "narrative-0", "I split the work into roles with dates.")
    learner.find_element(By.ID, "file-1").send_keys(os.path.join(FILES, "photos.pdf"))
    fill(learner, "narrative-1", "Photos of the day.")
    fill(learner, "reflection", "Next time I would start the planning earlier.")
    submit(learner, "save", "Your draft is saved", "the draft is saved")
    check("plan.txt" in text(learner) and "photos.pdf" in text(learner), "the saved draft keeps both files")
    shoot(learner, "learner-draft")
    submit(learner, "submit", "Status: with assessors", "the submission is with assessors")
    first = learner.current_url.split("/learn/submissions/")[1].split("?")[0]
    results["first"] = first

    # The assessor claims it in the queue and returns "not yet" with a next step.
    sign_in(assessor, "ines@riverside.example")
    check("Community Project" in text(assessor), "the queue lists the submission")
    check("Léa" not in text(assessor), "learner names are hidden by default")
    shoot(assessor, "assessor-queue")
    assessor.find_element(By.XPATH, "//button[text()='Claim and read']").click()
    wait_for(assessor, lambda d: "I split the work into roles with dates." in text(d),
             "the submission is shown beside the rubric")
    assessor.find_element(By.CSS_SELECTOR, "input[name='level-0'][value='proficient']").click()
    fill(assessor, "strengths-0", "Clear roles and dates.")
    assessor.find_element(By.CSS_SELECTOR, "input[name='level-1'][value='beginning']").click()
    fill(assessor, "strengths-1", "The photos show the day well.")
    fill(assessor, "next-1", "Measure what changed: a short survey before and after.")
    fill(assessor, "overall", "A strong start.")
    shoot(assessor, "assessor-review")
    submit(assessor, "record", "Your review is recorded", "the review is recorded")

    # The learner reads the feedback and resubmits, replacing the photos with a survey.
    check(any("Feedback on Community Project is ready" in s for s in mail_subjects("lea@example.org")),
          "the learner is told the feedback is ready")
    learner.get(BASE + "/learn/submissions/" + first)
    check(learner.find_element(By.ID, "status").text == "not yet", "the submission says not yet")
    check("Measure what changed: a short survey before and after." in text(learner), "the next step is shown")
    shoot(learner, "learner-feedback")
    learner.find_element(By.ID, "resubmit").click()
    wait_for(learner, lambda d: "plan.txt" in text(d) and "photos.pdf" in text(d), "the next attempt starts from the last")
    for box in learner.find_elements(By.CSS_SELECTOR, "input[name='keep-1']"):
        if box.is_selected():
            box.click()
    learner.find_element(By.ID, "file-1").send_keys(os.path.join(FILES, "survey.pdf"))
    fill(learner, "narrative-1", "The survey shows what changed: 9 of 12 neighbours now sort their waste.")
    shoot(learner, "learner-resubmit")
    submit(learner, "submit", "Status: with assessors", "attempt 2 is with assessors")
    second = learner.current_url.split("/learn/submissions/")[1].split("?")[0]
    results["second"] = second

    # A second review earns it.
    assessor.get(BASE + "/assess")
    assessor.find_element(By.XPATH, "//button[text()='Claim and read']").click()
    wait_for(assessor, lambda d: "Asked last time" in text(d), "the reader sees what was asked last time")
    assessor.find_element(By.CSS_SELECTOR, "input[name='level-0'][value='proficient']").click()
    assessor.find_element(By.CSS_SELECTOR, "input[name='level-1'][value='proficient']").click()
    fill(assessor, "strengths-1", "The survey makes the change visible.")
    submit(assessor, "record", "Your review is recorded", "the second review is recorded")
    check(any("You earned Community Project" in s for s in mail_subjects("lea@example.org")),
          "the learner is told the badge is earned")
    learner.get(BASE + "/learn/submissions/" + second)
    check(learner.find_element(By.ID, "status").text == "earned", "attempt 2 is earned")
    check(learner.find_element(By.ID, "download").is_displayed(), "the badge can be downloaded")
    shoot(learner, "learner-earned")
    # The claim page: each download is saved for the Swift test to verify.
    learner.find_element(By.ID, "claim").click()
    wait_for(learner, lambda d: "Your badge: Community Project" in text(d), "the claim page opens")
    shoot(learner, "learner-claim")
    cookies = "; ".join("%s=%s" % (c["name"], c["value"]) for c in learner.get_cookies())
    import urllib.request
    qr = learner.find_element(By.CSS_SELECTOR, "#verification-qr a").get_attribute("href")
    with urllib.request.urlopen(urllib.request.Request(qr, headers={"Cookie": cookies}), timeout=30) as response:
        with open(os.path.join(ARTEFACTS, "claimed-verification-qr.png"), "wb") as out:
            out.write(response.read())
    results["verificationURL"] = learner.find_element(By.ID, "verification-url").get_attribute("href")
    for link_id, name in (("download-json", "claimed-badge.json"), ("download-png", "claimed-badge.png"),
                          ("download-svg", "claimed-badge.svg")):
        href = learner.find_element(By.ID, link_id).get_attribute("href")
        request = urllib.request.Request(href, headers={"Cookie": cookies})
        with urllib.request.urlopen(request, timeout=30) as response:
            check(response.status == 200, "the download %s works" % link_id)
            with open(os.path.join(ARTEFACTS, name), "wb") as out:
                out.write(response.read())
    results["claimed"] = ",".join(["claimed-badge.json", "claimed-badge.png", "claimed-badge.svg"])
    admin.get(BASE + "/admin")
    results["attemptsPerEarned"] = admin.find_element(By.ID, "attempts-per-earned").text
    shoot(admin, "admin-health")
finally:
    for driver in (admin, learner, assessor):
        try:
            driver.quit()
        except Exception:
            pass

print(json.dumps(results))
