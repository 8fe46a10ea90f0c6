# Enkel pålogging med institusjonens identitetstjeneste (OpenID Connect).
sso-or = Eller logg inn gjennom institusjonen din
sso-button = Logg inn med { $provider }
sso-only-password = Adresser ved institusjonen din logger inn med { $provider }, ikke med passord her. Bruk knappen «Logg inn med { $provider }»; for å bytte passord bruker du institusjonens egen side.
sso-refused-title = Vi fikk ikke logget deg inn
sso-refused-detail = Til nettstedets administrator:
sso-back-to-sign-in = Tilbake til innlogging
sso-refused-down = Institusjonens innloggingstjeneste svarte ikke, eller svarte på en måte vi ikke forsto. Prøv igjen om noen minutter; skjer det igjen, si fra til nettstedets administrator.
sso-refused-provider = Institusjonens innloggingstjeneste logget deg ikke inn. Prøv igjen fra innloggingssiden.
sso-refused-token = Innloggingen fra institusjonen din kunne ikke kontrolleres (signaturen eller innholdet var ikke riktig), så vi slapp den ikke inn. Prøv igjen; skjer det igjen, si fra til nettstedets administrator.
sso-refused-state = Denne innloggingen startet ikke i denne nettleseren, eller tiden har gått ut. Start på nytt fra innloggingssiden.
sso-refused-replay = Denne innloggingen er allerede brukt, eller tiden har gått ut. Start på nytt fra innloggingssiden.
sso-refused-unverified = Institusjonen din har ikke bekreftet e-postadressen din, så vi kan ikke vite hvilken Homeroom-konto som er din. Bekreft adressen hos institusjonen, og prøv igjen.
sso-refused-email = Institusjonen din oppga ikke e-postadressen din, så vi kan ikke vite hvilken Homeroom-konto som er din. Spør nettstedets administrator.
sso-refused-deactivated = Homeroom-kontoen din er slått av. Spør nettstedets administrator.
