# accounts
## Bekrefte en adresse (invitasjonslenker og ny e-postadresse)
accounts-sign-in-unconfirmed = Bekreft e-postadressen din først: følg lenken vi sendte til den.
accounts-check-email-title = Sjekk e-posten din
accounts-check-email-lead = Vi har sendt en lenke til { $email }. Følg den for å bekrefte at adressen er din; så blir du med i kurset.
accounts-check-email-hint = Kom det ingenting? Se i søppelpostmappen, eller registrer deg på nytt med invitasjonslenken for å få en ny.
accounts-confirm-title = Bekreft e-postadressen din
accounts-confirm-join-lead = Skriv passordet du valgte da du registrerte deg som { $email }, så er du inne.
accounts-confirm-change-lead = Bruk { $email } som e-postadressen til Homeroom-kontoen din fra nå av.
accounts-confirm-button = Bekreft
accounts-confirm-expired = Denne lenken er utløpt eller allerede brukt.
accounts-confirm-wrong-password = Det er ikke passordet som ble valgt for denne kontoen.
accounts-email-confirm-join-subject = Bekreft e-postadressen din for å bli med i { $course }
accounts-email-confirm-join-body = Hei { $name },

    Noen, forhåpentligvis du, registrerte seg på Homeroom med denne adressen for å bli med i «{ $course }». Følg denne lenken og skriv passordet du valgte for å bekrefte:

    { $link }

    Lenken virker i 24 timer. Var det ikke deg, kan du se bort fra denne e-posten: ingenting skjer uten lenken.
accounts-email-change-confirm-subject = Bekreft den nye e-postadressen din i Homeroom
accounts-email-change-confirm-body = Hei { $name },

    Du har bedt om å bruke { $new } for Homeroom-kontoen din i stedet for { $old }. Følg denne lenken for å bekrefte:

    { $link }

    Lenken virker i 24 timer. Har du ikke bedt om dette, kan du se bort fra e-posten: ingenting endres.
accounts-email-change-notice-subject = E-postadressen din i Homeroom er i ferd med å endres
accounts-email-change-notice-body = Hei { $name },

    Noen som er logget inn på Homeroom-kontoen din, har bedt om å endre e-postadressen fra { $old } til { $new }. Den endres først når lenken vi sendte til { $new } blir fulgt.

    Var det deg, trenger du ikke gjøre noe.

    Var det ikke deg, logg inn nå og bytt passord: da avbrytes endringen, og alle andre enheter logges ut. Kommer du ikke inn, skriv til administratoren av Homeroom-nettstedet ditt.
accounts-field-current-for-email = Nåværende passord (for å endre e-postadressen)
accounts-hint-current-for-email = Trengs bare når du endrer e-postadressen. Vi sender en lenke til den nye adressen; endringen gjelder når du følger den.
accounts-err-current-for-email = Skriv det nåværende passordet ditt for å endre e-postadressen.
accounts-email-pending = Venter på at du bekrefter { $email }: følg lenken vi sendte dit.
notice-accounts-email-pending = Vi har sendt en lenke til den nye adressen din. E-postadressen endres når du følger den.
notice-accounts-email-changed = E-postadressen din er endret.
notice-accounts-email-confirmed = Adressen din er bekreftet. Velkommen!

## Invitasjoner
accounts-home-invitations = { $count ->
    [one] Du har en invitasjon til et kurs.
   *[other] Du har { $count } invitasjoner til kurs.
}
accounts-invitations-title = Invitasjoner
accounts-invitations-none = Du har ingen invitasjoner som venter.
accounts-invitation-role = Du er invitert som: { $role }
accounts-invitation-accept = Godta som { $role }
accounts-invitation-decline = Avslå
accounts-role-tutor-explained = En kursleder driver kurset: ser e-postadressen til alle deltakerne og lærerteamets private notater, endrer innstillingene, inviterer og fjerner folk.
accounts-role-ta-explained = En læringsassistent er med i lærerteamet: ser e-postadressen til alle deltakerne og lærerteamets private notater, planlegger grupper og modererer.
accounts-role-student-explained = En student deltar sammen med klassen.
accounts-role-observer-explained = En observatør følger kurset uten å skrive innlegg.
accounts-email-invited-body = Hei { $name },

    { $tutor } har invitert deg til kurset «{ $course }» på Homeroom, som { $role }. Du er ikke med i kurset før du godtar. Logg inn og svar på invitasjonen her:

    { $link }
notice-accounts-declined = Invitasjonen er avslått.

## Økter
accounts-sessions-title = Der du er logget inn
accounts-sessions-lead = Kjenner du ikke igjen en av disse, avslutt den og bytt passord.
accounts-session-unknown-device = En ukjent enhet
accounts-session-this = Denne enheten
accounts-session-address = Adresse { $ip }
accounts-session-created = logget inn { $when }
accounts-session-last-seen = sist sett { $when }
accounts-session-end = Avslutt denne økten
accounts-sessions-end-others = Logg ut alle andre steder
notice-accounts-session-ended = Økten er avsluttet.
notice-accounts-sessions-ended = Du er logget ut alle andre steder.

## Innlogging i to trinn
accounts-two-factor-title = Innlogging i to trinn
accounts-two-factor-on = Innlogging i to trinn er på: innloggingen ber om en kode fra appen din etter passordet.
accounts-two-factor-off = Innlogging i to trinn er av. Slå den på, så er ikke et passord alene nok til å logge inn som deg.
accounts-two-factor-set-up = Sett opp innlogging i to trinn
accounts-two-factor-manage = Gjenopprettingskoder og innstillinger
accounts-two-factor-lead = Du trenger en autentiseringsapp på telefonen (for eksempel Aegis, Google Authenticator, Microsoft Authenticator eller 1Password).
accounts-two-factor-step-scan = Skann denne koden med appen.
accounts-two-factor-step-type = Får du ikke skannet? Skriv inn denne nøkkelen i appen i stedet:
accounts-two-factor-step-code = Skriv passordet ditt og den sekssifrede koden appen viser.
accounts-two-factor-turn-on = Slå på innlogging i to trinn
accounts-two-factor-turn-off = Slå av innlogging i to trinn
accounts-two-factor-required = Dette nettstedet ber kursledere og administratorer bruke innlogging i to trinn. Sett det opp for å fortsette.
accounts-two-factor-required-note = Dette nettstedet krever innlogging i to trinn for kursledere og administratorer, så den kan ikke slås av.
accounts-two-factor-cannot-off = Dette nettstedet krever innlogging i to trinn for kursledere og administratorer, så den kan ikke slås av.
accounts-recovery-codes-title = Gjenopprettingskodene dine
accounts-recovery-codes-lead = Ta vare på disse kodene et trygt sted, for eksempel i en passordbehandler eller på papir. Mister du telefonen, logger hver kode deg inn én gang i stedet for appen. De vises bare nå.
accounts-recovery-codes-done = Jeg har tatt vare på dem
accounts-recovery-codes-left = { $count ->
    [one] Du har én ubrukt gjenopprettingskode.
   *[other] Du har { $count } ubrukte gjenopprettingskoder.
}
accounts-recovery-codes-new = Lag nye gjenopprettingskoder
notice-accounts-two-factor-off = Innlogging i to trinn er av.
accounts-code-title = Skriv inn koden
accounts-code-lead = Åpne autentiseringsappen og skriv den sekssifrede koden den viser for Homeroom.
accounts-field-code = Kode
accounts-code-hint = Mistet telefonen? Skriv en av gjenopprettingskodene dine i stedet.
accounts-code-wrong = Den koden stemmer ikke. Kodene skifter hvert 30. sekund; prøv den nyeste.
accounts-code-expired = Innloggingen tok for lang tid. Logg inn på nytt.
accounts-site-security-title = Regler for innlogging
accounts-site-require-two-factor = Krev innlogging i to trinn for kursledere og nettstedsadministratorer
accounts-site-require-two-factor-hint = De blir bedt om å sette det opp neste gang de åpner en side, før noe annet.
