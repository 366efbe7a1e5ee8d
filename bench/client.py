"""A small HTTP client over http.client: cookies, CSRF, the sign-in with a TOTP code.

Requests carry `X-Forwarded-Proto: https`, as behind the TLS proxy of a production set-up, so
secure cookies and HTTPS CSRF checks behave as in production.
"""

import http.client
import re
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Response:
    def __init__(self, status: int, headers: dict, body: bytes, url: str):
        self.status, self.headers, self.body, self.url = status, headers, body, url

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    def __init__(self, host: str, port: int, cookies: dict | None = None):
        self.host, self.port = host, port
        self.cookies: dict[str, str] = dict(cookies or {})
        self.origin = f"https://{host}:{port}"

    def request(
        self, method: str, path: str, data: dict | None = None, referer: str = ""
    ) -> Response:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=300)
        headers = {"X-Forwarded-Proto": "https", "Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = referer or self.origin + path
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            payload = raw.read()
            result = Response(
                raw.status, {k.lower(): v for k, v in raw.getheaders()}, payload, path
            )
            for value in raw.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    if morsel["max-age"] == "0" or morsel.value == "":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return result
        finally:
            connection.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def follow(self, response: Response, limit: int = 5) -> Response:
        while response.status in (301, 302, 303) and limit:
            location = response.headers["location"]
            parts = urlsplit(urljoin(response.url, location))
            response = self.get(parts.path + (f"?{parts.query}" if parts.query else ""))
            limit -= 1
        return response

    def post_form(self, page: Response, fields: dict) -> Response:
        match = CSRF_INPUT.search(page.text)
        if not match:
            raise RuntimeError(f"no CSRF token on {page.url} (status {page.status})")
        data = {"csrfmiddlewaretoken": match.group(1), **fields}
        return self.request("POST", page.url, data, referer=self.origin + page.url)

    def sign_in(self, username: str, password: str, code_for) -> None:
        """Password, then — if the app asks — the authenticator code (`code_for()` gives one)."""
        login = self.get("/accounts/login/")
        answer = self.follow(self.post_form(login, {"username": username, "password": password}))
        for _attempt in range(3):
            if 'name="code"' not in answer.text:
                break
            answer = self.follow(self.post_form(answer, {"code": code_for()}))
            if 'name="code"' in answer.text:
                time.sleep(31)  # the code of this half-minute was used: wait for the next one
        if answer.status != 200 or "sessionid" not in self.cookies or 'name="code"' in answer.text:
            raise RuntimeError(f"sign-in of {username} failed at {answer.url} ({answer.status})")
