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
