# admin: nettstedsadministrasjon, arkivering og kopiering av kurs, egne data

admin-nav = Administrasjon
admin-title = Nettstedsadministrasjon
admin-courses-title = Kurs
admin-people-title = Personer
admin-settings-title = Innstillinger for nettstedet
admin-access-title = Administratorbesøk
admin-access-lead = Hver gang en administrator åpner et kurs hen ikke er medlem av, blir det skrevet her.
admin-access-none = Ingen administrator har besøkt et kurs ennå.
admin-col-when = Når
admin-col-admin = Administrator
admin-col-course = Kurs
admin-col-request = Side
admin-col-starts = Starter
admin-col-members = Medlemmer
admin-col-actions = Ta vare på det
admin-col-name = Navn
admin-col-email = E-post
admin-col-state = Status
admin-search-button = Søk
admin-courses-search = Finn et kurs etter tittel
admin-courses-none = Fant ingen kurs.
admin-course-archived = arkivert
admin-course-members = Medlemmer
admin-course-settings = Innstillinger
admin-course-delete = Slett …
admin-course-delete-title = Slett et kurs
admin-course-delete-heading = Slette «{ $title }»?
admin-course-delete-lead = { $count ->
    [one] Det ene medlemmet mister kurset, og alt i det slettes for godt: innlegg, meldinger, grupper, filer. Dette kan ikke angres. Vil du at det skal kunne leses, arkiver det i stedet.
   *[other] De { $count } medlemmene mister kurset, og alt i det slettes for godt: innlegg, meldinger, grupper, filer. Dette kan ikke angres. Vil du at det skal kunne leses, arkiver det i stedet.
}
admin-course-delete-type = Skriv kursets tittel, «{ $title }», for å bekrefte
admin-course-delete-button = Slett dette kurset for godt
admin-course-delete-wrong = Det er ikke kursets tittel. Skriv den nøyaktig slik den står for å slette kurset.
notice-admin-course-deleted = Kurset ble slettet.
admin-people-search = Finn en person etter navn eller e-post
admin-people-none = Fant ingen.
admin-person-active = aktiv
admin-person-deactivated = deaktivert
admin-person-admin = administrator
admin-person-access = Innlogging
admin-person-reset = Send en lenke for å velge nytt passord
admin-person-deactivate = Deaktiver
admin-person-deactivate-hint = En deaktivert person kan ikke logge inn, og blir logget ut overalt med en gang. Ingenting av det hen har, blir slettet.
admin-person-reactivate = Aktiver igjen
admin-person-data = Dataene deres
admin-person-export = Last ned alt nettstedet har om personen (JSON)
admin-erase-type = For å slette denne personen nå, skriv e-postadressen, { $email }
admin-erase-button = Slett denne personen
admin-erase-confirm-wrong = Det er ikke e-postadressen deres. Skriv den nøyaktig slik den står for å slette personen.
admin-person-not-yourself = Det kan du ikke gjøre med din egen konto her. Bruk kontosiden din.
notice-admin-reset-sent = En lenke for å velge nytt passord er på vei til personen.
notice-admin-deactivated = Deaktivert. Personen er logget ut og kan ikke logge inn.
notice-admin-reactivated = Aktivert igjen. Personen kan logge inn.
notice-admin-erased = Personen ble slettet.
admin-erasures-title = Sletting folk har bedt om
admin-erasures-none = Ingen venter på å bli slettet.
admin-erasure-due = Har bedt om å bli slettet: det skjer { $when } hvis personen ikke angrer.
admin-job-retry = Prøv igjen
notice-admin-job-retried = Jobben blir prøvd igjen om litt.
admin-settings-name = Nettstedets navn
admin-settings-creators = Hvem kan starte et kurs
admin-settings-creators-anyone = Alle med en konto
admin-settings-creators-staff = De som allerede underviser et kurs
admin-settings-creators-admins = Bare administratorer
admin-settings-locale = Språk for besøkende som ikke ber om verken engelsk eller norsk
admin-settings-zone = Tidssone for besøkende som ikke er logget inn
admin-settings-defaults-hint = De som er logget inn, ser sitt eget språk og sin egen tidssone.
admin-settings-err-name = Gi nettstedet et navn på høyst 80 tegn.
admin-settings-err-creators = Velg hvem som kan starte et kurs.
admin-settings-err-locale = Velg et av språkene i listen.

course-archived-banner = Dette kurset er arkivert: du kan lese alt, men ingenting kan endres.
course-archived-refused = Dette kurset er arkivert, så ingenting i det kan endres. Kurslederen kan gjenopprette det fra kursets innstillinger.
run-title = Arkiver eller kopier
run-link = Arkiver dette kurset, eller kopier det til neste gjennomføring
run-back = Tilbake til kursets innstillinger
run-archive-heading = Arkiver
run-archive-lead = Når kurset er over, kan du arkivere det: alle kan fortsatt lese det, men ingen kan skrive eller endre noe. Du kan gjenopprette det senere.
run-archive-button = Arkiver dette kurset
run-archived-lead = Dette kurset er arkivert. Gjenopprett det for å la folk skrive og endre igjen.
run-restore-button = Gjenopprett dette kurset
run-copy-heading = Kopier til neste gjennomføring
run-copy-lead = Start et nytt kurs med dette kursets rom, wiki, spørreskjema, forventninger, ukerytme, grupperegler, tavlekolonner og aktiviteter i tidsbudsjettet. Personer, innlegg og svar blir ikke kopiert. Du blir kursleder for det nye kurset.
run-copy-button = Kopier til et nytt kurs
run-copy-default-title = { $title } (neste gjennomføring)
notice-course-archived = Kurset er arkivert: alt kan leses, ingenting kan endres.
notice-course-restored = Kurset er åpent igjen.
notice-course-copied = Det nye kurset ditt er klart. Se over innstillingene, og inviter klassen.

sign-in-deactivated = Denne kontoen er deaktivert. Spør nettstedets administrator hvis du tror det er en feil.

data-link = Dataene dine: last dem ned, eller be om å bli slettet
data-title = Dataene dine
data-back = Tilbake til kontoen din
data-export-heading = Last ned dataene dine
data-export-lead = Alt dette nettstedet har om deg, i én fil (JSON): kontoen, profilen, innlegg, meldinger, svar og mer.
data-export-button = Last ned dataene mine
data-erasure-heading = Slett kontoen din
data-erasure-lead = Sletting fjerner kontoen din og det som bare handler om deg. Det du skrev for en klasse (innlegg, wikitekst), blir værende, uten navnet ditt. Vi sender deg en e-post for å bekrefte, og venter så i 7 dager, så du kan ombestemme deg.
data-erasure-button = Be om å slette kontoen min
data-erasure-waiting = Vi har sendt deg en e-post: følg lenken i den innen et døgn for å bekrefte at du vil bli slettet.
data-erasure-due = Kontoen din blir slettet { $when }. Til da kan du angre.
data-erasure-cancel = Avbryt slettingen
data-erasure-email-subject = Bekreft at du vil slette kontoen din
data-erasure-email-body = Hei { $name },

    Du har bedt om å slette kontoen din. For å bekrefte, følg denne lenken innen et døgn:

    { $link }

    Kontoen blir så slettet etter 7 dager; til da kan du angre på kontosiden din. Hvis du ikke har bedt om dette, kan du se bort fra denne e-posten, og ingenting skjer.
data-erasure-confirm-title = Slette kontoen din?
data-erasure-confirm-lead = Kontoen din blir slettet { $when }. Til da kan du angre på kontosiden din.
data-erasure-confirm-button = Ja, slett kontoen min
notice-erasure-email-sent = Sjekk e-posten din: lenken i den bekrefter slettingen.
notice-erasure-cancelled = Avbrutt. Kontoen din blir værende.
notice-erasure-confirmed = Bekreftet. Kontoen din blir slettet om 7 dager hvis du ikke angrer.
