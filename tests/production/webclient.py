"""A small HTTP client for the cluster test: explicit cookies (the production cookies are ``Secure``, the cluster
speaks plain HTTP on loopback), a chosen source address on the loopback range, multipart uploads."""

import http.client
import re
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

# The token of a form, in HTML or in the JSON of a Wagtail modal (quotes escaped there).
CSRF_INPUT = re.compile(r'name=\\?"csrfmiddlewaretoken\\?" value=\\?"([^"\\]+)')


class Response:
    def __init__(self, status, headers, body, seconds):
        self.status, self.headers, self.body, self.seconds = status, headers, body, seconds

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name, default=""):
        return self.headers.get(name.lower(), default)


class Client:
    """One visitor: its cookies, its source address (``127.x.y.z``), a base URL it talks to."""

    def __init__(self, base, source=None):
        self.base = base
        self.source = source
        self.cookies = {}

    def request(self, method, path, *, data=None, files=None, headers=None, base=None, timeout=60):
        parsed = urlsplit(base or self.base)
        connection = http.client.HTTPConnection(
            parsed.hostname, parsed.port, timeout=timeout, source_address=(self.source, 0) if self.source else None
        )
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        body = None
        if files is not None:
            body, content_type = multipart(data or {}, files)
            headers["Content-Type"] = content_type
        elif data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        seconds = time.monotonic() - started
        for value in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(value)
            for key, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value
        return Response(response.status, {key.lower(): value for key, value in response.getheaders()}, content, seconds)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def csrf_token(self, path, **kwargs):
        response = self.get(path, **kwargs)
        match = CSRF_INPUT.search(response.text)
        assert match, f"no CSRF token in {path} ({response.status})"
        return match.group(1)

    def admin_login(self, username, password):
        token = self.csrf_token("/admin/login/")
        response = self.post(
            "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"},
        )
        assert response.status == 302, response.text[:2000]

    def site_login(self, username, password):
        token = self.csrf_token("/fr/accounts/login/")
        response = self.post(
            "/fr/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/fr/"},
        )
        assert response.status == 302, response.text[:2000]


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
