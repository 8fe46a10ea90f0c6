"""An LMS that is not ours, for Homeroom's LTI tests: the PyPI package `lti1p3platform`
acting as the platform on loopback (installed by scripts/test, like aiosmtpd).

    python3 platform.py http://127.0.0.1:PORT-OF-HOMEROOM

prints `listening http://127.0.0.1:PORT` and serves:
    GET /jwks                                   the platform's public keys
    GET /start?user=U&role=R&context=C&name=N   an OIDC third-party-initiated login
    GET /auth?...                               the authentication response: an HTML form
                                                with the signed id_token, as the library makes it
    GET /start?...&dl=1                         the same, as a deep-linking request
                                                (`LtiDeepLinkingRequest`, returning to /dl-return)
    POST /dl-return                             the tool's `LtiDeepLinkingResponse`, validated by
                                                the library (signature against the tool's JWKS,
                                                content item types) and then by this platform
                                                (audience, issuer, deployment, nonce, data); 200
                                                with the items as JSON, or 400 with the reason
    GET /picture.png?v=N                        a small PNG with text and EXIF chunks, named in
                                                launches with picture=N (N makes the address new)
"""

import html
import json
import struct
import sys
import time
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from jwcrypto.jwk import JWK
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.oidc_login import OIDCLoginAbstract
from lti1p3platform.registration import Registration

TOOL = sys.argv[1].rstrip("/")
CLIENT = "python-platform-client"
DEPLOYMENT = "python-deployment-1"
ROLES = {
    "instructor": "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
    "learner": "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
}
KEY = JWK.generate(kty="RSA", size=2048)
PRIVATE = KEY.export_to_pem(private_key=True, password=None).decode()
PUBLIC = KEY.export_to_pem().decode()
BASE = ""
# The opaque data the platform sends with a deep-linking request and expects back.
DL_DATA = "python-dl-data-7"
# What the picture's metadata says; Homeroom must not keep it.
PICTURE_SECRET = b"secret-gps-59.91N-10.75E"


def make_png(side=48):
    """A small PNG (made here, no imaging library needed) carrying text and EXIF chunks."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    rows = b"".join(
        b"\x00" + b"".join(bytes((x * 5 % 256, y * 5 % 256, 160)) for x in range(side)) for y in range(side)
    )
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", b"Comment\x00" + PICTURE_SECRET)
        + chunk(b"eXIf", b"MM\x00\x2a\x00\x00\x00\x08" + PICTURE_SECRET)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# Served for launches that carry a `picture` claim.
PICTURE = make_png()


class Conf(LTI1P3PlatformConfAbstract):
    def init_platform_config(self, **kwargs):
        pass

    def get_registration_by_params(self, **kwargs):
        return (
            Registration()
            .set_iss(BASE)
            .set_client_id(CLIENT)
            .set_deployment_id(DEPLOYMENT)
            .set_launch_url(TOOL + "/lti/launch")
            .set_deeplink_launch_url(TOOL + "/lti/launch")
            .set_oidc_login_url(TOOL + "/lti/login")
            .set_platform_public_key(PUBLIC)
            .set_platform_private_key(PRIVATE)
            .set_tool_key_set_url(TOOL + "/lti/jwks")
        )


class Req:
    def __init__(self, get_data):
        self.get_data = get_data
        self.form_data = {}


class Login(OIDCLoginAbstract):
    def set_lti_message_hint(self, **kwargs):
        self._lti_message_hint = kwargs["hint"]
        return self

    def get_redirect(self, url):
        return url


class Launch(LTIAdvantageMessageLaunchAbstract):
    def render_launch_form(self, launch_data, **kwargs):
        fields = "".join(
            f'<input type="hidden" name="{k}" value="{html.escape(str(launch_data[k]))}">'
            for k in ("id_token", "state")
        )
        action = html.escape(launch_data["launch_url"])
        return f'<form method="post" action="{action}">{fields}<button>Continue</button></form>'


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="text/html", location=None):
        data = body.encode()
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        if location:
            self.send_header("location", location)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        conf = Conf()
        if url.path == "/jwks":
            conf.get_registration()
            return self.send(200, json.dumps(conf.get_jwks()), "application/json")
        if url.path == "/start":
            hint = json.dumps({k: q.get(k, "") for k in ("role", "context", "name", "dl", "picture")})
            login = Login(Req({}), conf).set_lti_message_hint(hint=hint)
            if q.get("dl"):
                login.set_deeplinking_launch_url()
            return self.send(302, "", location=login.initiate_login(q["user"]))
        if url.path == "/auth":
            hint = json.loads(q.get("lti_message_hint") or "{}")
            launch = Launch(Req(q), conf)
            launch.set_user_data(
                user_id=q["login_hint"],
                lis_roles=[ROLES.get(hint.get("role"), hint.get("role"))],
                full_name=hint.get("name") or None,
                email_address=f"{q['login_hint']}@python-lms.example",
            )
            if not hint.get("dl"):
                # A deep-linking request names no resource link (LTI-DL 2.0, 4.4).
                launch.set_resource_link_claim("resource-1", title="Homeroom")
            launch.set_launch_context_claim(hint.get("context") or "course-1", context_title="Python LMS course")
            if hint.get("picture"):
                launch.set_extra_claims({"picture": f"{BASE}/picture.png?v={hint['picture']}"})
            if hint.get("dl"):
                launch.set_dl(
                    f"{BASE}/dl-return",
                    title="Add Homeroom content",
                    accept_types={"ltiResourceLink"},
                    extra_data=DL_DATA,
                )
            return self.send(200, launch.lti_launch())
        if url.path == "/picture.png":
            self.send_response(200)
            self.send_header("content-type", "image/png")
            self.send_header("content-length", str(len(PICTURE)))
            self.end_headers()
            self.wfile.write(PICTURE)
            return None
        return self.send(404, "not found")

    def do_POST(self):
        url = urllib.parse.urlparse(self.path)
        length = int(self.headers.get("content-length") or 0)
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
        if url.path != "/dl-return":
            return self.send(404, "not found")
        conf = Conf()
        conf.get_registration()
        conf.set_accepted_deeplinking_types(["ltiResourceLink"])
        try:
            # The library's own check: the signature against the key the tool's JWKS
            # publishes under the token's `kid`, the message type, the item types.
            items = conf.validate_deeplinking_resp({"JWT": form.get("JWT", "")})
            claims = conf._jwt["body"]
        except Exception as exc:  # the reason goes back to the test
            return self.send(400, f"refused: {type(exc).__name__}: {exc}", "text/plain")
        # What the library leaves to the platform (it does not check the audience).
        problems = []
        if claims.get("aud") not in (BASE, [BASE]):
            problems.append(f"audience {claims.get('aud')!r}")
        if claims.get("iss") != CLIENT:
            problems.append(f"issuer {claims.get('iss')!r}")
        if claims.get("https://purl.imsglobal.org/spec/lti/claim/deployment_id") != DEPLOYMENT:
            problems.append("deployment")
        if claims.get("https://purl.imsglobal.org/spec/lti-dl/claim/data") != DL_DATA:
            problems.append("data")
        if not claims.get("nonce"):
            problems.append("nonce")
        if not claims.get("exp") or claims["exp"] < time.time():
            problems.append("expired")
        if problems:
            return self.send(400, "refused: " + ", ".join(problems), "text/plain")
        return self.send(200, json.dumps(items), "application/json")


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    BASE = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"listening {BASE}", flush=True)
    server.serve_forever()
