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
roster-ready = Alle { $count } radene er klare til import.
roster-new-accounts = { $count } nye kontoer (de velger passord fra invitasjonen)
roster-existing = { $count } personer som allerede har en konto
roster-already = { $count } personer som allerede er med i emnet (blir som de er)
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
roster-import-button = Importer { $count } personer
roster-rows-ok = Vis de { $count } radene som er i orden
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
join-account-exists = Det finnes allerede en konto med denne e-posten.
join-sign-in-first = Logg inn for å bli med.

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
groups-report-size = Alle grupper har { $size } personer.
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
groups-asked-overlap = { $hours } timer sammen
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
budget-total = { $hours } timer i uka til sammen
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
expectations-read-count = { $read } av { $total } studenter har lest den nåværende versjonen
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
kit-progress = { $done } av { $total } studenter har deltatt
kit-not-ready = ikke satt opp ennå

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
jobs-failed-title = Bakgrunnsjobber som mislyktes
jobs-failed-none = Ingen bakgrunnsjobb har mislyktes.
jobs-attempts = { $count ->
    [one] ga opp etter 1 forsøk
   *[other] ga opp etter { $count } forsøk
}
