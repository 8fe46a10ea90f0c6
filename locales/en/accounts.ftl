# accounts
## Confirming an address (join links and email changes)
accounts-sign-in-unconfirmed = Please confirm your email address first: follow the link we sent to it.
accounts-check-email-title = Check your email
accounts-check-email-lead = We have sent a link to { $email }. Follow it to confirm that the address is yours; then you join the course.
accounts-check-email-hint = Nothing arrived? Look in your spam folder, or sign up again with the join link to get a new one.
accounts-confirm-title = Confirm your email address
accounts-confirm-join-lead = Type the password you chose when you signed up as { $email }, and you are in.
accounts-confirm-change-lead = Use { $email } as the email address of your Homeroom account from now on.
accounts-confirm-button = Confirm
accounts-confirm-expired = This link has expired or has already been used.
accounts-confirm-wrong-password = That is not the password chosen for this account.
accounts-email-confirm-join-subject = Confirm your email address to join { $course }
accounts-email-confirm-join-body = Hello { $name },

    Someone, we hope you, signed up on Homeroom with this address to join "{ $course }". Follow this link and type the password you chose to confirm it:

    { $link }

    The link works for 24 hours. If it was not you, ignore this email: nothing happens without the link.
accounts-email-change-confirm-subject = Confirm your new Homeroom email address
accounts-email-change-confirm-body = Hello { $name },

    You asked to use { $new } for your Homeroom account instead of { $old }. Follow this link to confirm:

    { $link }

    The link works for 24 hours. If you did not ask for this, ignore this email: nothing changes.
accounts-email-change-notice-subject = Your Homeroom email address is about to change
accounts-email-change-notice-body = Hello { $name },

    Someone signed in to your Homeroom account asked to change its email address from { $old } to { $new }. It changes only when the link we sent to { $new } is followed.

    If that was you, there is nothing to do.

    If it was not you, sign in now and change your password: that cancels the change and signs out every other device. If you cannot sign in, write to the administrator of your Homeroom site.
accounts-field-current-for-email = Current password (to change the email)
accounts-hint-current-for-email = Needed only when you change your email address. We send a link to the new address; the change takes effect when you follow it.
accounts-err-current-for-email = To change your email address, type your current password.
accounts-email-pending = Waiting for you to confirm { $email }: follow the link we sent to it.
notice-accounts-email-pending = We have sent a link to your new address. Your email changes when you follow it.
notice-accounts-email-changed = Your email address has been changed.
notice-accounts-email-confirmed = Your address is confirmed. Welcome!

## Invitations
accounts-home-invitations = { $count ->
    [one] You have an invitation to a course.
   *[other] You have { $count } invitations to courses.
}
accounts-invitations-title = Invitations
accounts-invitations-none = You have no invitations waiting.
accounts-invitation-role = You are invited as: { $role }
accounts-invitation-accept = Accept as { $role }
accounts-invitation-decline = Decline
accounts-role-tutor-explained = A tutor runs the course: sees every member's email address and the teaching team's private notes, changes the settings, invites and removes people.
accounts-role-ta-explained = A teaching assistant is on the teaching team: sees every member's email address and the teaching team's private notes, plans groups and moderates.
accounts-role-student-explained = A student takes part with the class.
accounts-role-observer-explained = An observer follows the course without posting.
accounts-email-invited-body = Hello { $name },

    { $tutor } has invited you to the course "{ $course }" on Homeroom, as { $role }. You are not in the course until you accept. Sign in and answer the invitation here:

    { $link }
notice-accounts-declined = The invitation is declined.

## Sessions
accounts-sessions-title = Where you are signed in
accounts-sessions-lead = If you do not recognise one of these, end it and change your password.
accounts-session-unknown-device = An unknown device
accounts-session-this = This device
accounts-session-address = Address { $ip }
accounts-session-created = signed in { $when }
accounts-session-last-seen = last seen { $when }
accounts-session-end = End this session
accounts-sessions-end-others = Sign out everywhere else
notice-accounts-session-ended = That session has ended.
notice-accounts-sessions-ended = You are signed out everywhere else.

## Two-factor sign-in
accounts-two-factor-title = Two-factor sign-in
accounts-two-factor-on = Two-factor sign-in is on: signing in asks for a code from your app after your password.
accounts-two-factor-off = Two-factor sign-in is off. Turn it on so that a password alone is not enough to sign in as you.
accounts-two-factor-set-up = Set up two-factor sign-in
accounts-two-factor-manage = Recovery codes and settings
accounts-two-factor-lead = You need an authenticator app on your phone (for example Aegis, Google Authenticator, Microsoft Authenticator or 1Password).
accounts-two-factor-step-scan = Scan this code with the app.
accounts-two-factor-step-type = Cannot scan? Type this key into the app instead:
accounts-two-factor-step-code = Type your password and the six-digit code the app shows.
accounts-two-factor-turn-on = Turn on two-factor sign-in
accounts-two-factor-turn-off = Turn off two-factor sign-in
accounts-two-factor-required = This site asks tutors and administrators to use two-factor sign-in. Please set it up to continue.
accounts-two-factor-required-note = This site requires two-factor sign-in of tutors and administrators, so it cannot be turned off.
accounts-two-factor-cannot-off = This site requires two-factor sign-in of tutors and administrators, so it cannot be turned off.
accounts-recovery-codes-title = Your recovery codes
accounts-recovery-codes-lead = Keep these codes somewhere safe, such as a password manager or a printout. If you lose your phone, each code signs you in once instead of the app. They are shown only now.
accounts-recovery-codes-done = I have saved them
accounts-recovery-codes-left = { $count ->
    [one] You have one unused recovery code.
   *[other] You have { $count } unused recovery codes.
}
accounts-recovery-codes-new = Make new recovery codes
notice-accounts-two-factor-off = Two-factor sign-in is off.
accounts-code-title = Enter your code
accounts-code-lead = Open your authenticator app and type the six-digit code it shows for Homeroom.
accounts-field-code = Code
accounts-code-hint = Lost your phone? Type one of your recovery codes instead.
accounts-code-wrong = That code is not right. Codes change every 30 seconds; try the newest one.
accounts-code-expired = That sign-in took too long. Please sign in again.
accounts-site-security-title = Sign-in rules
accounts-site-require-two-factor = Require two-factor sign-in of tutors and site administrators
accounts-site-require-two-factor-hint = They are asked to set it up the next time they open a page, before anything else.
