#!/usr/bin/env python3
"""Signs demo users in through the real sign-in form and makes the scanners' credentials and targets.

    session.py BASE_URL OUT_DIR USER [USER ...]
    session.py BASE_URL OUT_DIR --cookies-only USER [USER ...]     (new session cookies, before each wapiti phase)

For each user: OUT_DIR/auth/USER.cookie (a Cookie header value, for sqlmap), OUT_DIR/auth/USER.json
(a cookie file in wapiti's format) and OUT_DIR/auth/USER.token (an API token made on the account's
"API tokens" page with every scope the page offers, valid one day). Then OUT_DIR/sqlmap-targets.tsv:
one target a line, `name<TAB>user<TAB>kind<TAB>method<TAB>url<TAB>data<TAB>csrf_url`, where kind is
`api` (Bearer token) or `page` (session cookie; POST forms carry the antiforgery field, refreshed by
sqlmap from csrf_url). Prints counts only: no secret and no personal data on the console.
"""

import json
import os
import re
import sys

import requests

PASSWORD = "Demo-Ariadne-2026!"  # DemoSeeder.Password: demo accounts only
CSRF = "__csrf"  # AriadneApp: the antiforgery form field


def csrf_token(html):
    m = re.search(r'name="%s" type="hidden" value="([^"]+)"' % CSRF, html)
    if not m:
        raise SystemExit("no antiforgery field on the page")
    return m.group(1)


def sign_in(base, user):
    s = requests.Session()
    page = s.get(base + "/Account/SignIn", timeout=30)
    r = s.post(base + "/Account/SignIn", data={
        CSRF: csrf_token(page.text), "Input.UserName": user, "Input.Password": PASSWORD, "ReturnUrl": "",
    }, allow_redirects=False, timeout=30)
    if r.status_code != 302 or "ariadne.session" not in s.cookies:
        raise SystemExit(f"sign-in of {user} failed: {r.status_code} {r.headers.get('Location')}")
    home = s.get(base + "/", allow_redirects=False, timeout=30)
    if home.status_code != 200:
        raise SystemExit(f"{user}: home page answered {home.status_code} after sign-in")
    return s


def make_token(base, s):
    page = s.get(base + "/Account/Tokens", timeout=30).text
    scopes = re.findall(r'name="Input.Scopes" value="([^"]+)"', page)
    data = [(CSRF, csrf_token(page)), ("Input.Name", "scan"), ("Input.Days", "1")] + [("Input.Scopes", x) for x in scopes]
    r = s.post(base + "/Account/Tokens?handler=Create", data=data, timeout=30)
    m = re.search(r"data-token-secret>([^<]+)<", r.text)
    if not m:
        raise SystemExit("no token shown after creating one")
    return m.group(1)


def write_auth(out, user, s, token):
    os.makedirs(os.path.join(out, "auth"), exist_ok=True)
    cookies = {c.name: c.value for c in s.cookies}
    with open(os.path.join(out, "auth", user + ".cookie"), "w") as f:
        f.write("; ".join(f"{k}={v}" for k, v in cookies.items()))
    # wapiti 3.0.4's JsonCookie: {domain: {path: {name: {value, expires, secure, port, version}}}}; an IP is its own key.
    jar = {"127.0.0.1": {"/": {k: {"value": v, "expires": None, "secure": False, "port": None, "version": 0}
                               for k, v in cookies.items()}}}
    with open(os.path.join(out, "auth", user + ".json"), "w") as f:
        json.dump(jar, f)
    with open(os.path.join(out, "auth", user + ".token"), "w") as f:
        f.write(token)


def main():
    base, out, users = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3:]
    if users and users[0] == "--cookies-only":
        # A fresh session (a session cookie lives Security:IdleTimeout unless the client takes the renewed one).
        for user in users[1:]:
            s = sign_in(base, user)
            write_auth(out, user, s, open(os.path.join(out, "auth", user + ".token")).read())
        print(f"signed in {len(users) - 1} users again")
        return
    sessions, tokens = {}, {}
    for user in users:
        sessions[user] = sign_in(base, user)
        tokens[user] = make_token(base, sessions[user])
        write_auth(out, user, sessions[user], tokens[user])
    print(f"signed in {len(users)} users, {len(tokens)} API tokens")

    api = lambda u, p: requests.get(base + p, headers={"Authorization": "Bearer " + tokens[u]}, timeout=30).json()
    ids = {}
    cases = api("investigator", "/api/v1/cases")["items"]
    ids["case"] = cases[0]["id"]
    ids["file"] = api("investigator", "/api/v1/investigations")[0]["id"]

    # name, user, kind, method, url, data, csrf_url. URLs with * mark a path segment to test; bodies are tested value by value.
    t = []
    q = lambda name, user, path: t.append((name, user, "api", "GET", base + path, "", ""))
    q("api-cases-search", "investigator", "/api/v1/cases/search?document=AB1234567&phone=%2B994501234567")
    q("api-cases-before", "investigator", "/api/v1/cases?before=1000000")
    q("api-case-by-id", "investigator", "/api/v1/cases/" + ids["case"] + "*")
    q("api-shelters", "investigator", "/api/v1/shelters?need=Women&accessible=true&language=az")
    q("api-entities-graph", "investigator", f"/api/v1/entities/graph?fileId={ids['file']}&depth=2")
    q("api-needs", "shelter", "/api/v1/resources/needs?category=Food&region=Baku&status=Open&mine=false")
    q("api-plan-measures", "coordinator", "/api/v1/plan/measures?status=Planned&mine=false")
    q("api-certificate", "coordinator", "/api/v1/trainings/certificates/TR-2026-0001*")
    q("api-helpline-contacts", "operator", "/api/v1/helpline/contacts?open=true")
    case = {"givenName": "Aysel", "familyName": "Quliyeva", "dateOfBirth": "1990-04-12", "documentNumber": "AB1234567",
            "phone": "994501234567", "address": "Bakı", "situation": "scan"}
    for name, user, method, path, data in [
        ("api-post-case", "investigator", "POST", "/api/v1/cases", case),
        ("api-patch-case", "investigator", "PATCH", "/api/v1/cases/" + ids["case"], case),
        ("api-post-entity", "investigator", "POST", "/api/v1/entities",
         {"fileId": ids["file"], "kind": "Phone", "value": "994501234567", "detail": "scan", "country": "AZE", "source": "scan",
          "reliability": "B2", "handling": "H3"}),
        ("api-post-contact", "operator", "POST", "/api/v1/helpline/contacts",
         {"channel": "Phone", "callerType": "Victim", "language": "az", "category": "SexualExploitation",
          "consentBasis": "VictimConsents", "callerNumber": "994501234567", "summary": "scan", "whereabouts": "scan"}),
        ("api-post-information-request", "investigator", "POST", "/api/v1/information-requests",
         {"reference": "scan-1", "purpose": "scan", "legalBasis": "TraffickingLaw", "basisReference": "scan", "classes": ["Status"], "days": 7}),
    ]:
        t.append((name, user, "api", method, base + path, json.dumps(data, ensure_ascii=False), ""))

    g = lambda name, user, path: t.append((name, user, "page", "GET", base + path, "", ""))
    g("page-cases-filter", "investigator", "/Cases?Status=Active&Relation=Mine&Identification=Pending&Child=false&Sort=number")
    g("page-case-detail", "investigator", "/Cases/Detail?id=" + ids["case"])
    g("page-admin-users", "admin", "/Admin/Users?Search=nigar&Institution=IAMI")
    g("page-beds", "shelter", "/Accommodation/Beds?Search.Need=Women&Search.Language=az&Search.Accessible=false")
    g("page-resources", "coordinator", "/Resources?Category=Food&Region=Baku&Status=Open&Mine=false")
    g("page-case-access", "auditor", "/Oversight/CaseAccess?Number=AZ-2026-000001")
    g("page-statistics", "coordinator", "/Statistics?Year=2026&Kind=Annual")
    g("page-helpline-statistics", "helpline.supervisor", "/Helpline/Statistics?From=2026-01-01&To=2026-12-31")

    p = lambda name, user, path, data: t.append((name, user, "page", "POST", base + path, data + f"&{CSRF}=x", base + path))
    p("page-post-cases-document", "investigator", "/Cases", "Document=AB1234567&Phone=994501234567")
    p("page-post-cases-name", "investigator", "/Cases", "GivenName=Aysel&FamilyName=Quliyeva&DateOfBirth=1990-04-12")
    p("page-post-token", "investigator", "/Account/Tokens?handler=Create", "Input.Name=scan2&Input.Scopes=profile&Input.Days=1")
    p("page-post-complaint", "investigator", "/Complaint", "Complaint.Code=ABCD1234&Complaint.Text=scan")
    with open(os.path.join(out, "sqlmap-targets.tsv"), "w") as f:
        for row in t:
            f.write("\t".join(row) + "\n")
    print(f"{len(t)} sqlmap targets")


if __name__ == "__main__":
    main()
