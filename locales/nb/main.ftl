## Homeroom, norsk bokmål. Hver id her må også finnes i en/main.ftl (en test sjekker det).

## Layout
nav-skip = Hopp til innholdet
nav-label = Hovedmeny
nav-my-courses = Mine emner
nav-outbox = Utboks
nav-account = Min konto
nav-sign-in = Logg inn
nav-sign-out = Logg ut
footer-tagline = Homeroom — nettemner der folk kjenner hverandre.

## Landing and home
home-title = Hjem
landing-title = Nettemner der folk kjenner hverandre
landing-lead = Homeroom gjør det enkelt for undervisere å bygge relasjoner med vilje: presentasjoner, et felles hjem, grupper der man stadig møter noen nye, og en underviser som er til stede for alle.
landing-know-title = Bli kjent med hverandre
landing-know = Profiler, presentasjoner med ansikt og stemme, og en klasse som møtes fra første dag.
landing-groups-title = Møt noen nye
landing-groups = Grupperom og samarbeidspartnere planlagt slik at folk stadig knytter nye bånd.
landing-presence-title = En underviser for alle
landing-presence = Se hvem du ikke har snakket med ennå, selv i en klasse på flere hundre.
home-hello = Velkommen tilbake, { $name }
home-new-course = Start et nytt emne
home-your-courses = Dine emner
home-no-courses = Du er ikke med i noe emne ennå. Når en underviser inviterer deg, dukker emnet opp her.

## Common fields and buttons
field-name = Navn
field-email = E-post
field-password = Passord
field-new-password = Nytt passord
field-confirm-password = Skriv det nye passordet en gang til
field-current-password = Nåværende passord
field-language = Språk
field-time-zone = Tidssone
hint-password = Minst 10 tegn. En kort setning er lett å huske og vanskelig å gjette.
button-save = Lagre

## Signing in
sign-in-title = Logg inn
sign-in-button = Logg inn
sign-in-forgot = Glemt passordet?
sign-in-wrong = E-posten og passordet passer ikke sammen. Se etter skrivefeil, eller tilbakestill passordet.
sign-in-too-many = For mange forsøk på å logge inn. Vent 15 minutter, eller tilbakestill passordet.
forgot-title = Glemt passord
forgot-lead = Skriv e-posten du bruker i Homeroom, så sender vi deg en lenke der du kan velge et nytt passord.
forgot-button = Send meg en lenke
forgot-sent = Hvis det finnes en konto med den e-posten, er en lenke på vei. Den virker én gang, i én time.
set-password-title = Velg et passord
set-password-welcome = Velkommen, { $name }!
set-password-lead = Velg et nytt passord for kontoen din.
set-password-invite-lead = Du er invitert til Homeroom. Velg et passord, så kommer du rett til emnet ditt.
set-password-button = Lagre passordet og logg inn
set-password-expired = Denne lenken er utløpt eller allerede brukt.
set-password-new-link = Be om en ny lenke

## Account
account-title = Min konto
account-details = Dine opplysninger
account-password = Passord
account-change-password = Bytt passord

## Validation
err-email-missing = Skriv inn en e-postadresse.
err-email-too-long = E-postadressen er for lang (høyst 254 tegn).
err-email-invalid = Det ser ikke ut som en e-postadresse. Den skal se ut som navn@eksempel.no.
err-email-taken = En annen konto bruker allerede den e-postadressen.
err-name-missing = Skriv inn et navn.
err-name-too-long = Navnet er for langt (høyst 100 tegn).
err-name-invalid = Navnet inneholder tegn som ikke kan vises.
err-password-too-short = Passordet er for kort: bruk minst 10 tegn.
err-password-too-long = Passordet er for langt (høyst 200 tegn).
err-password-mismatch = De to passordene er ikke like.
err-password-current = Det nåværende passordet er ikke riktig.
err-title-missing = Gi emnet en tittel.
err-title-too-long = Tittelen er for lang (høyst 120 tegn).
err-description-too-long = Beskrivelsen er for lang (høyst 2 000 tegn).
err-time-zone = Velg en tidssone fra listen.
err-date = Skriv en dato som 2026-09-01.
err-start-mode = Velg hvordan emnet starter.
err-role = Velg en av rollene: underviser, assistent, student eller observatør.
err-last-tutor = Et emne trenger minst én underviser. Gjør noen andre til underviser først.

## Errors
error-title = Noe er ikke som det skal
error-not-found = Vi fant ikke den siden. Den kan være flyttet, eller lenken kan være feilskrevet.
error-forbidden = Du har ikke tilgang til denne siden. Hvis du mener du burde ha det, spør underviseren i emnet.
error-sign-in = Logg inn for å fortsette.
error-too-many = For mange forsøk. Vent litt og prøv igjen.
error-csrf = Dette skjemaet er utløpt. Gå tilbake, last inn siden på nytt og prøv igjen.
error-too-large = Det er mer enn vi kan ta imot på én gang. Prøv en mindre fil.
error-internal = Noe gikk galt hos oss. Det er logget; prøv igjen om litt.
error-method = Den handlingen er ikke tilgjengelig her.
error-bad-form = Vi kunne ikke lese det som ble sendt. Gå tilbake og se over skjemaet.
error-home = Gå til forsiden
error-reference = Feil { $status }
error-request-id = Referanse { $id }

## Roles and start modes
role-tutor = Underviser
role-ta = Assistent
role-student = Student
role-observer = Observatør
mode-face-to-face = Fysisk oppstart
mode-face-to-face-hint = Klassen møtes først i et rom; Homeroom holder kontakten ved like.
mode-live-online = Direkte på nett
mode-live-online-hint = Klassen møtes først i en videosamling.
mode-asynchronous = Når det passer
mode-asynchronous-hint = Alle starter i sitt eget tempo; presentasjonene bærer den første uka.

## Courses
course-new-title = Start et nytt emne
course-settings-title = Innstillinger for emnet
course-create-button = Opprett emnet
course-back = Tilbake til emnet
field-course-title = Tittel på emnet
field-course-description = Kort beskrivelse
hint-course-description = En eller to setninger som forteller studentene hva emnet er og hvem det er for.
field-start-date = Startdato
field-course-time-zone = Emnets tidssone
field-start-mode = Hvordan starter emnet?
course-starts = Starter { $date }
course-local-time = { $time } i { $zone }
course-tutor-tools = Verktøy for undervisere
course-invite = Inviter folk
course-manage-members = Medlemmer
course-settings = Innstillinger
course-your-team = Undervisningsteamet
course-the-class = Klassen
person-local-time = { $time } hos dem
count-students = { $count ->
    [one] 1 student
   *[other] { $count } studenter
}
count-observers = { $count ->
    [one] 1 observatør
   *[other] { $count } observatører
}
test-members = { $count ->
    [one] 1 medlem
   *[other] { $count } medlemmer
}

## Members
members-title = Medlemmer
members-role = Rolle
members-joined = Lagt til
members-actions = Handlinger
members-change = Endre
members-role-of = Rollen til { $name }
members-remove = Fjern { $name }
members-remove-confirm = Fjerne { $name } fra emnet? Tilgangen forsvinner med en gang.
members-invited = invitert, ikke med ennå

## Inviting
invite-title = Inviter folk
invite-join-link = Invitasjonslenke
invite-join-lead = Alle med denne lenken kan bli med som student. Del den i en e-post eller på emnesiden.
invite-join-off = Invitasjonslenken er slått av. Ingen kan bli med gjennom den.
invite-join-disable = Slå av lenken
invite-join-enable = Slå på lenken
invite-join-renew = Lag en ny lenke
invite-by-email = Inviter én person på e-post
invite-send = Send invitasjon
roster-title = Importer en klasseliste
roster-lead = Last opp eller lim inn en CSV-fil med kolonnene name, email og role. Du får se en forhåndsvisning først; ingenting lagres før du bekrefter.
roster-example = Eksempel på en klasseliste
roster-file = CSV-fil
roster-paste = …eller lim inn listen her
roster-send-emails = Send hver ny person en invitasjon på e-post
roster-preview-button = Forhåndsvis
roster-preview-title = Sjekk klasselisten
roster-ready = { $count ->
    [one] Raden er klar til import.
   *[other] Alle { $count } radene er klare til import.
}
roster-new-accounts = { $count ->
    [one] 1 ny konto (de velger passord fra invitasjonen)
   *[other] { $count } nye kontoer (de velger passord fra invitasjonen)
}
roster-existing = { $count ->
    [one] 1 person som allerede har en konto
   *[other] { $count } personer som allerede har en konto
}
roster-already = { $count ->
    [one] 1 person som allerede er med i emnet (blir som de er)
   *[other] { $count } personer som allerede er med i emnet (blir som de er)
}
roster-has-errors = { $count ->
    [one] Én rad må rettes
   *[other] { $count } rader må rettes
} før noe importeres ({ $good } rader er i orden). Rett dem i boksen under og sjekk igjen.
roster-errors-caption = Rader som må rettes
roster-line = Linje
roster-problem = Problem
roster-value = Verdi
roster-edit = Klasselisten (du kan rette den her)
roster-file-again = …eller velg en rettet fil
roster-check-again = Sjekk igjen
roster-import-button = { $count ->
    [one] Importer 1 person
   *[other] Importer { $count } personer
}
roster-rows-ok = { $count ->
    [one] Vis raden som er i orden
   *[other] Vis de { $count } radene som er i orden
}
roster-err-empty = Filen har ingen rader under overskriften.
roster-err-too-large = Filen er for stor: høyst 2 MB.
roster-err-not-utf8 = Filen er ikke UTF-8-tekst. Lagre den som «CSV UTF-8» i regnearket.
roster-err-line-too-long = Linje { $line } er altfor lang til å være en rad i en klasseliste. Er dette riktig fil?
roster-err-too-many-rows = Listen har mer enn 10 000 rader. Del den opp i mindre filer.
roster-err-header = Første linje må navngi kolonnene name, email og role (vi fant: { $found }).
roster-err-malformed = Linje { $line } kunne ikke leses som CSV (sjekk anførselstegnene).
roster-err-columns = Denne raden har ikke nøyaktig tre kolonner.
roster-err-role = Ukjent rolle: bruk tutor, ta, student eller observer.
roster-err-duplicate = Denne e-posten står tidligere i filen (linjen står i parentes).

## Joining
join-title = Bli med i { $course }
join-lead = Opprett en konto for å bli med i emnet.
join-have-account = Har du allerede en konto? Logg inn først.
join-as = Du blir med som { $name }.
join-button = Bli med i emnet
join-invalid = Denne invitasjonslenken er ikke gyldig, eller underviseren har slått den av. Be underviseren om en ny.

## Notices
notice-saved = Lagret.
notice-signed-out = Du er logget ut. Vi ses!
notice-password-set = Passordet er lagret, og du er logget inn.
notice-password-changed = Passordet er byttet. Andre enheter er logget ut.
notice-course-created = Emnet er klart. Nå kan du invitere klassen.
notice-invited = Invitasjonen er på vei.
notice-already-member = Den personen er allerede med i emnet.
notice-join-link = Invitasjonslenken er oppdatert.
notice-joined = Velkommen til emnet!
notice-role-changed = Rollen er endret.
notice-member-removed = Medlemmet er fjernet fra emnet.
notice-roster-imported = Klasselisten er importert.

## Outbox
outbox-title = Utboks
outbox-lead = Ingen e-posttjener er satt opp, så e-poster venter her i stedet for å bli sendt. Åpne en for å følge lenken i den.
outbox-smtp = E-poster sendes gjennom e-posttjeneren; dette er en oversikt over de siste.
outbox-empty = Ingen e-poster ennå.

## Emails
email-reset-subject = Velg et nytt passord i Homeroom
email-reset-body = Hei { $name },

    Noen (forhåpentlig du) ba om å tilbakestille passordet ditt i Homeroom. Følg denne lenken innen en time for å velge et nytt:

    { $link }

    Var det ikke deg, kan du se bort fra denne e-posten; passordet ditt blir som det er.
email-invite-subject = Du er invitert til { $course }
email-invite-body = Hei { $name },

    { $tutor } har invitert deg til emnet «{ $course }» i Homeroom. Følg denne lenken for å velge passord og møte klassen:

    { $link }

    Lenken virker i 14 dager.
email-added-body = Hei { $name },

    { $tutor } har lagt deg til i emnet «{ $course }» i Homeroom. Logg inn for å møte klassen:

    { $link }

## Groups
course-places = I dette emnet
groups-title = Grupper
groups-lead = Grupperom, samarbeidspartnere og prosjektgrupper, planlagt slik at alle stadig møter noen nye.
groups-none = Ingen grupper ennå.
groups-draft = utkast
groups-new-title = Planlegg grupper
groups-students-count = { $count ->
    [one] 1 student blir plassert.
   *[other] { $count } studenter blir plassert.
}
groups-field-title = Navn
groups-field-kind = Hva slags grupper?
groups-kind-breakout = Grupperom for direktesamlinger
groups-kind-partners = Samarbeidspartnere (par; én gruppe på tre hvis antallet er oddetall)
groups-kind-project = Prosjektgrupper (hver med et eget rom)
groups-field-size = Personer per gruppe
groups-hint-size = Et mål: når klassen ikke går opp, får noen grupper én ekstra.
groups-field-rounds = Runder å planlegge
groups-hint-rounds = Hver runde er en ny inndeling av klassen, for eksempel én per samling. Prosjektgrupper har én.
groups-field-objectives = Hva er viktig i disse gruppene?
groups-hint-new-people = Homeroom prøver alltid å gi alle nye folk å møte, også sammenlignet med tidligere grupper.
groups-objective-mix = Bland organisasjoner
groups-objective-similar = Lignende livssituasjon (så foreldre finner foreldre)
groups-objective-overlap = Timer hver gruppe kan møtes samtidig (0 for hvilke som helst)
groups-hint-overlap = Regnet mellom 8.00 og 22.00 i hver persons egen tidssone.
groups-field-facilitator = Hvem leder hver gruppe?
groups-facilitator-rotation = På omgang: alle én gang før noen to ganger
groups-facilitator-birthday = Den som har bursdag først fra i dag
groups-facilitator-volunteers = Frivillige først
groups-facilitator-none = Ingen spesielt
groups-field-prompts = Spørsmål, ett per linje
groups-hint-prompts = Spørsmålet hver gruppe starter med; én linje per runde, brukt om igjen når det er færre linjer enn runder.
groups-plan-button = Planlegg gruppene
groups-err-kind = Velg en type gruppe.
groups-err-size = Grupper trenger mellom 2 og 12 personer.
groups-err-size-class = Gruppene kan ikke være større enn klassen.
groups-err-too-few = Det må være minst to studenter i emnet.
groups-err-rounds = Planlegg mellom 1 og 12 runder.
groups-err-overlap = Skriv et antall timer fra 0 til 14.
groups-err-facilitator = Velg hvordan gruppeledere velges.
groups-err-prompts = Bruk høyst 12 spørsmål på opptil 500 tegn hver.
groups-err-plan = Disse gruppene kan ikke planlegges:
groups-err-move = Den personen eller gruppen finnes ikke i denne runden.
groups-err-move-alone = Å flytte den siste personen ut ville gi en tom gruppe.
groups-err-published = Publiserte grupper planlegges ikke på nytt; lag et nytt sett i stedet.
groups-err-replan = Gruppene kunne ikke planlegges på nytt. Sjekk klassen og prøv igjen.
groups-report = Hvor god er denne planen?
groups-report-no-repeats = Ingen møter noen to ganger: hver gruppe er nye folk.
groups-report-repeats = { $within } par møtes igjen i disse rundene, og { $history } par møtes igjen fra tidligere grupper.
groups-report-pairs = { $met } av { $possible } mulige par av medstudenter har nå møttes.
groups-report-sizes = Grupper på { $min } til { $max } personer.
groups-report-size = { $size ->
    [one] Alle grupper har 1 person.
   *[other] Alle grupper har { $size } personer.
}
groups-report-bound = { $bound ->
    [one] Med denne klassen og gruppestørrelsen kan bare én runde planlegges uten at noen møtes to ganger.
   *[other] Høyst { $bound } runder kan planlegges uten at noen møtes to ganger.
}
groups-report-violations = Det som ikke kunne holdes
groups-violation = Runde { $round }, gruppe { $group }: { $why }
groups-publish = Publiser for klassen
groups-replan = Planlegg på nytt
groups-delete = Slett
groups-delete-confirm = Slette disse gruppene? Det kan ikke angres.
groups-round = Runde { $number }
groups-the-groups = Gruppene
groups-prompt = Spørsmål:
groups-zoom = Last ned for Zoom (CSV for forhåndsfordeling av grupperom)
groups-not-in = Du er ikke i noen gruppe i denne runden.
groups-your-group = Din gruppe
groups-group = Gruppe { $number }
groups-facilitator = gruppeleder
groups-open-space = Åpne gruppens rom
groups-move-who = Flytt
groups-move-to = til
groups-move-button = Flytt i runde { $number }
groups-asked-size = grupper på { $size }
groups-asked-overlap = { $hours ->
    [one] 1 time sammen
   *[other] { $hours } timer sammen
}
notice-groups-planned = Gruppene er planlagt. Se over dem, flytt folk om du vil, og publiser.
notice-groups-moved = Flyttet. Rapporten under er oppdatert.
notice-groups-same = Personen er allerede i den gruppen.
notice-groups-published = Publisert: studentene ser nå gruppene sine.
notice-groups-deleted = Gruppene er slettet.
notice-checkin-created = Innsjekkingen er åpen.
notice-replied = Svaret ditt er publisert.
notice-posted = Publisert.

## Check-ins
checkin-title = Ukentlige innsjekkinger
checkin-none = Ingen innsjekkinger ennå.
checkin-field-title = Tittel
checkin-title-example = Innsjekking uke 2
checkin-field-prompt = Spørsmål
checkin-create = Start innsjekkingen
checkin-participation = { $wrote } av { $total } har skrevet
checkin-privacy-tutor = Du ser hvem som har skrevet. Du ser hva de skrev bare hvis de valgte å dele det med deg.
checkin-wrote = har skrevet
checkin-not-yet = ikke ennå
checkin-yours = Din refleksjon
checkin-field-body = Hva vil du dele med gruppen din?
checkin-share = Del den også med underviserne
checkin-save = Lagre refleksjonen
checkin-group = Gruppens refleksjoner
checkin-nobody = Ingen i gruppen din har skrevet ennå. Vil du være først?
checkin-reply-to = Svar til { $name }
checkin-reply = Svar
checkin-err-title = Gi innsjekkingen en tittel på opptil 120 tegn.
checkin-err-prompt = Skriv et spørsmål.
checkin-err-body = Skriv noe først.
checkin-err-too-long = Det er for langt: høyst 4 000 tegn.

## Group spaces
space-title = Prosjektgruppe { $number }
space-new-thread = Start en tråd
space-field-title = Tittel
space-field-body = Melding
space-post = Publiser
space-empty = Ingenting her ennå. Start den første tråden!
space-reply = Skriv et svar
space-reply-button = Svar
space-err-title = Gi tråden en tittel på opptil 120 tegn.

## Profile basics
account-about = Om deg
account-about-lead = Undervisere bruker dette til å planlegge grupper. Organisasjonen din vises for klassen; livssituasjon og bursdag bare for underviserne.
field-organisation = Organisasjon
field-circumstances = Livssituasjon
hint-circumstances = Skilt med semikolon, f.eks. «jobber fulltid; forelder».
field-birthday = Bursdag (måned og dag, MM-DD)
err-birthday = Skriv bursdagen som MM-DD, for eksempel 03-14.
err-organisation-too-long = Det er for langt: høyst 120 tegn.

## Wiki
wiki-title = Om klassen
wiki-lead = Sider hele klassen skriver sammen: hvem vi er, hva vi håper på, nyttige lenker. Alle kan redigere; hver versjon blir tatt vare på.
wiki-none = Ingen sider ennå. Start den første!
wiki-new-page = Ny side
wiki-create = Opprett side
wiki-locked = låst
wiki-edit = Rediger
wiki-history = Historikk
wiki-last-edit = Sist redigert av { $name }, { $when }
wiki-empty = Denne siden er tom. Vær den første til å skrive noe.
wiki-lock = Lås siden (bare undervisere kan redigere)
wiki-unlock = Lås opp siden
wiki-editing = Redigerer «{ $title }»
wiki-field-title = Tittel
wiki-field-body = Tekst
wiki-hint-markdown = Markdown: **fet**, *kursiv*, # overskrift, - liste, [lenke](https://…).
wiki-save = Lagre siden
wiki-conflict = Noen andre lagret denne siden mens du redigerte. Teksten din står fortsatt under; se hva de endret, slå sammen de to og lagre igjen.
wiki-conflict-theirs = Det som ble endret mens du redigerte
wiki-err-title = Gi siden en tittel på opptil 120 tegn.
wiki-err-too-long = Siden er for lang: høyst 100 000 tegn.
wiki-history-of = Historikk for «{ $title }»
wiki-revision = Versjon
wiki-by = Av
wiki-when = Når
wiki-changes-in = Endringer i versjon { $number }
wiki-restore = Gjenopprett versjon { $number }
wiki-restored-note = gjenopprettet versjon { $number }
wiki-former-member = tidligere medlem
wiki-diff-title = Endringer fra versjon { $from } til { $to }
wiki-diff-legend = Linjer merket + er lagt til, linjer merket − er fjernet.
notice-wiki-restored = Den tidligere versjonen er gjenopprettet som en ny versjon.

## Time budget
budget-title = Tidsbudsjett
budget-lead = Hvor mange timer i uka vil du gi hver del av emnet? En plan du lager selv er lettere å holde, og du kan endre den når som helst.
budget-your-plan = Din ukeplan
budget-hours-for = Timer i uka til { $activity }
budget-hint = Timer per uke, for eksempel 2 eller 1,5. La stå tomt for ingen.
budget-save = Lagre planen
budget-total = { $hours ->
    [one] 1 time i uka til sammen
   *[other] { $hours } timer i uka til sammen
}
budget-hours = { $hours } t
budget-no-plan = Ingen plan ennå. Fyll inn timene og lagre for å se den her.
budget-class = Klassens planer
budget-class-lead = { $count ->
    [one] Én student har laget en plan. Tallene er anonyme: median og spenn per aktivitet, i timer per uke.
   *[other] { $count } studenter har laget en plan. Tallene er anonyme: median og spenn per aktivitet, i timer per uke.
}
budget-activity = Aktivitet
budget-median = Median
budget-range = Spenn
budget-missing = { $count ->
    [0] Alle har laget en plan.
    [one] Én student har ikke laget en plan ennå:
   *[other] { $count } studenter har ikke laget en plan ennå:
}
list-more = og { $count } til.
budget-activities = Aktiviteter, én per linje
budget-activities-hint = Studentene planlegger timer for hver. Fjerner du en linje, fjernes timene planlagt for den.
budget-save-activities = Lagre aktivitetene
budget-err-hours = Skriv timer som et tall fra 0 til 60, med høyst én desimal, for eksempel 1,5.
budget-err-activities = Oppgi mellom 1 og 20 aktiviteter, hver på opptil 60 tegn.

## Expectations
expectations-title = Våre forventninger
expectations-none = Underviseren har ikke skrevet forventningene til emnet ennå.
expectations-you-read = Du har lest dette. Takk!
expectations-read-button = Jeg har lest dette
expectations-read-count = { $read } av { $total } { $total ->
    [one] student
   *[other] studenter
} har lest den nåværende versjonen
expectations-not-yet = Ikke ennå:
expectations-have-read = Har lest:
expectations-edit = Rediger forventningene
expectations-write = Skriv forventningene til emnet
expectations-field = Hvordan delta, svartider, og hva studentene kan forvente av deg
expectations-hint = Markdown. Når du lagrer en ny versjon, blir studentene bedt om å lese den igjen.
expectations-save = Lagre og fest i emnet
expectations-err-body = Skriv forventningene (opptil 20 000 tegn).
expectations-pin-unread = Les forventningene til emnet.
expectations-pin-read = Du har lest forventningene til emnet.
notice-expectations-read = Takk for at du leste forventningene.

## Expectations board
board-title = Forventningstavle
board-lead = Hva forventer vi av underviseren, av oss selv og av hverandre? Legg til en lapp, og gi «+1» til dem du er enig i.
board-agree = Jeg er enig
board-more = Flere lapper i denne kolonnen
board-whole = Hele tavla
board-move-to = Flytt til kolonne
board-move = Flytt
board-delete = Slett
board-delete-confirm = Slette denne lappen?
board-add = Legg til en lapp
board-colour = Farge
board-colour-yellow = Gul
board-colour-pink = Rosa
board-colour-blue = Blå
board-colour-green = Grønn
board-add-button = Legg til lapp
board-columns = Kolonner, én per linje
board-columns-hint = Lapper i en kolonne som fjernes, flyttes til den første kolonnen.
board-save-columns = Lagre kolonnene
board-err-note = En lapp trenger noen ord, opptil 280 tegn.
board-err-columns = Oppgi mellom 1 og 8 kolonner, hver på opptil 80 tegn.
notice-board-added = Lappen din er på tavla.
notice-board-moved = Lappen er flyttet.
notice-board-voted = Notert.
notice-board-deleted = Lappen er borte.

## Start-up kit
kit-title = Oppstartspakke
kit-lead = Aktiviteter som hjelper klassen å bli kjent, i en rekkefølge som passer et emne med oppstart: { $mode }.
kit-expectations = Skriv forventningene dine og be studentene lese dem
kit-board = Forventningstavle: hva vi forventer av hverandre
kit-budget = Tidsbudsjett: alle planlegger uka si
kit-wiki = «Om klassen»-side i wikien
kit-groups = De første gruppene: grupperom eller samarbeidspartnere
kit-progress = { $done } av { $total } { $total ->
    [one] student
   *[other] studenter
} har deltatt
kit-not-ready = ikke satt opp ennå

## Spørreundersøkelse ved kursstart
kit-survey = Spørreundersøkelse ved kursstart fra malen
survey-title = Spørreundersøkelse ved kursstart
survey-start-heading = Bli kjent med klassen før dere begynner
survey-start-lead = En kort spørreundersøkelse forteller deg hva studentene håper på, hvordan de liker å kommunisere og hvor mye tid de har. Start fra den ferdige malen og endre det du vil, eller lag din egen.
survey-from-template = Start fra malen
survey-from-empty = Start med en tom undersøkelse
survey-none-yet = Det finnes ingen spørreundersøkelse i dette kurset ennå.
survey-status-draft = Undersøkelsen er fortsatt et utkast; studentene ser den ikke ennå.
survey-status-not-yet-open = Undersøkelsen åpner { $when }.
survey-status-open-until = Undersøkelsen er åpen til { $when }.
survey-status-open = Undersøkelsen er åpen.
survey-status-closed = Undersøkelsen stengte { $when }. Svarene kan leses, men ikke endres.
survey-you-answered = Du sendte svarene dine { $when }. Du kan endre dem til undersøkelsen stenger.
survey-required-hint = Spørsmål merket med * må besvares.
survey-required = Obligatorisk
survey-optional = Valgfritt
survey-share = Vis dette svaret på profilen min ({ $field })
survey-save-changes = Lagre endringene mine
survey-send = Send svarene mine
survey-your-answers = Svarene dine
survey-closed-unanswered = Undersøkelsen er stengt, og du svarte ikke på den.
survey-students-answer = Studentene svarer på denne undersøkelsen; undervisningsteamet leser resultatene.
survey-see-results = { $count ->
    [one] Se resultatene (1 svar)
   *[other] Se resultatene ({ $count } svar)
}
survey-schedule = Når undersøkelsen er åpen
survey-schedule-zone = Datoer og klokkeslett i kursets tidssone, { $zone }. La stengetidspunktet stå tomt for å holde undersøkelsen åpen.
survey-opens = Åpner
survey-closes = Stenger
survey-publish = Publiser undersøkelsen
survey-save-dates = Lagre datoene
survey-back-to-draft = Tilbake til utkast
survey-questions = Spørsmål
survey-locked = Spørsmålene kan ikke endres etter at undersøkelsen er publisert. Gjør den om til utkast igjen (mulig til noen har svart) for å endre dem.
survey-no-questions = Ingen spørsmål ennå. Legg til det første nedenfor.
survey-linked-to = vises på profilen som { $field } hvis studenten samtykker
survey-move-up = Flytt opp
survey-move-down = Flytt ned
survey-delete-confirm = Slette dette spørsmålet?
survey-delete = Slett
survey-edit = Rediger
survey-kind = Type spørsmål
survey-prompt = Spørsmål
survey-help = Hjelpetekst (valgfritt)
survey-options = Svaralternativer, rader eller skalaetiketter, ett per linje
survey-options-hint = Alternativer for enkeltvalg og flervalg; rader for timetabellen (for eksempel «Kvelder på hverdager»); for en skala fra 1 til 5, etiketten for 1 og etiketten for 5.
survey-profile-field = Vis svaret på studentens profil
survey-profile-none = Nei
survey-save-question = Lagre spørsmålet
survey-add-question = Legg til et spørsmål
survey-add = Legg til spørsmålet
survey-settings = Tittel og innledning
survey-title-label = Tittel
survey-intro-label = Innledning for studentene
survey-save-settings = Lagre tittel og innledning
survey-kind-short-text = Kort tekst
survey-kind-long-text = Lang tekst
survey-kind-single-choice = Enkeltvalg
survey-kind-multiple-choice = Flervalg
survey-kind-scale = Skala fra 1 til 5
survey-kind-hours = Timer per uke
survey-profile-interests = interesser
survey-profile-looking-forward = hva jeg gleder meg til å lære
survey-profile-how-use = hvordan jeg skal bruke det
survey-profile-contact = foretrukne måter å bli kontaktet på
survey-profile-about = om meg
survey-results-title = Resultater fra undersøkelsen
survey-results-lead = { $done } av { $total } { $total ->
    [one] student
   *[other] studenter
} har svart.
survey-download = Last ned alle svarene (CSV)
survey-per-question = Per spørsmål
survey-answered-count = { $count ->
    [one] 1 svar
   *[other] { $count } svar
}
survey-bar-value = { $count } ({ $percent } %)
survey-median = Median: { $value }
survey-scale-ends = 1 betyr «{ $low }», 5 betyr «{ $high }».
survey-hours-row = Når
survey-hours-median = Median timer per uke
survey-hours-total = Til sammen
survey-no-answers = Ingen svar ennå.
survey-texts-all = { $count ->
    [one] Svaret
   *[other] Alle { $count } svarene
}
survey-per-student = Per student
survey-have-answered = { $count ->
    [one] 1 student har svart
   *[other] { $count } studenter har svart
}
survey-nobody-yet = Ingen har svart ennå.
survey-not-answered = { $count ->
    [0] Alle har svart
    [one] 1 student har ikke svart ennå
   *[other] { $count } studenter har ikke svart ennå
}
survey-last-changed = Sist endret { $when }.
survey-response-title = Svarene til { $name }
survey-csv-name = Navn
survey-csv-email = E-post
survey-csv-updated = Sist endret
survey-err-short-too-long = Hold svaret under 200 tegn.
survey-err-long-too-long = Hold svaret under 4000 tegn.
survey-err-choice = Velg blant alternativene som er gitt.
survey-err-scale = Velg et tall fra 1 til 5.
survey-err-hours = Oppgi timer fra 0 til 168, med høyst én desimal (som 1,5).
survey-err-hours-total = En uke har 168 timer; til sammen blir dette mer.
survey-err-required = Dette spørsmålet må besvares.
survey-err-kind = Velg en type spørsmål.
survey-err-prompt = Et spørsmål trenger noen ord, opptil 300 tegn.
survey-err-help = Hold hjelpeteksten under 500 tegn.
survey-err-options = Enkeltvalg og flervalg trenger mellom 2 og 20 ulike alternativer, hvert på opptil 120 tegn.
survey-err-rows = Timetabellen trenger mellom 1 og 20 rader, hver på opptil 120 tegn.
survey-err-scale-labels = En skala har to etiketter: én for 1 og én for 5.
survey-err-profile-field = Velg et profilfelt fra listen.
survey-err-profile-kind = Bare tekst- og valgsvar kan vises på en profil.
survey-err-date = Oppgi dato og klokkeslett, for eksempel 2026-09-01 09:00.
survey-err-closes-before-opens = Undersøkelsen må stenge etter at den åpner.
survey-err-closed = Undersøkelsen er stengt, så svarene kan ikke endres lenger.
survey-err-not-open = Undersøkelsen er ikke åpen ennå.
survey-err-summary = { $count ->
    [one] Ett svar må ses på igjen; ingenting er lagret ennå.
   *[other] { $count } svar må ses på igjen; ingenting er lagret ennå.
}
survey-err-from = Start fra malen eller fra en tom undersøkelse.
survey-err-not-draft = Spørsmålene kan ikke endres etter at undersøkelsen er publisert.
survey-err-settings = Undersøkelsen trenger en tittel på opptil 120 tegn og en innledning på opptil 2000.
survey-err-has-answers = Studenter har allerede svart, så undersøkelsen forblir publisert.
survey-err-no-questions = Legg til minst ett spørsmål før du publiserer.
survey-err-too-many = En undersøkelse kan ha høyst 40 spørsmål.
survey-err-question = Spørsmålet ble ikke lagret: { $error }
survey-err-direction = Flytt spørsmålet opp eller ned.
notice-survey-saved = Takk! Svarene dine er lagret.
notice-survey-exists = Dette kurset har allerede en spørreundersøkelse.
notice-survey-created = Undersøkelsen er klar som utkast. Endre det du vil, og publiser den.
notice-survey-draft = Undersøkelsen er et utkast igjen.
notice-survey-scheduled = Datoene for undersøkelsen er lagret.
notice-survey-question-added = Spørsmålet er lagt til.
notice-survey-question-moved = Spørsmålet er flyttet.
notice-survey-question-deleted = Spørsmålet er slettet.
survey-tpl-title = Bli kjent med deg
survey-tpl-intro = Velkommen! Disse spørsmålene hjelper oss å bli kjent med deg og planlegge et kurs som passer for denne klassen. Det tar omtrent fem minutter. Du kan endre svarene dine til undersøkelsen stenger.
survey-tpl-goals = Hva håper du å få ut av dette kurset?
survey-tpl-goals-help = En setning eller to er nok.
survey-tpl-interests = Hva er du interessert i, på jobb eller utenom?
survey-tpl-interests-help = Noen få ord, for eksempel «fjellturer, podkaster, voksenlæring».
survey-tpl-communication = Hvordan liker du å kommunisere med medstudenter og lærere?
survey-tpl-communication-forum = Diskusjonsforum
survey-tpl-communication-chat = Chattemeldinger
survey-tpl-communication-video = Videosamtaler
survey-tpl-communication-email = E-post
survey-tpl-communication-in-person = Å møtes ansikt til ansikt
survey-tpl-work-style = Hvordan liker du å begynne på en ny oppgave?
survey-tpl-work-style-alone = Alene først, så sammen med andre
survey-tpl-work-style-together = Sammen med andre fra starten
survey-tpl-work-style-depends = Det kommer an på oppgaven
survey-tpl-confidence = Hvor trygg føler du deg på å studere på nett?
survey-tpl-confidence-low = Ikke trygg ennå
survey-tpl-confidence-high = Veldig trygg
survey-tpl-expect-course = Hva forventer du av dette kurset og av undervisningsteamet?
survey-tpl-expect-each-other = Hva forventer dere av hverandre som medstudenter?
survey-tpl-hours = Hvor mange timer i uka kan du bruke på kurset, og når?
survey-tpl-hours-help = Hele timer per uke for hver. La feltet stå tomt for ingen.
survey-tpl-hours-weekday-daytime = Hverdager, på dagtid
survey-tpl-hours-weekday-evenings = Kvelder på hverdager
survey-tpl-hours-weekends = Helger
## Rom (forum, spørsmål og svar, kaffekrok, kunngjøringer)
forum-title = Rom
forum-kind-discussion = Diskusjonsforum
forum-kind-qa = Spørsmål og svar
forum-kind-social = Kaffekrok
forum-kind-announcements = Kunngjøringer
forum-default-introductions = Presentasjoner
forum-default-introductions-about = Si hei: hvem du er, hvor du jobber, og hva du håper å få ut av kurset. Svar minst to medstudenter.
forum-default-coffee = Kaffekrok
forum-default-coffee-about = Alt er lov: helgeplaner, kjæledyr, været der du er. Ingenting her handler om kurset.
forum-default-announcements = Kunngjøringer
forum-default-announcements-about = Nytt fra lærerteamet. Alle får et varsel, og du kan svare med spørsmål.
forum-starter-1 = Hva fikk deg til å tenke at…?
forum-starter-2 = Kan du gi et eksempel på…?
forum-starter-3 = Hvordan henger dette sammen med…?
forum-starter-4 = Hva ville skje hvis…?
forum-starter-5 = Hvordan ville du forklart dette for en som er ny i…?
forum-former-member = Tidligere deltaker
forum-search = Søk
forum-search-label = Søk i innleggene
forum-search-title = Søk i rommene
forum-search-count = { $count ->
    [one] 1 innlegg funnet
   *[other] { $count } innlegg funnet
}
forum-search-by = Innlegg av { $name }
forum-search-everyone = Alles innlegg
forum-pages = Sider
forum-newer = Nyere
forum-older = Eldre
forum-mark-all-read = Merk alt som lest
forum-reports-link = Rapporter ({ $count })
forum-unread = { $count ->
    [one] 1 ny
   *[other] { $count } nye
}
forum-unanswered-count = { $count ->
    [one] 1 ubesvart
   *[other] { $count } ubesvarte
}
forum-archived = Arkivert
forum-archived-note = Dette rommet er arkivert: du kan lese, men ikke skrive her.
forum-thread-count = { $count ->
    [one] 1 tråd
   *[other] { $count } tråder
}
forum-reply-count = { $count ->
    [one] 1 svar
   *[other] { $count } svar
}
forum-move-up = Flytt opp
forum-move-down = Flytt ned
forum-archive = Arkiver
forum-unarchive = Hent fram igjen
forum-new-space = Nytt rom
forum-space-title = Tittel
forum-space-kind = Type
forum-space-about = Slik bruker vi dette rommet
forum-space-about-hint = Noen linjer i Markdown, vist øverst i rommet.
forum-create-space = Opprett rom
forum-edit-space = Rediger dette rommet
forum-save-space = Lagre rommet
forum-starters = Innledninger til oppfølgingsspørsmål
forum-starters-label = Innledninger, én per linje
forum-starters-hint = Tilbys under hvert innlegg under «Still et oppfølgingsspørsmål».
forum-save-starters = Lagre innledningene
forum-filter = Vis
forum-all-questions = Alle spørsmål
forum-unanswered-only = Bare ubesvarte
forum-no-threads = Ingenting her ennå. Start samtalen!
forum-pinned = Festet
forum-locked = Låst
forum-answered = Besvart
forum-unanswered = Ubesvart
forum-ask = Still et spørsmål
forum-start = Start en tråd
forum-thread-title = Tittel
forum-body = Innlegget ditt
forum-body-hint = Markdown virker. Skriv @ og et navn for å nevne en medstudent.
forum-post = Publiser
forum-first-unread = Gå til første nye innlegg
forum-pin = Fest
forum-unpin = Løsne
forum-lock = Lås
forum-unlock = Lås opp
forum-locked-note = Denne tråden er låst: ingen nye svar.
forum-reply-thread = Svar i tråden
forum-post-reply = Publiser svaret
forum-reply = Svar
forum-reply-to = Svar til { $name }
forum-follow-up = Still et oppfølgingsspørsmål
forum-edited = redigert
forum-new = ny
forum-the-answer = Svaret
forum-deleted-by-author = Slettet av forfatteren.
forum-hidden-by-moderator = Skjult av en moderator.
forum-hidden-reason = Begrunnelse: { $reason }
forum-mark-answer = Merk som svaret
forum-unmark-answer = Ikke svaret
forum-edit = Rediger
forum-delete = Slett
forum-delete-confirm = Slette dette innlegget? Svarene på det blir stående.
forum-hide = Skjul
forum-hide-reason = Hvorfor skjule det? Forfatteren ser dette.
forum-restore = Vis igjen
forum-report = Rapporter
forum-report-reason = Begrunnelse
forum-report-send = Rapporter til lærerteamet
forum-edit-title = Rediger innlegget ditt
forum-edit-hint = Tidligere versjoner er synlige under «redigert».
forum-save = Lagre
forum-history-title = Versjoner av dette innlegget
forum-history-by = Skrevet av { $name }
forum-history-current = Nå (siden { $when })
forum-history-earlier = Versjon fra { $when }
forum-reports-title = Rapporterte innlegg
forum-no-reports = Ingen åpne rapporter.
forum-report-line = { $reporter } rapporterte et innlegg av { $author }
forum-dismiss = Avvis rapporten
forum-err-title = En tittel trenger noen ord, opptil 150 tegn.
forum-err-body = Et innlegg trenger noen ord, opptil 20 000 tegn.
forum-err-reason = Gi en begrunnelse på opptil 500 tegn.
forum-err-about = «Slik bruker vi dette rommet» kan være opptil 2000 tegn.
forum-err-kind = Velg hvilken type rom dette er.
forum-err-archived = Dette rommet er arkivert, så ingenting nytt kan skrives her.
forum-err-locked = Denne tråden er låst og tar ikke imot nye svar.
forum-err-parent = Innlegget du svarte på, er ikke i denne tråden.
forum-err-emoji = Den reaksjonen er ikke blant dem som tilbys.
forum-err-answer = Bare et svar i et spørsmålsrom kan merkes som svaret.
forum-err-direction = Et rom flyttes opp eller ned.
forum-err-archive = Si om rommet skal arkiveres eller hentes fram igjen.
forum-err-starters = Gi mellom 1 og 20 innledninger, én per linje, hver på opptil 200 tegn.
notice-forum-space-created = Rommet er klart.
notice-forum-archived = Rommet er arkivert.
notice-forum-unarchived = Rommet er åpent igjen.
notice-forum-all-read = Alt er merket som lest.
notice-forum-thread-started = Tråden din er publisert.
notice-forum-replied = Svaret ditt er publisert.
notice-forum-pinned = Tråden er festet.
notice-forum-unpinned = Tråden er ikke lenger festet.
notice-forum-locked = Tråden er låst.
notice-forum-unlocked = Tråden er åpen for svar igjen.
notice-forum-deleted = Innlegget ditt er slettet.
notice-forum-reacted = Notert.
notice-forum-answered = Merket som svaret.
notice-forum-unanswered = Ikke lenger merket som svaret.
notice-forum-reported = Takk. Lærerteamet ser på det.
notice-forum-hidden = Innlegget er skjult.
notice-forum-restored = Innlegget er synlig igjen.
notice-forum-dismissed = Rapporten er avvist.
## Bli kjent med hverandre: media, profiler, presentasjoner (sak 3)
media-err-type = { $field }: denne filtypen kan ikke brukes her. Bilder kan være JPEG, PNG eller WebP; opptak WebM, Ogg, MP4, M4A, MP3 eller WAV.
media-err-too-big = { $field }: filen er større enn grensen på { $limit } MB.
media-err-corrupt = { $field }: bildet kunne ikke leses. Det kan være avkuttet eller skadet; prøv å lagre det på nytt.
kit-tutor-intro = Presenter deg selv først: presentasjonen din festes øverst
kit-intros = Presentasjoner: alle sier hei
profile-edit-title = Min profil
profile-edit-lead = Én profil for alle emnene dine. For hver del velger du hvem som ser den: klassen, bare lærerteamet eller bare deg.
profile-err-heading = Sjekk dette og lagre på nytt:
profile-err-too-long = { $field }: hold det til { $max } tegn.
profile-who-sees = Hvem ser dette
visibility-class = Klassen
visibility-tutors = Bare lærerteamet
visibility-me = Bare meg
profile-pronouns = Pronomen
profile-pronouns-hint = For eksempel hun/henne, han/ham, hen/henne. La feltet stå tomt om du vil.
profile-name-section = Navnet mitt
profile-name-say = Slik uttales navnet mitt
profile-name-say-hint = For eksempel «AH-da, som starten på 'Adam'».
profile-name-audio = Et kort opptak av navnet mitt
profile-name-audio-hint = Et lydopptak på opptil { $limit } MB (WebM, Ogg, M4A, MP3 eller WAV).
profile-name-record = Ta opp navnet mitt
profile-name-audio-remove = Fjern opptaket
profile-name-audio-of = Slik sier { $name } navnet sitt
profile-photo = Bilde av meg eller et bilde som beskriver meg
profile-photo-choose = Velg et bilde
profile-photo-hint = JPEG, PNG eller WebP på opptil { $limit } MB. Det beskjæres til et kvadrat, og sted og kameradetaljer fjernes.
profile-photo-caption = Bildetekst
profile-photo-current = Bildet ditt nå
profile-photo-remove = Fjern bildet
profile-photo-of = Bilde av { $name }
profile-about-section = Om meg
profile-bio = Litt om meg
profile-work = Arbeidssted og stilling
profile-job = Stilling
profile-location = Hvor jeg er
profile-local-time = Klokka er { $time } der de er ({ $zone })
profile-interests = Interesser
profile-tags-hint = Skill dem med semikolon, f.eks. «fjelltur; foto; sjakk».
profile-course-section = Dette emnet og meg
profile-looking-forward = Hva jeg gleder meg til å lære
profile-use-for = Hvordan jeg skal bruke det
profile-private-section = Livssituasjon og kontakt
profile-private-lead = Dette hjelper lærerteamet å sette sammen grupper og støtte deg. Bursdag og livssituasjon er bare for lærerteamet med mindre du velger noe annet.
profile-circumstances = Livssituasjon
profile-circumstances-note = Annet om livssituasjonen min
profile-contact = Slik tar du helst kontakt med meg
profile-birthday = Bursdag
profile-birthday-on = { $day }. { $month }
profile-nothing-shared = Ikke noe mer er delt med deg ennå.
month-1 = januar
month-2 = februar
month-3 = mars
month-4 = april
month-5 = mai
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = desember
intro-title = Presentasjoner
intro-lead = Si hei til klassen, og ønsk de andre velkommen.
intro-prompt-tutor = Presenter deg selv for klassen først: presentasjonen din festes øverst og viser studentene hvordan.
intro-prompt-student = Si hei: presenter deg selv for klassen, og ønsk de andre velkommen.
intro-missing = Ikke presentert seg ennå ({ $count })
intro-nudge = Send en vennlig påminnelse
intro-nudged-today = påminnet det siste døgnet
intro-post-mine = Presenter deg selv
intro-edit-mine = Presentasjonen din
intro-body = Noen ord om deg
intro-body-hint = Hvem du er, hvor du er, og hva som bringer deg hit. Markdown virker.
intro-photo = Et bilde (valgfritt)
intro-clip = Et lyd- eller videoklipp (valgfritt)
intro-clip-hint = Ta opp ovenfor, eller velg en fil: lyd opptil { $audio } MB, video opptil { $video } MB.
intro-clip-remove = Fjern klippet
intro-clip-of = Presentasjonsklippet til { $name }
intro-record-lead = Eller ta opp et kort klipp her: ta opp, stopp, lytt, og publiser.
intro-record-voice = Ta opp lyd
intro-record-video = Ta opp video
intro-record-stop = Stopp
intro-record-again = Ta opp på nytt
intro-record-recording = Tar opp … trykk Stopp når du er ferdig.
intro-record-done = Tatt opp. Lytt, ta opp på nytt, eller publiser.
intro-record-denied = Nettleseren tillot ikke opptak. Du kan velge en fil i stedet.
intro-record-posting = Publiserer …
intro-record-preview = Forhåndsvisning av opptaket ditt
intro-transcript = Transkripsjon eller teksting
intro-transcript-hint = Det du sier i klippet, for dem som ikke kan lytte.
intro-post = Publiser presentasjonen min
intro-none-yet = Ingen har presentert seg ennå.
intro-pinned = Festet
intro-welcomes = Velkomsthilsener
intro-welcome = Velkommen
intro-welcome-label = Ønsk { $name } velkommen
intro-welcome-placeholder = Si velkommen …
intro-read-more = Les presentasjonen
intro-err-empty = Skriv noen ord om deg selv.
intro-err-long = Hold presentasjonen til { $max } tegn.
intro-err-transcript = Hold transkripsjonen til { $max } tegn.
intro-err-welcome = En velkomsthilsen trenger noen ord, opptil { $max } tegn.
intro-nudge-subject = Si hei i { $course }
intro-nudge-body = Hei { $name },

    { $tutor } vil gjerne høre fra deg: klassen i { $course } presenterer seg for hverandre. Noen ord (og gjerne et bilde eller et kort opptak) hjelper alle å sette ansikt på navn.

    { $link }
notice-intro-posted = Presentasjonen din er publisert.
notice-intro-welcomed = Velkomsthilsenen din er publisert.
notice-intro-nudged = Påminnelsen er på vei.
notice-intro-nudged-recently = De ble påminnet det siste døgnet; la oss gi dem tid.
notice-intro-already-done = De har allerede presentert seg.
class-title = Møt klassen
class-lead = Alle i emnet, med det de har valgt å dele.
class-filters = Filtrer klassen
class-any = Alle
class-filter = Filtrer
class-clear = Fjern filtre
class-showing = Viser { $shown } av { $total }
class-no-intro = Har ikke presentert seg ennå.
## Homebase: meldinger, skryt, Ukens seier, feiringer, «Vår uke»
messages-title = Meldinger
messages-lead = Private samtaler med én eller noen få personer i dette emnet. Bare de som er med i en samtale, kan lese den.
messages-conversations = Samtaler
messages-unread = { $count } uleste
messages-none = Ingen samtaler ennå.
messages-read-only-tag = skrivebeskyttet
messages-new = Ny samtale
messages-students-off-note = Meldinger mellom studenter er slått av i dette emnet. Du kan fortsatt skrive til undervisningsteamet.
messages-nobody-to-message = Det er ingen du kan skrive til her ennå.
messages-pick = { $count ->
    [one] Hvem? (1 person)
   *[other] Hvem? (opptil { $count } personer)
}
messages-teaching-team = undervisningsteamet
messages-body = Melding
messages-markdown-hint = Du kan bruke Markdown: **fet**, *kursiv*, lister og lenker.
messages-send = Send
messages-blocking = Blokkering
messages-blocking-hint = Når du blokkerer noen, når ikke de nye meldingene deres fram til deg, og de kan ikke starte en samtale med deg. Det gjelder i alle emnene dine, og du kan oppheve det.
messages-block-who = Blokker
messages-block = Blokker
messages-unblock = Opphev blokkering
messages-setting = Meldinger mellom studenter
messages-setting-on = Studenter kan sende meldinger til hverandre
messages-setting-off = Studenter kan bare sende meldinger til undervisningsteamet
messages-setting-save = Lagre
messages-conversation = Samtale
messages-with = Samtale med { $names }
messages-former-member = Tidligere medlem
messages-just-you = Bare deg
messages-read-only = Meldinger mellom studenter er slått av i dette emnet, så denne samtalen er skrivebeskyttet. Du kan fortsatt skrive til undervisningsteamet.
messages-reply = Svar
messages-people = Med i samtalen
messages-err-nobody = Velg minst én person å skrive til.
messages-err-too-many = En samtale kan ha høyst 8 personer, deg selv medregnet.
messages-err-not-member = Du kan bare skrive til medlemmer av dette emnet som deltar i det.
messages-err-unreachable = Du kan ikke starte en samtale med en av personene du valgte.
messages-err-students-off = Meldinger mellom studenter er slått av i dette emnet. Ta med noen fra undervisningsteamet.
messages-err-body = Skriv en melding på opptil 5 000 tegn.
messages-err-read-only = Denne samtalen er skrivebeskyttet fordi meldinger mellom studenter er slått av.
messages-err-setting = Velg om studenter kan sende meldinger til hverandre.
messages-err-person = Velg et medlem av dette emnet.
notice-message-sent = Meldingen er sendt.
notice-blocked = Blokkert. De nye meldingene deres når ikke fram til deg.
notice-unblocked = Blokkeringen er opphevet.
shout-outs-title = Skryt
shout-outs-lead = Takk en medstudent eller undervisningsteamet for noe de gjorde, så alle ser det.
shout-outs-to = Hvem vil du gi skryt?
shout-outs-choose = Velg en person
recognition-find = Finn en person etter navn
recognition-find-button = Finn
recognition-find-none = Ingen i dette emnet passer med «{ $term }».
recognition-find-more = Flere passer: skriv mer av navnet.
recognition-find-first = Finn personen etter navn først.
shout-outs-body = Hva gjorde de?
shout-outs-hint = Opptil 280 tegn. Alle i emnet kan lese det.
shout-outs-give = Gi skryt
shout-outs-none = Ingen skryt ennå. Bli den første!
shout-outs-recent = Siste skryt
shout-outs-all = Alt skryt
shout-outs-err-person = Velg et medlem av dette emnet å gi skryt til (ikke deg selv).
shout-outs-err-body = Skriv hva de gjorde, med opptil 280 tegn.
notice-shout-out = Skrytet ditt er publisert.
wins-title = Ukens seier
wins-lead = Nominer en medstudent, eller deg selv, for noe som er verdt å feire denne uken. Undervisningsteamet løfter fram én eller flere seire på emnets forside.
wins-weeks = Uker
wins-previous = Forrige uke
wins-next = Neste uke
wins-week = Uke { $week } (fra { $date })
wins-this-week = denne uken
wins-featured = Løftet fram
wins-none-featured = Ingenting er løftet fram denne uken ennå.
wins-nominated-by = nominert av { $name }
wins-nominate = Nominer noen
wins-nominee = Hvem?
wins-reason = Hvorfor? Hva gjorde de?
wins-nominate-button = Nominer
wins-nominations = Ukens nominasjoner
wins-my-nominations = Dine nominasjoner denne uken
wins-featured-tag = løftet fram
wins-feature = Løft fram
wins-unfeature = Slutt å løfte fram
wins-past = Tidligere uker
wins-home = Ukens seier
wins-err-person = Velg et medlem av dette emnet å nominere.
wins-err-reason = Si hvorfor, med opptil 500 tegn.
wins-err-feature = Velg om nominasjonen skal løftes fram.
notice-nominated = Takk for nominasjonen. Undervisningsteamet får se den.
celebrations-title = Feiringer
celebrations-lead = Bursdager og milepæler som fortjener et heiarop.
celebrations-happy-birthday = Gratulerer med dagen, { $name }!
celebrations-birthday = Bursdagen din
celebrations-birthday-hint = Om du vil, gratulerer emnets forside deg med dagen. Bare hilsenen vises, aldri datoen.
celebrations-birthday-missing = Legg først inn bursdagen din i profilen.
celebrations-birthday-on = Feir bursdagen min i dette emnet
celebrations-birthday-off = Slutt å feire bursdagen min her
celebrations-milestone = Del en milepæl
celebrations-milestone-hint = For eksempel «leverte min første oppgave». Opptil 200 tegn.
celebrations-milestone-share = Del
celebrations-milestones = Milepæler
celebrations-none = Ingen milepæler ennå.
celebrations-congratulate = Gratuler
celebrations-cheers = { $count } gratulasjoner
celebrations-err-birthday = Velg om bursdagen din skal feires.
celebrations-err-milestone = Beskriv milepælen med opptil 200 tegn.
notice-milestone = Milepælen er delt. Godt jobbet!
notice-cheered = Notert.
routine-title = Vår uke
routine-lead = Rytmen i dette emnet, uke etter uke, i emnets tidssone ({ $zone }) og i din.
routine-none = Undervisningsteamet har ikke publisert ukerytmen ennå.
routine-today = i dag
routine-your-time = din tid: { $time }
routine-feed = Legg til i kalenderen din
routine-feed-hint = Abonner på denne adressen i kalenderprogrammet ditt (Google Kalender, Outlook, Apple Kalender), så holder ukerytmen seg oppdatert der. Hold den for deg selv: alle som har adressen, kan lese ukerytmen.
routine-feed-url = Kalenderadresse
routine-feed-download = Åpne kalenderfilen
routine-feed-renew = Lag en ny adresse
routine-feed-renew-confirm = Den gamle adressen slutter å virke for alle som abonnerer. Lage en ny?
routine-remove-heading = Oppføringer
routine-remove = Fjern
routine-add = Legg til i ukerytmen
routine-add-button = Legg til
routine-field-title = Hva skjer
routine-field-kind = Type
routine-field-day = Dag
routine-field-start = Starter (emnets tid, { $zone })
routine-field-duration = Varighet i minutter
routine-field-location = Hvor (et sted eller en lenke; valgfritt)
routine-kind-tutor-posts = Innlegg fra læreren
routine-kind-live-session = Direktesending
routine-kind-questions = Spørsmål besvares
routine-kind-office-hours = Kontortid
routine-kind-other = Annet
routine-day-1 = mandag
routine-day-2 = tirsdag
routine-day-3 = onsdag
routine-day-4 = torsdag
routine-day-5 = fredag
routine-day-6 = lørdag
routine-day-7 = søndag
routine-err-weekday = Velg en ukedag.
routine-err-start = Oppgi et starttidspunkt som 09:30.
routine-err-duration = Oppgi en varighet mellom 5 og 600 minutter.
routine-err-title = Si hva som skjer, med opptil 120 tegn.
routine-err-kind = Velg en type.
routine-err-location = Hold stedet eller lenken under 300 tegn på én linje.
routine-err-too-many = Ukerytmen har plass til 40 oppføringer.
notice-routine-deleted = Oppføringen er fjernet.
notice-feed-renewed = Det finnes en ny kalenderadresse. Den gamle virker ikke lenger.
home-wins-more = Nominer noen denne uken
home-shout-outs-more = Gi skryt eller se alt
home-celebrations-more = Alle feiringer
messages-block-confirm = Blokkere denne personen? De nye meldingene deres når ikke fram til deg.
messages-write = Skriv en ny melding
messages-block-where = For å blokkere noen, åpne profilen deres eller en samtale med dem og velg Blokker.
messages-blocked-first = De første blokkerte
messages-blocked-more = Flere blokkerte
messages-block-person = Blokker { $name }
messages-unblock-person = Opphev blokkeringen av { $name }
## Varsler, e-postinnstillinger og jobber
nav-notifications = Varsler
nav-unread = { $count ->
    [one] { $count } ulest varsel
   *[other] { $count } uleste varsler
}
notifications-title = Varsler
notifications-mark-all = Merk alle som lest
notifications-empty = Ingenting nytt. Svar, omtaler, meldinger, heiarop og kunngjøringer dukker opp her.
notifications-new = Ny
notifications-email-settings = Velg hvordan varsler når deg på e-post
notice-notifications-read = Alle varsler er merket som lest.
notification-someone = Noen
notification-reply = { $actor } svarte: { $subject }
notification-mention = { $actor } nevnte deg: { $subject }
notification-message = { $actor } sendte deg en melding: { $subject }
notification-shout-out = { $actor } ga deg et heiarop: { $subject }
notification-announcement = { $actor } publiserte en kunngjøring: { $subject }
notification-featured = Fremhevet denne uken: { $subject }
notification-welcome = { $actor } ønsket deg velkommen: { $subject }
notification-digest-daily = { $count ->
    [one] Din daglige oppsummering fra Homeroom: 1 nytt varsel
   *[other] Din daglige oppsummering fra Homeroom: { $count } nye varsler
}
notification-digest-weekly = { $count ->
    [one] Din ukentlige oppsummering fra Homeroom: 1 nytt varsel
   *[other] Din ukentlige oppsummering fra Homeroom: { $count } nye varsler
}
notification-no-course = Annet
notification-email-greeting = Hei { $name },
notification-email-all = Alle varslene dine:
notification-email-why = Du får denne e-posten på grunn av varselinnstillingene dine. Endre dem her:
notification-email-unsubscribe = Stopp disse e-postene med ett klikk:
account-email-notifications = Varsler på e-post
field-email-frequency = Send meg varsler
email-frequency-immediate = Med en gang (men ikke mellom 22:00 og 07:00)
email-frequency-daily = I en daglig oppsummering klokken 07:00
email-frequency-weekly = I en ukentlig oppsummering mandag klokken 07:00
email-frequency-none = Aldri; jeg ser etter i Homeroom
hint-email-frequency = Tidene gjelder i din egen tidssone. Varsler du allerede har lest, tas ikke med.
err-email-frequency = Velg en av måtene å få varsler på e-post.
unsubscribe-title = Stopp e-post om varsler
unsubscribe-lead = Homeroom slutter å sende deg e-post om varsler. Du ser dem fortsatt når du logger inn.
unsubscribe-confirm = Stopp e-postene
unsubscribe-done = Ferdig: du får ikke flere e-poster om varsler.
unsubscribe-change = Endre e-postinnstillingene dine
outbox-emails = E-poster
outbox-search = Finn e-poster etter mottaker eller emne
outbox-none-found = Ingen e-post passer til søket.
outbox-failed-all = { $count ->
    [one] Se jobben som mislyktes
   *[other] Se alle { $count } jobber som mislyktes
}
jobs-failed-title = Bakgrunnsjobber som mislyktes
jobs-failed-none = Ingen bakgrunnsjobb har mislyktes.
jobs-attempts = { $count ->
    [one] ga opp etter 1 forsøk
   *[other] ga opp etter { $count } forsøk
}

## Collage, pictures on board notes, profile completions (issue 3)
collage-title = Collage
collage-lead = Hvordan ser et godt sted å samarbeide ut? Legg til et bilde med noen ord, og se på klassens bilder sammen.
collage-together = Vis sammen
collage-together-leave = Tilbake til collagen
collage-add = Legg til et bilde
collage-image = Bilde
collage-image-hint = JPEG, PNG eller WebP på opptil { $limit } MB. Det beskjæres til et kvadrat, og sted og kameradetaljer fjernes.
collage-caption = Hva det viser
collage-caption-hint = En kort beskrivelse som leses opp for dem som ikke kan se bildet.
collage-add-button = Legg til i collagen
collage-empty = Ingen bilder ennå.
collage-remove = Fjern
collage-remove-confirm = Fjerne dette bildet fra collagen?
collage-previous = Forrige
collage-next = Neste
collage-slide-of = Bilde { $n } av { $total }
collage-board-link = Se klassens collage av hvordan et godt samarbeidsmiljø ser ut.
collage-err-no-image = Velg et bilde å legge til.
collage-err-caption-missing = Fortell med noen ord hva bildet viser.
collage-err-caption-short = Fortell med litt flere ord hva bildet viser (minst 3 tegn).
collage-err-caption-long = Hold beskrivelsen til { $max } tegn.
collage-err-caption-file = Beskriv hva bildet viser i stedet for å oppgi filnavnet.
collage-err-full = Collagen har plass til { $max } bilder.
notice-collage-added = Bildet ditt er på collagen.
notice-collage-removed = Bildet er fjernet.
board-image = Et bilde (valgfritt)
board-image-hint = JPEG, PNG eller WebP på opptil { $limit } MB.
board-image-alt = Hva bildet viser
board-image-alt-hint = Trengs sammen med et bilde, for dem som ikke kan se det.
board-err-image-alt = Fortell med noen ord hva bildet viser (3 til 200 tegn).
profile-survey-answers = Fra spørreundersøkelsen ved kursstart
profile-shout-outs = Skryt mottatt

# Attachments on forum posts
attach-summary = Legg ved filer
attach-hint = Opptil { $max } filer: bilder (JPEG, PNG, WebP) opptil { $image } MB, lyd opptil { $audio } MB, video opptil { $video } MB, dokumenter (PDF, Word, Excel, PowerPoint, OpenDocument, zip, ren tekst) opptil { $file } MB.
attach-slot = Fil { $n }
attach-file = Velg en fil
attach-describe = Beskrivelse
attach-describe-hint = For et bilde: hva det viser (leses opp for dem som ikke kan se det). For lyd eller video: en transkripsjon. La feltet stå tomt for dokumenter.
attach-list = Vedlegg
attach-transcript = Transkripsjon
attach-existing = Vedlagte filer
attach-remove = Fjern { $name }
attach-err-count = Et innlegg kan ha opptil { $max } filer.
attach-err-description = Hold hver beskrivelse under { $max } tegn.
attach-err-type = { $field }: denne filtypen kan ikke legges ved. Bruk et bilde (JPEG, PNG, WebP), lyd eller video (WebM, Ogg, MP4, M4A, MP3, WAV) eller et dokument (PDF, Word, Excel, PowerPoint, OpenDocument, zip, ren tekst).

# The course files area
files-title = Filer
files-top = Filer (øverste nivå)
files-folders = Mapper
files-no-folders = Ingen mapper her.
files-new-folder = Ny mappe
files-folder-name = Mappenavn
files-create-folder = Opprett mappe
files-folder-actions = Gi nytt navn til eller slett denne mappen
files-rename-folder = Nytt navn på mappen
files-rename = Gi nytt navn
files-delete-folder = Slett mappen
files-delete-folder-confirm = Slette denne tomme mappen?
files-delete-folder-hint = Bare en tom mappe kan slettes: flytt eller slett filene og mappene i den først.
files-files = Filer
files-empty = Ingen filer her ennå.
files-col-name = Navn
files-col-size = Størrelse
files-col-uploader = Lastet opp av
files-col-date = Dato
files-col-actions = Handlinger
files-change = Endre { $name }
files-new-name = Nytt navn
files-move-to = Flytt til
files-move = Flytt
files-delete = Slett
files-delete-confirm = Slette denne filen for alle?
files-upload = Last opp filer
files-choose = Velg filer
files-upload-button = Last opp
files-upload-hint = Opptil { $max } filer om gangen: bilder (JPEG, PNG, WebP) opptil { $image } MB, lyd opptil { $audio } MB, video opptil { $video } MB, dokumenter (PDF, Word, Excel, PowerPoint, OpenDocument, zip, ren tekst) opptil { $file } MB.
files-file = Filen
files-settings = Innstillinger for filer
files-students-upload = Studenter kan laste opp filer
files-students-upload-hint = Studentene kan da gi nytt navn til, flytte og slette sine egne filer. Undervisningsteamet styrer mappene og alle filene.
files-save-settings = Lagre innstillingene
files-err-folder-name = Gi mappen et navn på opptil 100 tegn.
files-err-folder-slash = Et mappenavn kan ikke inneholde skråstrek.
files-err-folder-exists = Det finnes allerede en mappe med det navnet her.
files-err-folder-not-empty = Mappen har fortsatt filer eller mapper i seg. Flytt eller slett dem først.
files-err-name = Gi filen et navn på opptil 120 tegn.
files-err-count = Last opp opptil { $max } filer om gangen.
files-err-none = Velg minst én fil å laste opp.
notice-files-folder-made = Mappen er opprettet.
notice-files-folder-deleted = Mappen er slettet.
notice-files-uploaded = Lastet opp.
notice-files-moved = Filen er flyttet.
notice-files-deleted = Filen er slettet.
files-home-link = Kursfiler
# Scheduled and recurring posts; the course home's "What's new" feed.
schedule-title = Planlagte innlegg
schedule-lead = Skriv nå, publiser senere: én gang, eller hver uke på dagene du velger. Datoer og klokkeslett er i kursets tidssone ({ $zone }).
schedule-upcoming = Kommende
schedule-none = Ingenting er planlagt.
schedule-next = Neste: { $when }
schedule-edit = Endre
schedule-cancel = Avlys
schedule-cancel-confirm = Avlyse dette planlagte innlegget? Det blir ikke publisert mer.
schedule-new = Planlegg et innlegg
schedule-edit-heading = Endre det planlagte innlegget
schedule-field-space = Rom
schedule-field-title = Tittel
schedule-field-body = Melding
schedule-field-repeat = Hvor ofte
schedule-once = Én gang
schedule-weekly = Hver uke
schedule-field-date = Dato (for hver uke: den første dagen det kan publiseres)
schedule-field-time = Klokkeslett ({ $zone })
schedule-field-days = Dager (for hver uke)
schedule-field-until = Siste dag (valgfritt)
schedule-field-date-in-title = Legg dagen til i tittelen («Ukens melding – 30 Nov»)
schedule-add = Planlegg
schedule-save = Lagre endringene
schedule-every-day = dag
schedule-every-weekday = hverdag
schedule-repeat-line = Hver { $days } kl. { $time }
schedule-until-line = til og med { $date }
schedule-link = Planlagte innlegg
schedule-err-space = Velg et åpent rom i dette kurset.
schedule-err-date = Skriv datoen som en kalenderdag, for eksempel 2026-11-30.
schedule-err-time = Skriv klokkeslettet som timer og minutter, for eksempel 08:00.
schedule-err-past = Det tidspunktet er passert. Velg et tidspunkt fram i tid.
schedule-err-repeat = Velg én gang eller hver uke.
schedule-err-days = Kryss av for minst én ukedag.
schedule-err-until = Den siste dagen kan ikke være før den første.
schedule-err-none = Ingen av de valgte dagene faller mellom første og siste dag.
schedule-err-too-many = Dette kurset har allerede 50 planlagte innlegg. Avlys ett før du legger til et nytt.
schedule-err-changed = Innlegget ble publisert eller endret mens du redigerte. Se på listen og prøv igjen.
notice-schedule-saved = Innlegget er planlagt.
notice-schedule-cancelled = Det planlagte innlegget er avlyst.
feed-title = Siste nytt
feed-none = Ingenting nytt ennå. Start en tråd i kaffekroken, eller gi noen skryt.
feed-coming-up = Snart
feed-announcement = { $name } kunngjorde: { $title }
feed-thread = { $name } startet «{ $title }»
feed-thread-replies = Nye svar i «{ $title }»
feed-shout-out = { $from } ga { $to } skryt
feed-win = Ukens seier: { $name }
feed-milestone = { $name } nådde en milepæl
feed-event = { $title } ({ $kind })
