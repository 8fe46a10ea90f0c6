# presence
radar-title = Relasjonsradar
radar-lead = Hver student, med navngitte grunner til at et personlig ord fra deg kan hjelpe nå. Bare lærerteamet ser denne siden.
radar-refreshed = Tall per { $when }.
radar-sort = Sorter etter
radar-sort-name = Navn
radar-sort-contact = Lengst siden personlig kontakt
radar-sort-activity = Lengst siden de var aktive
radar-filter = Vis
radar-filter-all = Alle
radar-apply = Vis
radar-export = Last ned som CSV
radar-empty = Ingen studenter å vise ennå. Radaren fylles ut i løpet av noen minutter.
radar-select = Velg { $name }
radar-by = av { $name }
radar-never = aldri
radar-survey-done = har svart på undersøkelsen
radar-survey-not-done = har ikke svart på undersøkelsen
radar-log-selected = Registrer en kontakt med de valgte studentene
radar-signal-not-contacted = Ikke kontaktet
radar-signal-isolated = Isolert
radar-signal-unanswered = Ubesvart spørsmål
radar-signal-gone-quiet = Blitt stille
radar-signal-not-introduced = Ikke presentert
radar-why-not-contacted = ikke kontaktet på { $days } { $days ->
    [one] dag
   *[other] dager
}
radar-why-never-contacted = aldri kontaktet personlig
radar-why-isolated = isolert: ingen medstudent på { $days } dager ({ $peers ->
    [one] én medstudent
   *[other] { $peers } medstudenter
} totalt)
radar-why-unanswered = ubesvart spørsmål i { $hours } { $hours ->
    [one] time
   *[other] timer
}
radar-why-gone-quiet = blitt stille: { $recent } { $recent ->
    [one] handling
   *[other] handlinger
} på to uker, mye mindre enn vanlig
radar-why-not-introduced = ikke presentert seg etter { $days } { $days ->
    [one] dag
   *[other] dager
}
radar-col-select = Velg
radar-col-name = Student
radar-col-last-contact = Siste personlige kontakt
radar-col-contacted-by = Kontaktet av
radar-col-last-activity = Sist aktiv
radar-col-posts = Innlegg
radar-col-classmates = Medstudenter
radar-col-introduced = Presentert
radar-col-survey = Svart på undersøkelsen
radar-col-signals = Signaler
radar-log-title = Registrer en kontakt
radar-log-students = Hvem var du i kontakt med?
radar-log-kind = Hvordan
radar-log-when = Når
radar-log-when-hint = La stå tomt for nå. I din egen tidssone.
radar-log-note = Privat notat
radar-log-note-hint = Bare lærerteamet ser dette; studenten ser det aldri.
radar-log-follow-up = Følg opp den (valgfritt)
radar-log-save = Registrer kontakten
radar-notice-logged = Kontakten er registrert. Radaren oppdateres om et øyeblikk.
radar-kind-message = Melding
radar-kind-reply = Svar på innlegget deres
radar-kind-mention = Omtale
radar-kind-shout-out = Hilsen
radar-kind-welcome = Velkomst på presentasjonen deres
radar-kind-feedback = Tilbakemelding
radar-kind-meeting = Møte på tomannshånd
radar-kind-call = Telefon- eller videosamtale
radar-kind-email = E-post utenfor Homeroom
radar-kind-chat = Prat etter timen
radar-kind-other = Annet
radar-err-summary = Noe må rettes før kontakten kan registreres; se nedenfor.
radar-err-no-student = Velg minst én student.
radar-err-student = Velg bare studenter i dette emnet.
radar-err-kind = Velg hvordan dere var i kontakt.
radar-err-when = Skriv dato og klokkeslett som 2026-12-06 14:30, eller la stå tomt for nå.
radar-err-future = Kontakten kan ikke være i fremtiden.
radar-err-note = Notatet er for langt: hold det under 2000 tegn.
radar-err-follow-up = Skriv oppfølgingsdatoen som 2026-12-24, eller la stå tomt.
radar-my-title = Kontakter fra lærerteamet ditt
radar-my-lead = De personlige kontaktene veilederne og læringsassistentene dine har registrert med deg i dette emnet.
radar-my-none = Ingen kontakter registrert ennå.
radar-act-queue = Legg til i min oppfølgingskø
radar-act-message = Send dem en melding
radar-act-pair = Koble med en medstudent
outreach-title = Min oppfølgingskø
outreach-lead = Studentene du følger opp som bør få et personlig ord fra deg denne uka: de med et signal først, så de som har ventet lengst. Når du tar kontakt, krysses de av.
outreach-progress = { $done } av { $total } kontaktet denne uka.
outreach-follow-ups-due = { $count ->
    [one] én oppfølging venter
   *[other] { $count } oppfølginger venter
}
outreach-empty = Ingen står for tur denne uka. Godt jobbet.
outreach-col-due = Står for tur
outreach-col-act = Gjør
outreach-done = kontaktet { $when }
outreach-overdue = forsinket med { $days } { $days ->
    [one] dag
   *[other] dager
}
outreach-due = står for tur { $when }
outreach-log = Registrer en kontakt
outreach-message = Melding
outreach-settings-title = Innstillinger for oppfølging
outreach-rhythm = Hver student hører fra en av oss minst hver … dag
outreach-sharing = Hvordan studentene fordeles i lærerteamet
outreach-sharing-round-robin = På omgang
outreach-sharing-group = Etter gruppe: hver gruppes studenter hos én av oss
outreach-sharing-hand = Bare for hånd
outreach-ta-insight = Læringsassistenter kan se radaren, lærerteamets notater og klassegrafen
outreach-answer-line = Vis studentene hvor raskt vi vanligvis svarer i spørsmål og svar-rommet
outreach-save = Lagre innstillingene
outreach-team = Hvem følger opp hvor mange
outreach-team-share = { $name }: { $count ->
    [one] én student
   *[other] { $count } studenter
}
outreach-team-hint = Studenter du velger på radaren, kan gis til hvem som helst i teamet; resten fordeles etter regelen over.
outreach-notice-saved = Innstillingene er lagret. Køene oppdateres om et øyeblikk.
outreach-notice-assigned = Ferdig. Køene oppdateres om et øyeblikk.
outreach-notice-queued = Lagt til i oppfølgingskøen din. Den oppdateres om et øyeblikk.
outreach-err-summary = Noe må rettes før innstillingene kan lagres; se nedenfor.
outreach-err-rhythm = Skriv et helt antall dager fra 1 til 90.
outreach-err-sharing = Velg hvordan studentene fordeles.
outreach-err-staff = Velg noen i lærerteamet i dette emnet.
outreach-err-action = Velg hva du vil gjøre med de valgte studentene.
outreach-follow-ups-title = Oppfølginger som venter
outreach-follow-ups-lead = Kontakter registrert med en oppfølgingsdato som er kommet, uten at noen har tatt kontakt siden. Bare lærerteamet ser disse notatene.
outreach-follow-ups-none = Ingen oppfølginger venter.
outreach-follow-up-on = Følg opp { $date }
graph-title = Klassegraf
graph-lead = Hvem som samhandler med hvem: svar, omtaler, shout-outs, meldinger og felles grupper. Bare lærerteamet ser denne siden.
graph-period = Periode
graph-period-all = Siden emnet startet
graph-period-30 = De siste 30 dagene
graph-period-7 = De siste 7 dagene
graph-kind = Type
graph-kind-all = Alle typer
graph-kind-reply = Svar
graph-kind-mention = Omtaler
graph-kind-shout-out = Shout-outs
graph-kind-message = Meldinger
graph-kind-group = Felles grupper
graph-drawn = Tegnet { $when }.
graph-summary = { $students ->
    [one] Én student
   *[other] { $students } studenter
}, { $isolated } uten medstudent i denne perioden.
graph-clusters = { $count ->
    [0] Ingen klynger ennå.
    [one] Én klynge.
   *[other] { $count } klynger.
}
graph-legend = Sirkler er studenter, farget etter klynge; hule sirkler på den ytre ringen har ingen medstudent; firkanter og stiplede linjer er lærerteamet og hvem det når.
graph-isolated = Ingen medstudent i denne perioden
graph-isolated-more = { $count ->
    [one] og én til
   *[other] og { $count } til
}
graph-reach = Hvem lærerteamet når
graph-reach-one = { $name }: { $count ->
    [one] én student
   *[other] { $count } studenter
}
graph-table = Alle i grafen
graph-col-name = Navn
graph-col-people = Personer de har samhandlet med
graph-col-cluster = Klynge
graph-staff = (lærerteamet)
graph-is-isolated = ingen medstudent
graph-not-yet = Ikke tegnet ennå: tallene beregnes med noen minutters mellomrom.
response-title = Svartider
response-lead = Hvor lenge studentenes spørsmål venter på første svar fra lærerteamet: spørsmål og svar-tråder, spørsmål i andre rom og direktemeldinger til lærerne.
response-overall = Samlet
response-by-week = Per uke (fra)
response-by-staff = Etter hvem som svarte først
response-col-answered = Besvart
response-col-waiting = Venter fortsatt
response-col-median = Median ventetid
response-col-p90 = 9 av 10 besvart innen
response-minutes = { $n } { $n ->
    [one] minutt
   *[other] minutter
}
response-hours = { $n } { $n ->
    [one] time
   *[other] timer
}
response-days = { $n } { $n ->
    [one] dag
   *[other] dager
}
response-usually = Vi svarer vanligvis innen { $wait }.
weekly-subject = { $course }: din oppfølgingsuke
weekly-greeting = God morgen, { $name }. Her er uka di i emnet.
weekly-due = Bør få et personlig ord fra deg denne uka: { $count }
weekly-alone = Isolert eller blitt stille blant studentene dine: { $count }
weekly-unanswered = Med et spørsmål ingen har svart på: { $count }
weekly-more = … og { $count } til
weekly-open = Åpne oppfølgingskøen din:
