# security
security-email-join-existing-subject = Joining "{ $course }" on Homeroom
security-email-join-existing-body = Hello { $name },

    Someone, we hope you, tried to join "{ $course }" on Homeroom with this address, which already has an account. To join, sign in with your own password and you will be taken to the course:

    { $link }

    If it was not you, ignore this email: nothing has changed, and no one can join or sign in as you without your password.
