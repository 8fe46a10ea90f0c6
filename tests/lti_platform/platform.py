"""An LMS that is not ours, for Homeroom's LTI tests: the PyPI package `lti1p3platform`
acting as the platform on loopback (installed by scripts/test, like aiosmtpd).

    python3 platform.py http://127.0.0.1:PORT-OF-HOMEROOM

prints `listening http://127.0.0.1:PORT` and serves:
    GET /jwks                                   the platform's public keys
    GET /start?user=U&role=R&context=C&name=N   an OIDC third-party-initiated login
    GET /auth?...                               the authentication response: an HTML form
                                                with the signed id_token, as the library makes it
"""

import html
import json
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from jwcrypto.jwk import JWK
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.message_launch import MessageLaunchAbstract
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


class Launch(MessageLaunchAbstract):
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
            hint = json.dumps({k: q.get(k, "") for k in ("role", "context", "name")})
            login = Login(Req({}), conf).set_lti_message_hint(hint=hint)
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
            launch.set_resource_link_claim("resource-1", title="Homeroom")
            launch.set_launch_context_claim(hint.get("context") or "course-1", context_title="Python LMS course")
            return self.send(200, launch.lti_launch())
        return self.send(404, "not found")


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    BASE = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"listening {BASE}", flush=True)
    server.serve_forever()
