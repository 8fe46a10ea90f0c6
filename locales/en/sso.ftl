# Single sign-on with an institution's identity provider (OpenID Connect).
sso-or = Or sign in with your institution
sso-button = Sign in with { $provider }
sso-only-password = Addresses at your institution sign in with { $provider }, not with a password here. Use the “Sign in with { $provider }” button; to change your password, use your institution's own page.
sso-refused-title = We could not sign you in
sso-refused-detail = For the site's administrator:
sso-back-to-sign-in = Back to sign in
sso-refused-down = Your institution's sign-in service did not answer or answered in a way we did not understand. Try again in a few minutes; if it keeps happening, tell the site's administrator.
sso-refused-provider = Your institution's sign-in service did not sign you in. Try again from the sign-in page.
sso-refused-token = Your institution's sign-in could not be checked (its signature or contents were not right), so we did not let it in. Try again; if it keeps happening, tell the site's administrator.
sso-refused-state = This sign-in did not start in this browser or has run out of time. Start again from the sign-in page.
sso-refused-replay = This sign-in has already been used or has run out of time. Start again from the sign-in page.
sso-refused-unverified = Your institution has not confirmed your email address, so we cannot tell which Homeroom account is yours. Confirm the address with your institution, then try again.
sso-refused-email = Your institution did not tell us your email address, so we cannot tell which Homeroom account is yours. Ask the site's administrator.
sso-refused-deactivated = Your Homeroom account is switched off. Ask the site's administrator.
