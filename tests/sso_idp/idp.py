"""A real OpenID Connect provider on loopback for Homeroom's single sign-on tests: the
PyPI package `oidc-provider-mock` (scripts/test installs it), which issues RS256 ID
tokens through the authorization code flow. Prints `listening <base URL>` once it is up.

    python3 idp.py               an honest provider
    python3 idp.py --wrong-keys  a provider whose published JWKS does not hold the key it
                                 signs with (same key id, another modulus): every token it
                                 issues has a signature Homeroom must refuse

People are set by the test with `PUT /users/<sub>` (their claims, e.g. email and
email_verified) and signed in by posting `sub` to the authorization endpoint.
"""

import json
import logging
import sys

import werkzeug.serving
from authlib.jose import RSAKey

import oidc_provider_mock

logging.getLogger("werkzeug").setLevel(logging.ERROR)


def wrong_keys(inner):
    """Serve the JWKS with each key's modulus swapped for that of a key nobody holds."""
    stranger = RSAKey.generate_key(2048, is_private=True).as_dict(is_private=False)

    def app(environ, start_response):
        if environ.get("PATH_INFO") != "/jwks":
            return inner(environ, start_response)
        captured = {}

        def keep(status, headers, exc_info=None):
            captured["status"] = status
            return lambda _data: None

        body = b"".join(inner(environ, keep))
        doc = json.loads(body)
        for key in doc.get("keys", []):
            key["n"] = stranger["n"]
            key["e"] = stranger["e"]
        out = json.dumps(doc).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(out)))])
        return [out]

    return app


def main():
    app = oidc_provider_mock.app(require_nonce=True)
    wsgi = app.wsgi_app
    if "--wrong-keys" in sys.argv[1:]:
        wsgi = wrong_keys(wsgi)
    app.wsgi_app = wsgi
    server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
    print(f"listening http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
