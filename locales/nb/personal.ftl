personal-title = Personlige meldinger
personal-lead = Skriv én melding med flettefelt og vilkår; hver student får sin egen versjon, i Homeroom og på e-post. Svar kommer tilbake som samtaler med deg. Ingenting sporer om en melding ble åpnet.
personal-new = Skriv en melding
personal-from-radar = Velg studenter på radaren
personal-radar-button = Skriv en personlig melding til de valgte
personal-none = Ingen personlige meldinger ennå.
personal-subject = Emne
personal-col-status = Status
personal-col-recipients = Studenter
personal-col-by = Fra
personal-col-when = Når
personal-col-name = Student
personal-templates = Lagrede maler
personal-templates-none = Ingen lagrede maler ennå. Lagre en fra forhåndsvisningen av en melding.
personal-template-delete = Slett
personal-template-delete-confirm = Slette denne malen?
personal-compose-title = Skriv en personlig melding
personal-compose-lead = Bruk flettefelt som {"{{ first_name }}"} og blokker som {"{% if days_since_posted >= 7 %}…{% endif %}"}. Du ser hver students versjon før noe sendes.
personal-err-summary = Noe må rettes; det er merket nedenfor.
personal-from-template = Start fra en lagret mal
personal-body = Melding
personal-body-hint = Markdown virker. Verdier fra studentenes profiler vises slik de skrev dem og kan ikke endre oppsettet.
personal-fields = Felt du kan bruke
personal-who = Hvem får den
personal-who-condition = Alle aktive studenter dette stemmer for (tomt: alle)
personal-condition = Vilkår
personal-condition-hint = For eksempel: days_since_posted >= 7 and group == 3, eller 'parent' in survey.circumstances|lower
personal-who-chosen = Bare studentene som er krysset av her
personal-preview = Lagre og forhåndsvis
personal-preview-title = { $count ->
    [one] Forhåndsvisning: én student
   *[other] Forhåndsvisning: { $count } studenter
}
personal-variants = Versjoner
personal-variant-count = { $count ->
    [one] 1 student får
   *[other] { $count } studenter får
}
personal-preview-for = Slik { $name } vil lese den
personal-when = Send (valgfritt)
personal-when-hint = La stå tomt for å sende nå. Tiden er i emnets tidssone ({ $zone }).
personal-send = { $count ->
    [one] Send til 1 student
   *[other] Send til { $count } studenter
}
personal-template-name = Lagre som mal, med navnet
personal-template-save = Lagre mal
personal-status-title = Personlig melding
personal-status-draft = Utkast
personal-status-scheduled = Planlagt
personal-status-sending = Sendes
personal-status-sent = Sendt
personal-scheduled-for = Sendes { $when }.
personal-going-out = Sendes nå.
personal-cancel = Gjør om til utkast
personal-sent-at = Sendt { $when }
personal-progress = Fremdrift
personal-progress-text = { $done } av { $total } ferdig
personal-state-queued = Venter
personal-state-sent = Sendt
personal-state-failed = Ikke sendt
personal-state-replied = Har svart
personal-refresh = Se igjen
personal-recipients = Studenter
personal-failed-left = er ikke lenger aktiv student i emnet
personal-failed-blocked = har blokkert meldinger fra deg
personal-kind-text = tekst
personal-kind-number = tall
personal-kind-list = liste med navn
personal-kind-bool = ja eller nei
personal-err-for = For { $name }: { $reason }
personal-err-subject-empty = Skriv et emne.
personal-err-subject-long = Emnet er én linje på høyst 200 tegn.
personal-err-body-empty = Skriv meldingen.
personal-err-nobody = Kryss av minst én student.
personal-err-not-student = Bare aktive studenter i dette emnet kan velges.
personal-err-nobody-meets = Ingen oppfyller dette vilkåret.
personal-err-too-long = Dette er for langt ({ $length } tegn).
personal-err-too-deep = Blokkene ligger for dypt inni hverandre (høyst { $depth }).
personal-err-unknown = Det finnes ikke noe felt som heter { $fields }. Se listen over felt du kan bruke.
personal-err-block = Bare if- og for-blokker kan brukes, ikke «{ $block }» (linje { $line }).
personal-err-syntax = Linje { $line }: { $detail }
personal-err-work = Dette ville kreve for mye arbeid å skrive ut; gå gjennom færre ting.
personal-err-output = Dette ville gi en altfor lang melding.
personal-err-render = Dette kan ikke skrives ut: { $detail }
personal-err-when = Oppgi dato og klokkeslett, eller la stå tomt for å sende nå.
personal-err-past = Det tidspunktet er passert; velg et senere, eller la stå tomt for å sende nå.
personal-err-not-draft = Denne meldingen er allerede planlagt eller sendt.
personal-err-name-empty = Gi malen et navn.
personal-err-name-long = Navnet kan ha høyst 100 tegn.
personal-err-too-many = Emnet har så mange lagrede maler det kan ha; slett en først.
personal-notice-scheduled = Planlagt.
personal-notice-sending = Sendes nå.
personal-notice-cancelled = Tatt tilbake; det er et utkast igjen.
personal-notice-too-late = Den var allerede sendt.
personal-notice-template = Malen er lagret.
personal-notice-template-deleted = Malen er slettet.
personal-email-footer = { $sender } skrev dette til deg i { $course }. Svar i Homeroom, der svaret ditt når { $sender } direkte: { $link }
